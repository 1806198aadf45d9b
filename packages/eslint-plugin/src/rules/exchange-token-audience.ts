import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import { GITHUB_ID_TOKEN_REQUEST_URL_ENV } from '#catalogue';
import { getFileModel, isImportedCall, unwrap, type AuthorityInfo, type StringTemplate } from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { canonicalExchangeValue, exchangeValue, type ExchangeForm } from '../util/scopes.js';
import { replaceWithString, within } from '../util/suggest.js';

const NO_MATCHING_AUDIENCE = aadsts('AADSTS700212').code;
const RESOURCE_NOT_FOUND = aadsts('AADSTS500011').code;
const SCOPE_WITHOUT_DEFAULT = aadsts('AADSTS1002012').code;

/** Stands for a dynamic part of a URL while its query is parsed. */
const DYNAMIC = '\u0000';

/**
 * The `audience` query parameter of a raw request to GitHub's OIDC URL (`${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=…`),
 * decoded; `null` when the URL has none; undefined when the code does not show it (a URL object, a dynamic query).
 */
function githubUrlAudience(url: StringTemplate): string | null | undefined {
  const [head, ...rest] = url.parts;
  const read = head !== undefined && typeof head !== 'string' ? unwrap(head) : undefined;
  if (
    read?.type !== T.MemberExpression ||
    read.computed ||
    read.property.type !== T.Identifier ||
    read.property.name !== GITHUB_ID_TOKEN_REQUEST_URL_ENV
  )
    return undefined;
  const text = rest
    .map((p) => (typeof p === 'string' ? p : DYNAMIC))
    .join('')
    .split('#')[0]!;
  const params = new URLSearchParams(text.replace(/^[?&]/, ''));
  const audiences = params.getAll('audience');
  if (audiences.length === 0) return text.includes(DYNAMIC) ? undefined : null;
  return audiences.length === 1 &&
    !audiences[0]!.includes(DYNAMIC) &&
    ![...params.keys()].some((k) => k.includes(DYNAMIC))
    ? audiences[0]!
    : undefined;
}

type MessageIds =
  'wrongAudience' | 'misspelledScope' | 'wrongCloud' | 'githubNoAudience' | 'githubWrongAudience' | 'useExchangeValue';

export default createRule<[], MessageIds>({
  name: 'exchange-token-audience',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require the token that becomes a federated client assertion to be requested for the token-exchange audience of the right cloud',
      recommended: 'recommended',
      aadsts: ['AADSTS700212', 'AADSTS500011', 'AADSTS1002012'],
    },
    hasSuggestions: true,
    messages: {
      wrongAudience:
        'This token becomes a federated client assertion, but it is requested for `{{value}}`: Entra answers {{code}} because its audience is not the token-exchange audience. Request `{{expected}}`.',
      misspelledScope:
        'The scope `{{value}}` misspells the token-exchange scope: Entra answers {{code}} (no such resource), or {{alternative}} where a client-credentials exchange runs. Request `{{expected}}`.',
      wrongCloud:
        'The client signs in at `{{host}}`, but this assertion is requested for `{{value}}`, the audience of another cloud: Entra answers {{code}}. Request `{{expected}}`.',
      githubNoAudience:
        "The GitHub ID token is requested without an audience, so its audience is the repository owner's URL: as a federated assertion Entra answers {{code}}. Pass `{{expected}}`.",
      githubWrongAudience:
        'This GitHub ID token becomes a federated client assertion, but it is requested for audience `{{value}}`: Entra answers {{code}}. Pass `{{expected}}`.',
      useExchangeValue: 'Use `{{expected}}`.',
    },
    schema: [],
  },
  create(context) {
    const { sourceCode } = context;
    return {
      'Program:exit'() {
        const model = getFileModel(context);
        const reported = new Set<TSESTree.Node>();

        /** Checks one value of a token request (made by `call`, the node a suggestion may edit within) that feeds a client assertion sent with `authority`. */
        function check(
          call: TSESTree.Node | undefined,
          form: ExchangeForm,
          node: TSESTree.Node,
          value: string,
          authority: AuthorityInfo | undefined,
        ): void {
          if (reported.has(node)) return;
          const named = exchangeValue(value, form);
          if (named?.shape === 'no-default') return; // exchange-scope-default-suffix
          const authorityCloud = authority?.cloud;
          if (named?.shape === 'exact' && (authorityCloud === undefined || authorityCloud === named.cloud)) return;
          const expected = canonicalExchangeValue(form, authorityCloud ?? named?.cloud ?? 'global');
          const suggest =
            call && within(call, node)
              ? [
                  {
                    messageId: 'useExchangeValue' as const,
                    data: { expected },
                    fix: replaceWithString(node, expected, sourceCode),
                  },
                ]
              : [];
          reported.add(node);
          if (named?.shape === 'exact') {
            context.report({
              node,
              messageId: 'wrongCloud',
              data: { host: authority!.host!, value, code: NO_MATCHING_AUDIENCE, expected },
              suggest,
            });
          } else if (named) {
            context.report({
              node,
              messageId: form === 'audience' ? 'githubWrongAudience' : 'misspelledScope',
              data:
                form === 'audience'
                  ? { value, code: NO_MATCHING_AUDIENCE, expected }
                  : { value, code: RESOURCE_NOT_FOUND, alternative: SCOPE_WITHOUT_DEFAULT, expected },
              suggest,
            });
          } else {
            context.report({
              node,
              messageId: form === 'audience' ? 'githubWrongAudience' : 'wrongAudience',
              data: { value, code: NO_MATCHING_AUDIENCE, expected },
              suggest,
            });
          }
        }

        /** A raw request to GitHub's OIDC URL: its `audience` query parameter (no suggestion: the query may be encoded or spread over parts). */
        function checkGithubUrl(url: StringTemplate, authority: AuthorityInfo | undefined): void {
          const audience = githubUrlAudience(url);
          if (audience === undefined) return;
          if (audience !== null) {
            check(undefined, 'audience', url.node, audience, authority);
            return;
          }
          if (reported.has(url.node)) return;
          reported.add(url.node);
          context.report({
            node: url.node,
            messageId: 'githubNoAudience',
            data: {
              code: NO_MATCHING_AUDIENCE,
              expected: canonicalExchangeValue('audience', authority?.cloud ?? 'global'),
            },
          });
        }

        for (const sink of model.sinks) {
          if (sink.kind !== 'client-assertion') continue;
          const authority = isImportedCall(sink.owner) ? undefined : sink.owner.authority;
          for (const origin of sink.origins) {
            const { request, http } = origin;
            if (!request) {
              if (origin.kind === 'external-github' && http?.url) checkGithubUrl(http.url, authority);
              continue;
            }
            if (origin.kind === 'managed-identity') {
              const form: ExchangeForm = request.resource ? 'resource' : 'scope';
              for (const element of (request.resource ?? request.scopes)?.elements ?? []) {
                if (element.value !== undefined) check(request.node, form, element.node, element.value, authority);
              }
            } else if (origin.kind === 'external-github') {
              if (request.audience) {
                if (request.audience.value !== undefined)
                  check(request.node, 'audience', request.audience.node, request.audience.value, authority);
              } else if (!reported.has(request.node)) {
                reported.add(request.node);
                const expected = canonicalExchangeValue('audience', authority?.cloud ?? 'global');
                const closing = sourceCode.getLastToken(request.node)!;
                context.report({
                  node: request.node,
                  messageId: 'githubNoAudience',
                  data: { code: NO_MATCHING_AUDIENCE, expected },
                  suggest: [
                    {
                      messageId: 'useExchangeValue',
                      data: { expected },
                      fix: (fixer) => fixer.insertTextBefore(closing, `'${expected}'`),
                    },
                  ],
                });
              }
            }
          }
        }
      },
    };
  },
});
