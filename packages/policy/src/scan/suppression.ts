/**
 * Suppressing a finding of check-fic or scan, three ways, each kept with its reason:
 * - inline, in a comment of any syntax the readers know (`#`, `//`, `/* … *\/`, `<!-- … -->`, `;`):
 *   `entra-guard-ignore [rule-id…] [-- reason]` on the finding's line, or
 *   `entra-guard-ignore-next-line [rule-id…] [-- reason]` on the line before;
 * - the allow-list (`allow.ts`), by fingerprint or path glob;
 * - a baseline file, written by `--write-baseline`: the findings a repository already had.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EntraGuardError } from '../errors.js';
import type { LocatedFinding } from '../types.js';

export interface Suppression {
  /** SARIF's kinds: in the source (a comment), or outside it (the allow-list, a baseline). */
  kind: 'inSource' | 'external';
  justification: string;
}

interface IgnoreDirective {
  nextLine: boolean;
  /** Null: every rule. */
  rules: readonly string[] | null;
  reason: string | null;
}

/** Every rule id is lower-case kebab case (`jwt`, `private-key`, `fic-issuer-trailing-slash`). */
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const DIRECTIVE_RE = /(?:#|\/\/|\/\*|<!--|;)[ \t]*entra-guard-ignore(-next-line)?(?![\w-])([^\n]*)/;

function ignoreDirective(line: string | undefined): IgnoreDirective | undefined {
  const match = line === undefined ? null : DIRECTIVE_RE.exec(line);
  if (match === null) return undefined;
  const text = match[2]!.replace(/(?:\*\/|-->).*$/, '').trim();
  const dash = text.search(/(?:^|\s)--(?:\s|$)/);
  const head = (dash === -1 ? text : text.slice(0, dash)).trim();
  const reason =
    dash === -1
      ? null
      : text
          .slice(dash)
          .replace(/^\s*--/, '')
          .trim() || null;
  const words = head.split(/[\s,]+/).filter((w) => w !== '');
  // Words that are not all shaped like rule ids are a reason written the older way, without `--`.
  const ids = words.length > 0 && words.every((w) => RULE_ID.test(w));
  return {
    nextLine: match[1] !== undefined,
    rules: ids ? words : null,
    reason: ids || words.length === 0 ? reason : [head, reason].filter(Boolean).join(' -- '),
  };
}

/** The inline suppression of a finding of `rule` on `line`, below `previous`, if a comment makes one. */
export function inlineSuppression(
  rule: string,
  line: string | undefined,
  previous: string | undefined,
): Suppression | undefined {
  const same = ignoreDirective(line);
  const above = ignoreDirective(previous);
  const directive =
    same !== undefined && !same.nextLine ? same : above !== undefined && above.nextLine ? above : undefined;
  if (directive === undefined || (directive.rules !== null && !directive.rules.includes(rule))) return undefined;
  return { kind: 'inSource', justification: directive.reason ?? 'entra-guard-ignore' };
}

/** A finding's identity across runs: its rule, file and what it found, not its line. */
export function findingFingerprint(finding: LocatedFinding): string {
  const what = `${finding.claim ?? ''}\u0000${finding.message}`;
  const digest = createHash('sha256').update(`${finding.rule}\u0000${finding.location?.file ?? ''}\u0000${what}`);
  return `sha256:${digest.digest('hex').slice(0, 16)}`;
}

const BASELINE_VERSION = 1;

export interface Baseline {
  has(fingerprint: string, file: string): boolean;
}

/** The baseline file's text for `findings`: their fingerprints, sorted, with rule and file to read it by. */
export function baselineText(findings: readonly (LocatedFinding & { fingerprint: string })[]): string {
  const entries = findings
    .map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, file: f.location?.file ?? '' }))
    .sort(
      (a, b) =>
        a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint),
    );
  return `${JSON.stringify({ version: BASELINE_VERSION, tool: 'entra-guard', findings: entries }, null, 2)}\n`;
}

export async function loadBaseline(cwd: string, path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new EntraGuardError('ERR_IO', `cannot read the baseline '${path}'`, { reason: 'unreachable', cause: error });
  }
  const invalid = (why: string) =>
    new EntraGuardError('ERR_USAGE', `the baseline '${path}' ${why}; write one with --write-baseline`, {
      reason: 'invalid',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('is not JSON');
  }
  const findings = (parsed as { version?: unknown; findings?: unknown } | null)?.findings;
  if ((parsed as { version?: unknown }).version !== BASELINE_VERSION || !Array.isArray(findings))
    throw invalid(`is not an entra-guard baseline (version ${BASELINE_VERSION})`);
  const known = new Set(
    findings.map((f: unknown) => {
      const entry = f as { fingerprint?: unknown; file?: unknown };
      return `${String(entry.fingerprint)}\u0000${String(entry.file)}`;
    }),
  );
  return { has: (fingerprint, file) => known.has(`${fingerprint}\u0000${file}`) };
}

export const IN_BASELINE: Suppression = { kind: 'external', justification: 'in the baseline' };
export const ALLOW_LISTED: Suppression = { kind: 'external', justification: 'on the allow-list' };
