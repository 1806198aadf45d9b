import { describe, expect, it } from 'vitest';
import { rules as lintRules } from '../../eslint-plugin/src/rules/index.js';
import { BUILTIN_RULES } from '../src/engine/builtin.js';
import { FIC_CHECKS } from '../src/fic/checks.js';

interface Entry {
  readonly place: string;
  readonly id: string;
  readonly code: string | null;
  readonly severity: string;
  readonly confidence: string;
}

/** Ids written twice in one place, and ids whose places give different code, severity or confidence. */
function disagreements(entries: readonly Entry[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, Entry>();
  for (const e of entries) {
    const first = seen.get(e.id);
    if (first === undefined) {
      seen.set(e.id, e);
      continue;
    }
    if (first.place === e.place) problems.push(`${e.id} is reused in ${e.place}`);
    const a = `${first.code} ${first.severity} ${first.confidence}`;
    const b = `${e.code} ${e.severity} ${e.confidence}`;
    if (a !== b) problems.push(`${e.id}: ${first.place} says ${a}, ${e.place} says ${b}`);
  }
  return problems;
}

const engine: Entry[] = BUILTIN_RULES.map((r) => ({
  place: 'engine',
  id: r.id,
  code: r.codes[0] ?? null,
  severity: r.severity,
  confidence: r.confidence,
}));
const fic: Entry[] = FIC_CHECKS.map((c) => ({ place: 'fic', id: c.rule, ...c }));

describe('one rule registry', () => {
  it('gives every id one code, severity and confidence across the engine rules and the FIC checks', () => {
    expect(disagreements([...engine, ...fic])).toEqual([]);
  });

  it('reports a reused id and a disagreeing copy', () => {
    const rule = engine.find((e) => e.id === 'mific-issuer-not-v2')!;
    expect(
      disagreements([rule, { ...rule }, { ...rule, place: 'fic', code: 'AADSTS700222', severity: 'warning' }]),
    ).toEqual([
      'mific-issuer-not-v2 is reused in engine',
      'mific-issuer-not-v2: engine says AADSTS700211 error inferred, fic says AADSTS700222 warning inferred',
    ]);
  });

  it("gives a lint rule named after an engine rule that rule's code", () => {
    const byId = new Map([...engine, ...fic].map((e) => [e.id, e]));
    const shared = Object.entries(lintRules).filter(([name]) => byId.has(name));
    expect(shared.map(([name]) => name)).toEqual(['obo-assertion-audience']);
    for (const [name, rule] of shared) expect(rule.meta.docs?.aadsts[0] ?? null).toBe(byId.get(name)!.code);
  });

  it('names the engine rule id fic-audience-not-exchange once: the FIC record check has its own id', () => {
    expect(fic.some((c) => c.id === 'fic-audience-not-exchange')).toBe(false);
    expect(fic.find((c) => c.id === 'fic-audience-must-be-exchange')).toMatchObject({
      code: 'AADSTS700212',
      severity: 'error',
    });
  });
});
