/** What a scope, resource or audience string says, in Entra's terms (reference §2.1, §2.5). */
import { CLOUD_NAMES, CLOUDS, DEFAULT_SCOPE_SUFFIX, GUID_RE, type Cloud } from '#catalogue';

/** Clouds by exchange audience, longest first: the sovereign audiences extend the global one. */
const EXCHANGE_CLOUDS = [...CLOUD_NAMES].sort(
  (a, b) => CLOUDS[b].exchangeAudience.length - CLOUDS[a].exchangeAudience.length,
);

/** How a token request names the exchange audience: a scope (`…/.default`), an msal MI `resource`, or a GitHub `audience`. */
export type ExchangeForm = 'scope' | 'resource' | 'audience';

export interface ExchangeValue {
  /** The cloud whose exchange audience the value starts with. App ID URIs match case-insensitively. */
  readonly cloud: Cloud;
  /** `exact`: right for the form; `no-default`: a scope without `/.default`; `misspelled`: anything else after the audience. */
  readonly shape: 'exact' | 'no-default' | 'misspelled';
}

/** The exchange audience a value names, or undefined when it names another resource. */
export function exchangeValue(value: string, form: ExchangeForm): ExchangeValue | undefined {
  const lower = value.toLowerCase();
  const cloud = EXCHANGE_CLOUDS.find((c) => lower.startsWith(CLOUDS[c].exchangeAudience.toLowerCase()));
  if (!cloud) return undefined;
  const rest = lower.slice(CLOUDS[cloud].exchangeAudience.length);
  const suffix = DEFAULT_SCOPE_SUFFIX.toLowerCase();
  const exact =
    form === 'scope' ? rest === suffix : form === 'resource' ? ['', '/', suffix].includes(rest) : rest === '';
  const shape = exact ? 'exact' : form === 'scope' && (rest === '' || rest === '/') ? 'no-default' : 'misspelled';
  return { cloud, shape };
}

/** The value a token request should name for the exchange in `cloud`. */
export function canonicalExchangeValue(form: ExchangeForm, cloud: Cloud): string {
  const audience = CLOUDS[cloud].exchangeAudience;
  return form === 'scope' ? `${audience}${DEFAULT_SCOPE_SUFFIX}` : audience;
}

/** Client credentials need `{resource}/.default`. */
export function hasDefaultSuffix(scope: string): boolean {
  return scope.toLowerCase().endsWith(DEFAULT_SCOPE_SUFFIX);
}

const URI_RE = /^[a-z][a-z0-9+.-]*:\/\/[^/]+(\/.*)?$/i;

/**
 * `{resource}/.default` for a scope whose resource is clear: an App ID URI or URL, bare or with a
 * permission after its last `/`, or an app id GUID. Undefined for `User.Read`, `openid` and the like.
 */
export function defaultScopeFor(scope: string): string | undefined {
  const slash = scope.lastIndexOf('/');
  const head = slash < 0 ? scope : scope.slice(0, slash);
  if (GUID_RE.test(head)) return `${head}${DEFAULT_SCOPE_SUFFIX}`;
  const uri = URI_RE.exec(scope);
  if (!uri) return undefined;
  return `${uri[1] === undefined ? scope : head}${DEFAULT_SCOPE_SUFFIX}`;
}
