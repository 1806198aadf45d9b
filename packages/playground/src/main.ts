/**
 * The playground: the paste is read by `readPaste`, each token is described and judged by the same
 * engine as the CLI (`@entra-guard/policy/web`), and the verdict follows the form. Nothing is
 * stored and nothing is sent: signatures are replaced in the text box by a marker once read, and
 * kept in memory only to judge and verify.
 */
import {
  assertionTypeWarning,
  EntraGuardError,
  FLOWS,
  HYGIENE_RULE_IDS,
  REPOSITORY_URL,
  describeToken,
  evaluateAssertion,
  explainError,
  readPaste,
  verifyAssertion,
  type AssertionContext,
  type Flow,
  type PastedToken,
  type PasteReading,
} from '@entra-guard/policy/web';
import { fillFromFragment, readForm, shareLink } from './context-form.js';
import { byId, h, prose } from './dom.js';
import { answerSection, explanationSection, fieldsSection, hygieneSection, kindSection } from './render.js';
import './service-worker-registration.js';

const MAX_TOKENS = 5;
const ROLE_FLOWS: Readonly<Partial<Record<PastedToken['role'], Flow>>> = {
  client_assertion: 'client_credentials',
  assertion: 'on_behalf_of',
};

const paste = byId<HTMLTextAreaElement>('paste');
const form = byId<HTMLFormElement>('context');
const results = byId<HTMLElement>('results');
const key = byId<HTMLTextAreaElement>('key');

/** Marker in the text box → the signature it stands for. */
const hidden = new Map<string, string>();

function restoreSignatures(text: string): string {
  let restored = text;
  for (const [marker, signature] of hidden) restored = restored.split(marker).join(signature);
  return restored;
}

function hideSignatures(text: string, tokens: readonly PastedToken[]): string {
  let shown = text;
  for (const { token } of tokens) {
    const dot = token.lastIndexOf('.');
    const signature = token.slice(dot + 1);
    // A token already masked is in the box as its marker: it keeps that one.
    if (signature === '' || !shown.includes(token)) continue;
    const marker = `‹signature ${hidden.size + 1}, ${signature.length} characters, not shown›`;
    hidden.set(marker, signature);
    shown = shown.split(token).join(`${token.slice(0, dot + 1)}${marker}`);
  }
  return shown;
}

let reading: PasteReading | null = null;
let text = '';

function readInput(): void {
  const raw = restoreSignatures(paste.value);
  if (raw.trim() === '') hidden.clear();
  text = raw;
  const status = byId('paste-status');
  try {
    reading = readPaste(raw);
  } catch (error) {
    reading = null;
    status.textContent = error instanceof EntraGuardError ? `${error.code}: ${error.message}` : String(error);
    return;
  }
  const masked = hideSignatures(paste.value, reading.tokens);
  if (masked !== paste.value) {
    paste.value = masked;
    paste.setSelectionRange(masked.length, masked.length);
  }
  const found = [
    reading.tokens.length > 0 && `${reading.tokens.length} token${reading.tokens.length === 1 ? '' : 's'}`,
    Object.keys(reading.context).length > 0 && 'a token request',
    reading.hasErrorCodes && 'AADSTS codes',
  ].filter(Boolean);
  status.textContent =
    found.length === 0
      ? raw.trim() === ''
        ? ''
        : 'No token, request or AADSTS code found.'
      : `Found ${found.join(', ')}.`;
  render();
}

function flowsFor(
  token: PastedToken,
  chosen: Flow | null,
  paste: PasteReading,
): { flows: readonly Flow[]; given: boolean } {
  if (chosen !== null) return { flows: [chosen], given: true };
  const byRole = ROLE_FLOWS[token.role];
  if (byRole !== undefined) return { flows: [byRole], given: true };
  if (paste.context.flow !== undefined) return { flows: [paste.context.flow], given: true };
  return { flows: FLOWS, given: false };
}

function contextFor(flow: Flow): { context: AssertionContext; problems: string[] } {
  const formReading = readForm(form);
  const pasted = reading?.context ?? {};
  return { context: { ...pasted, ...formReading.context, flow }, problems: formReading.problems };
}

function tokenSection(token: PastedToken, index: number, paste: PasteReading): HTMLElement {
  const section = h('section', { class: 'token', 'aria-label': `Token ${index + 1}` });
  section.append(h('h3', {}, `Token ${index + 1}${token.role === 'token' ? '' : `, sent as ${token.role}`}`));
  let description = null;
  try {
    description = describeToken(token.token);
    section.append(kindSection(description));
  } catch (error) {
    section.append(
      h(
        'p',
        { class: 'kind' },
        h('strong', {}, 'Kind: '),
        'cannot be decoded. ',
        error instanceof Error ? error.message : '',
      ),
    );
  }
  const { flows, given } = flowsFor(token, readForm(form).flow, paste);
  const contextStatus = byId('context-status');
  contextStatus.textContent = '';
  for (const flow of flows) {
    const { context, problems } = contextFor(flow);
    contextStatus.textContent = problems.join(' ');
    try {
      section.append(
        answerSection(
          flow,
          evaluateAssertion(token.token, context),
          HYGIENE_RULE_IDS,
          given || Object.keys(context).length > 1,
        ),
      );
    } catch (error) {
      contextStatus.textContent = error instanceof EntraGuardError ? `${error.code}: ${error.message}` : String(error);
    }
  }
  if (description !== null) {
    const hygiene = hygieneSection(description.hygiene);
    if (hygiene !== null) section.append(hygiene);
    section.append(fieldsSection(description));
  }
  return section;
}

function render(): void {
  const title = byId('results-title');
  results.replaceChildren(title);
  if (reading === null || (reading.tokens.length === 0 && !reading.hasErrorCodes)) {
    results.append(h('p', { class: 'note' }, 'Paste something above.'));
    return;
  }
  if (reading.assertionTypeProblem !== null)
    results.append(h('p', { class: 'warning' }, ...prose(assertionTypeWarning(reading.assertionTypeProblem))));
  reading.tokens.slice(0, MAX_TOKENS).forEach((token, i) => results.append(tokenSection(token, i, reading!)));
  if (reading.tokens.length > MAX_TOKENS)
    results.append(h('p', { class: 'note' }, `${reading.tokens.length - MAX_TOKENS} more tokens are not shown.`));
  if (reading.hasErrorCodes) results.append(explanationSection(explainError(text)));
}

async function verify(): Promise<void> {
  const status = byId('verify-status');
  const token = reading?.tokens[0];
  if (token === undefined) {
    status.textContent = 'Paste a token first.';
    return;
  }
  const keyText = key.value.trim();
  if (keyText === '') {
    status.textContent = 'Paste a JWKS or a PEM certificate first.';
    return;
  }
  const [flow] = flowsFor(token, readForm(form).flow, reading!).flows;
  const keys = keyText.includes('-----BEGIN') ? { certificate: keyText } : { jwks: keyText };
  try {
    const verdict = await verifyAssertion(token.token, contextFor(flow!).context, keys);
    const signature = verdict.findings.find((f) => f.rule.includes('signature'));
    status.textContent = verdict.verified
      ? 'The signature is valid for this key.'
      : `The signature does not verify with this key${signature === undefined ? '' : `: ${signature.message}`}`;
  } catch (error) {
    status.textContent = error instanceof EntraGuardError ? `${error.code}: ${error.message}` : String(error);
  }
}

byId<HTMLAnchorElement>('docs-link').href = REPOSITORY_URL;
fillFromFragment(form, location.hash);
paste.addEventListener('input', readInput);
form.addEventListener('input', render);
form.addEventListener('change', render);
byId('verify').addEventListener('click', () => void verify());
byId('share').addEventListener('click', () => {
  const field = byId<HTMLInputElement>('share-link');
  field.value = shareLink(form, location);
  field.closest('label')!.hidden = false;
  field.select();
});
