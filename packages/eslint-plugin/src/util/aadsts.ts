import { AADSTS_CODES, type AadstsCode } from '#catalogue';

/** The catalogue entry of a code a rule names; throws at load time when the catalogue lacks it. */
export function aadsts(code: string): AadstsCode {
  const entry = AADSTS_CODES[code];
  if (!entry) throw new Error(`${code} is not in the AADSTS catalogue`);
  return entry;
}

/** A code and how sure the catalogue is of it, as message data (`{{code}} ({{confidence}})`). */
export function codeData(code: string): { code: string; confidence: string } {
  const entry = aadsts(code);
  return { code: entry.code, confidence: entry.confidence };
}
