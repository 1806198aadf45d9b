/** Facts of the `decoding` family: what decoding the compact token found. */
import type { TokenReading } from './input.js';
import type { FamilyFacts } from './table.js';

function joinWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function decodingFacts({ decoded, parts }: TokenReading): FamilyFacts<'decoding'> {
  return {
    decodeProblem: decoded.ok ? null : decoded.failure.problem,
    decodeMessage: decoded.ok ? null : decoded.failure.message,
    wrapping: parts === null || parts.wrapping.length === 0 ? null : joinWords(parts.wrapping),
    duplicateKeys:
      parts === null || parts.duplicateKeys.length === 0
        ? null
        : parts.duplicateKeys.map((k) => `\`${k.slice(0, 80)}\``).join(', '),
  };
}
