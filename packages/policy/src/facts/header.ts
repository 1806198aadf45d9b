/** Facts of the `header` family: the JOSE header. */
import { ACCEPTED_ALGORITHMS, ACCEPTED_TYP_VALUES } from '../catalogue/constants.js';
import type { JsonObject } from '../decode.js';
import { sameId, type TokenReading } from './input.js';
import { thumbprintProblem } from './key-credentials.js';
import type { FamilyFacts } from './table.js';

function critProblem(header: JsonObject): string | null {
  const crit = header.crit;
  if (crit === undefined) return null;
  if (!Array.isArray(crit) || crit.length === 0 || !crit.every((c) => typeof c === 'string'))
    return '`crit` (not a list of names)';
  return crit.map((c) => `\`${String(c).slice(0, 40)}\``).join(', ');
}

function algHeaderPairing(header: JsonObject, alg: string | null): string | null {
  if (alg === null) return null;
  const sha1 = header.x5t !== undefined;
  const sha256 = header['x5t#S256'] !== undefined;
  if (alg.startsWith('PS') && sha1 && !sha256) return `${alg} with a SHA-1 \`x5t\``;
  if (alg.startsWith('RS') && sha256 && !sha1) return `${alg} with \`x5t#S256\``;
  return null;
}

export function headerFacts({ ok, parts, header, alg, typ }: TokenReading): FamilyFacts<'header'> {
  return {
    alg: alg === null ? null : alg.slice(0, 40),
    algAccepted: ok ? alg !== null && ACCEPTED_ALGORITHMS.includes(alg) : null,
    algIsRs256: ok ? alg === 'RS256' : null,
    typ: typ === null ? null : typ.slice(0, 60),
    typAccepted:
      !ok || header.typ === undefined ? null : typ !== null && ACCEPTED_TYP_VALUES.some((t) => sameId(t, typ)),
    unknownCrit: critProblem(header),
    unencodedPayload: header.b64 === false,
    signaturePresent: parts === null ? null : parts.signature !== '',
    keyIdentifierPresent: ok
      ? header.x5t !== undefined || header['x5t#S256'] !== undefined || header.kid !== undefined
      : null,
    thumbprintProblem: thumbprintProblem(header),
    algHeaderPairing: algHeaderPairing(header, alg),
    headerNonce: ok ? header.nonce !== undefined : null,
  };
}
