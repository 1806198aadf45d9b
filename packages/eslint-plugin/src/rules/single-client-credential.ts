import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import { getFileModel, MSAL, type ClientField, type ClientFieldValue, type FileModel } from '../provenance/index.js';
import { createRule } from '../util/create-rule.js';

/** The fields msal-node counts as client credentials, in its own order. */
const CREDENTIALS: readonly ClientField[] = ['secret', 'assertion', 'certificate'];

/**
 * Whether the value is set for sure, as msal-node's truthiness check sees it. Values picked at run
 * time (`cond ? a : undefined`, `a ?? b`) and falsy constants do not count.
 */
function isSet(model: FileModel, node: TSESTree.Node): boolean {
  const value = model.resolve(node);
  if (value.type === T.ConditionalExpression || value.type === T.LogicalExpression) return false;
  if (value.type === T.Identifier && value.name === 'undefined') return false;
  if (value.type === T.Literal) return Boolean(value.value);
  return model.staticString(node) !== '';
}

/** msal-node counts a certificate only with a thumbprint and a private key. */
function isCredentialSet(model: FileModel, field: ClientField, entry: ClientFieldValue): boolean {
  if (!isSet(model, entry.node)) return false;
  if (field !== 'certificate') return true;
  const certificate = model.objectShape(entry.node);
  if (!certificate) return true;
  const has = (key: string) => {
    const value = certificate.properties.get(key)?.value;
    return value !== undefined && isSet(model, value);
  };
  return (has('thumbprint') || has('thumbprintSha256')) && has('privateKey');
}

function list(names: readonly string[]): string {
  const quoted = names.map((n) => `\`${n}\``);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

export default createRule<[], 'multipleCredentials'>({
  name: 'single-client-credential',
  meta: {
    type: 'problem',
    docs: {
      description: 'Allow at most one client credential in an msal-node confidential client configuration',
      recommended: 'recommended',
      aadsts: [],
    },
    messages: {
      multipleCredentials:
        'The msal configuration sets {{credentials}}: msal-node accepts one client credential and throws `invalid_client_credential` when the application is built. Keep one, preferably `clientCertificate` or `clientAssertion`.',
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'() {
        const model = getFileModel(context);
        for (const client of model.clients) {
          if (client.module !== MSAL || client.className !== 'ConfidentialClientApplication') continue;
          const set = CREDENTIALS.flatMap((field) => {
            const entry = client.fields[field];
            return entry && isCredentialSet(model, field, entry) ? [entry] : [];
          }).sort((a, b) => a.node.range[0] - b.node.range[0]);
          if (set.length < 2) continue;
          const second = set[1]!.node;
          context.report({
            node: second.parent?.type === T.Property ? second.parent : second,
            messageId: 'multipleCredentials',
            data: { credentials: list(set.map((e) => e.name)) },
          });
        }
      },
    };
  },
});
