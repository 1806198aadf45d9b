/** The results: each token's kind, Entra's answer per way it is sent, hygiene, and every field with its meaning. */
import type {
  AnnotatedField,
  Confidence,
  ErrorExplanation,
  Finding,
  Flow,
  TokenDescription,
  Verdict,
} from '@entra-guard/policy/web';
import { h, link, prose } from './dom.js';

const FLOW_TITLES: Readonly<Record<Flow, string>> = {
  client_credentials: 'as a client assertion (client credentials; a federated credential for external tokens)',
  on_behalf_of: 'as an OBO assertion (on-behalf-of)',
};

const CONFIDENCE_WORDS: Readonly<Record<Confidence, string>> = {
  documented: 'documented by Microsoft',
  observed: 'observed in real reports: less certain than documented behaviour',
  inferred: 'inferred: less certain',
};

const MAX_SHOWN = 400;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} characters)` : text;
}

function findingItem(finding: Finding): HTMLLIElement {
  return h(
    'li',
    { class: finding.severity },
    h('span', { class: 'code' }, finding.code ?? finding.rule),
    ' ',
    ...prose(finding.message),
    h('div', { class: 'fix' }, h('strong', {}, 'Fix: '), ...prose(finding.fix)),
    h(
      'div',
      { class: 'meta' },
      `${finding.severity}, ${CONFIDENCE_WORDS[finding.confidence]}`,
      finding.alternatives?.length ? `; Entra may answer ${finding.alternatives.join(', ')} instead` : '',
      ' · ',
      link(finding.docs, 'docs'),
    ),
  );
}

/** "Sent as …, Entra would answer …", with the findings that are not hygiene. */
export function answerSection(flow: Flow, verdict: Verdict, hygiene: ReadonlySet<string>, given: boolean): HTMLElement {
  const { predicted } = verdict;
  const headline = verdict.accepted
    ? h('p', { class: 'verdict accepted' }, '✓ Entra is not predicted to reject it.')
    : h(
        'p',
        { class: 'verdict rejected' },
        '✗ Entra would answer ',
        h('strong', { class: 'code' }, predicted?.code ?? 'with a code not known'),
        predicted === null ? '' : ` (${CONFIDENCE_WORDS[predicted.confidence]})`,
      );
  const findings = verdict.findings.filter((f) => !hygiene.has(f.rule));
  return h(
    'section',
    { class: 'answer', 'data-flow': flow },
    h('h3', {}, `Sent ${FLOW_TITLES[flow]}${given ? '' : ', with nothing else known'}`),
    headline,
    predicted === null ? null : h('p', { class: 'fix' }, h('strong', {}, 'Fix: '), ...prose(predicted.fix)),
    predicted?.competing?.length
      ? h(
          'p',
          { class: 'meta' },
          'If Entra checks in another order: ',
          predicted.competing.map((c) => `${c.code ?? c.rule} (${c.message})`).join('; '),
        )
      : null,
    findings.length === 0 ? null : h('ul', { class: 'findings' }, ...findings.map(findingItem)),
  );
}

export function hygieneSection(findings: readonly Finding[]): HTMLElement | null {
  if (findings.length === 0) return null;
  return h(
    'section',
    { class: 'hygiene' },
    h('h3', {}, 'Hygiene: Entra accepts this, other JWT libraries may not'),
    h('ul', { class: 'findings' }, ...findings.map(findingItem)),
  );
}

function fieldsTable(caption: string, fields: readonly AnnotatedField[]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Name'),
        h('th', { scope: 'col' }, 'Value'),
        h('th', { scope: 'col' }, 'Meaning'),
      ),
    ),
    h(
      'tbody',
      {},
      ...fields.map((f) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('code', {}, f.name)),
          h(
            'td',
            {},
            h('code', {}, shown(f.value)),
            f.time === undefined ? null : h('div', { class: 'time' }, `${f.time.iso} (${f.time.relative})`),
          ),
          h('td', {}, f.meaning ?? ''),
        ),
      ),
    ),
  );
}

export function kindSection(description: TokenDescription): HTMLElement {
  const { kind } = description;
  return h(
    'div',
    { class: 'kind' },
    h('p', { class: 'kind-name' }, h('strong', {}, 'Kind: '), kind.name),
    kind.issuer === null ? null : h('p', {}, h('strong', {}, 'Issuer: '), shown(kind.issuer)),
    kind.traits.length === 0 ? null : h('p', {}, kind.traits.join('; ')),
  );
}

export function fieldsSection(description: TokenDescription): HTMLElement {
  return h(
    'details',
    { class: 'fields-table', open: '' },
    h('summary', {}, 'Header and claims'),
    fieldsTable('Header', description.header),
    fieldsTable('Claims', description.claims),
    h(
      'p',
      { class: 'note' },
      `Signature: ${description.decoded.signatureBytes} bytes, not shown.`,
      description.decoded.wrapping.length === 0
        ? ''
        : ` Sent with ${description.decoded.wrapping.join(', ')} around it: strip it.`,
    ),
  );
}

export function explanationSection(explanation: ErrorExplanation): HTMLElement {
  return h(
    'section',
    { class: 'explanation' },
    h('h3', {}, 'The error, explained'),
    ...explanation.codes.map((code) =>
      h(
        'article',
        { class: 'explained-code' },
        h('h4', {}, code.code, code.name === null ? '' : `: ${code.name}`),
        code.status === 'unknown' ? h('p', {}, 'entra-guard does not know this code.') : null,
        code.cause === null ? null : h('p', {}, h('strong', {}, 'Cause: '), ...prose(code.cause)),
        code.fix === null ? null : h('p', { class: 'fix' }, h('strong', {}, 'Fix: '), ...prose(code.fix)),
        code.confidence === null ? null : h('p', { class: 'meta' }, CONFIDENCE_WORDS[code.confidence]),
        code.alternatives.length === 0
          ? null
          : h('p', {}, `Entra may answer ${code.alternatives.join(', ')} for the same mistake.`),
        code.rules.length === 0
          ? null
          : h(
              'p',
              {},
              'Predicted by: ',
              code.rules
                .map((r) => `${r.id} (${r.as === 'predicted' ? r.tools.join(', ') : 'as an alternative'})`)
                .join('; '),
            ),
        code.docs === null ? null : h('p', {}, link(code.docs, `${code.code} in the docs`)),
      ),
    ),
    explanation.traceId === undefined ? null : h('p', { class: 'meta' }, `Trace id ${explanation.traceId}`),
  );
}
