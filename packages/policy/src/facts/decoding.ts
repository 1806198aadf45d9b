/** Facts of the `decoding` family: what decoding the compact token found, and what Entra's parse forgave. */
import { describeLeniency, type Base64urlLeniency } from '../parse/base64url.js';
import type { Leniency } from '../decode.js';
import type { TokenReading } from './input.js';
import type { FamilyFacts } from './table.js';

function joinWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const listed = (items: readonly string[]): string | null => (items.length === 0 ? null : joinWords(items));

/** `the payload (`=` padding)` for each segment whose encoding shows one of `pick`'s leniencies. */
function encodingFacts(leniency: Leniency | null, pick: (l: Base64urlLeniency) => Base64urlLeniency): string | null {
  if (leniency === null) return null;
  const items: string[] = [];
  for (const [segment, found] of Object.entries(leniency.encoding)) {
    const words = describeLeniency(pick(found));
    if (words.length > 0) items.push(`the ${segment} (${words.join(', ')})`);
  }
  return listed(items);
}

const forgiven = (l: Base64urlLeniency): Base64urlLeniency => ({ ...l, foreignCharacters: false });
const legacy = (l: Base64urlLeniency): Base64urlLeniency => ({
  padding: false,
  spareBits: false,
  foreignCharacters: l.foreignCharacters,
});

export function decodingFacts({ decoded, parts }: TokenReading): FamilyFacts<'decoding'> {
  const leniency = parts?.leniency ?? null;
  return {
    decodeProblem: decoded.ok ? null : decoded.failure.problem,
    decodeMessage: decoded.ok ? null : decoded.failure.message,
    wrapping: parts === null ? null : listed(parts.wrapping),
    duplicateKeys:
      parts === null || parts.duplicateKeys.length === 0
        ? null
        : parts.duplicateKeys.map((k) => `\`${k.slice(0, 80)}\``).join(', '),
    encodingForgiven: encodingFacts(leniency, forgiven),
    encodingLegacy: encodingFacts(leniency, legacy),
    trailingData: leniency === null ? null : listed(leniency.trailingData.map((s) => `the ${s}`)),
    claimCoercions: leniency === null ? null : listed(leniency.coercions),
    signatureProblem: parts?.signatureProblem ?? null,
  };
}
