/** The context form: what the user knows about the request, as an `AssertionContext`, and the share link that carries it. */
import type { AssertionContext, Cloud, Flow } from '@entra-guard/policy/web';

/** Fields a share link may carry: the whole form, never a token or a key. */
const TEXT_FIELDS = ['tenantId', 'clientId', 'cloud', 'flow', 'scope', 'appIdUris'] as const;
const JSON_FIELDS = ['federatedIdentityCredentials', 'keyCredentials'] as const;
const SHARED_FIELDS = [...TEXT_FIELDS, ...JSON_FIELDS];

export interface FormReading {
  context: AssertionContext;
  /** The flow chosen in the form, if any: it overrides what the paste shows. */
  flow: Flow | null;
  problems: string[];
}

/** A Graph list (`{ "value": [...] }`), an `az … list` array, or one object: the records. */
function records(name: string, text: string, problems: string[]): object[] | undefined {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    problems.push(`${name} is not JSON.`);
    return undefined;
  }
  const list = Array.isArray(parsed) ? parsed : ((parsed as { value?: unknown } | null)?.value ?? [parsed]);
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))) {
    problems.push(`${name} is not a list of objects.`);
    return undefined;
  }
  return list as object[];
}

export function readForm(form: HTMLFormElement): FormReading {
  const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
  const problems: string[] = [];
  const context: AssertionContext = {};
  if (value('tenantId') !== '') context.tenantId = value('tenantId');
  if (value('clientId') !== '') context.clientId = value('clientId');
  if (value('cloud') !== '') context.cloud = value('cloud') as Cloud;
  if (value('scope') !== '') context.scope = value('scope');
  if (value('appIdUris') !== '') context.appIdUris = value('appIdUris').split(/\s+/);
  const fics = records('Federated credentials', value('federatedIdentityCredentials'), problems);
  if (fics !== undefined)
    context.federatedIdentityCredentials = fics as AssertionContext['federatedIdentityCredentials'];
  const keys = records('Key credentials', value('keyCredentials'), problems);
  if (keys !== undefined) context.keyCredentials = keys as AssertionContext['keyCredentials'];
  const flow = value('flow');
  return { context, flow: flow === '' ? null : (flow as Flow), problems };
}

/** The page's address with the form in its fragment (a fragment never reaches a server). */
export function shareLink(form: HTMLFormElement, location: Location): string {
  const params = new URLSearchParams();
  for (const name of SHARED_FIELDS) {
    const field = form.elements.namedItem(name) as HTMLInputElement | null;
    if (field !== null && field.value.trim() !== '') params.set(name, field.value.trim());
  }
  return `${location.origin}${location.pathname}#${params.toString()}`;
}

/** Fills the form from a share link's fragment; anything but the shared fields is ignored. */
export function fillFromFragment(form: HTMLFormElement, fragment: string): void {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  for (const name of SHARED_FIELDS) {
    const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
    const given = params.get(name);
    if (field === null || given === null) continue;
    if (field instanceof HTMLSelectElement && ![...field.options].some((o) => o.value === given)) continue;
    field.value = given;
  }
}
