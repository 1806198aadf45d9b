/** Text output of `check-fic` and `scan`, for people: where, what, then the fix first. */
import type { Style } from '../text-style.js';
import type { LocatedFinding, Severity } from '../types.js';
import { visibleValue } from '../visible-text.js';

const ORDER: readonly Severity[] = ['error', 'warning', 'info'];

type TextFinding = LocatedFinding & { fingerprint?: string; commit?: { id: string; date: string } };

function formatLocatedFindings(findings: readonly TextFinding[], style: Style): string {
  const colour = { error: style.red, warning: style.yellow, info: style.cyan } as const;
  return findings
    .map((f) => {
      const where =
        f.location === undefined
          ? ''
          : `${visibleValue(f.location.file)}${f.location.line === undefined ? '' : `:${f.location.line}:${f.location.column ?? 1}`}`;
      const head = `${style.bold(where)}  ${colour[f.severity](f.severity)}  ${f.rule}${f.code === null ? '' : ` (${f.code}, ${f.confidence})`}`;
      const lines = [head, `  ${style.green('Fix:')} ${visibleValue(f.fix)}`, `  ${visibleValue(f.message)}`];
      if (f.commit !== undefined) lines.push(`  added in commit ${f.commit.id.slice(0, 12)} (${f.commit.date})`);
      if (f.fingerprint !== undefined) lines.push(`  ${style.dim(`fingerprint ${f.fingerprint} · ${f.docs}`)}`);
      else lines.push(`  ${style.dim(f.docs)}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

/** `1 file`, `2 files`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning` (only the severities present), or `no findings`. */
export function countBySeverity(findings: readonly { severity: Severity }[]): string {
  const parts = ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => plural(n, s === 'info' ? 'note' : s));
  return parts.length === 0 ? 'no findings' : parts.join(', ');
}

/** What check-fic and scan print: the findings, a blank line, then the summary line. */
export function reportText(findings: readonly TextFinding[], summary: string, style: Style): string {
  return findings.length === 0 ? summary : `${formatLocatedFindings(findings, style)}\n\n${summary}`;
}
