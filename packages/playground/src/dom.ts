/** Building the page's DOM from data: text is only ever set as text, never parsed as HTML. */

export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children)
    if (child !== null && child !== undefined && child !== false)
      element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

/** A link that opens outside the page and tells the next site nothing about it. */
export const link = (href: string, text: string): HTMLAnchorElement =>
  h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, text);

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** Catalogue prose: `code spans` become <code>, the rest stays text. */
export const prose = (text: string): Child[] =>
  text.split(/`([^`\n]+)`/).map((part, i) => (i % 2 === 1 ? h('code', {}, part) : part));
