/** What kind of token an assertion is, read from its header and claims (reference §1.2, §1.3). */
import { EXTERNAL_PROVIDERS } from './issuers.js';

/** The kinds of token Entra issues. */
export const ENTRA_TOKEN_KINDS = [
  'entra-delegated',
  'entra-app-only',
  'managed-identity',
  'fic-derived',
  'entra-id-token',
  'first-party',
] as const;

export const TOKEN_KINDS = [
  ...ENTRA_TOKEN_KINDS,
  'self-signed-assertion',
  ...EXTERNAL_PROVIDERS,
  'external-oidc',
  'malformed',
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];
