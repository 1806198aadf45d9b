/** String helpers for untrusted input, each linear by construction (no regex that can backtrack). */

/** `text` without its trailing run of `char`. */
export function stripTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}
