/** The builtin rule files, one per family, in Entra's evaluation order. Each is plain JSON checked by the meta-schema. */
import external from './external.json' with { type: 'json' };
import federatedCredentials from './federated-credentials.json' with { type: 'json' };
import format from './format.json' with { type: 'json' };
import hygiene from './hygiene.json' with { type: 'json' };
import managedIdentity from './managed-identity.json' with { type: 'json' };
import obo from './obo.json' with { type: 'json' };
import request from './request.json' with { type: 'json' };
import selfSigned from './self-signed.json' with { type: 'json' };

export const BUILTIN_RULE_FILES: readonly { description: string; rules: readonly unknown[] }[] = [
  format,
  hygiene,
  obo,
  selfSigned,
  managedIdentity,
  external,
  federatedCredentials,
  request,
];

/** Rules on what Entra forgives but other JWT libraries may not: reported apart from the verdict. */
export const HYGIENE_RULE_IDS: ReadonlySet<string> = new Set(hygiene.rules.map((rule) => rule.id));
