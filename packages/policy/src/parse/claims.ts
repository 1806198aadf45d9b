/**
 * The header parameters and claims `JsonWebToken` reads with a type (`JsonWebToken.HeaderClaimSet`,
 * `JsonWebToken.PayloadClaimSet`, `JsonSerializerPrimitives`), read the same way:
 * - `alg`, `cty`, `kid`, `typ`, `x5t`, `zip`, `iss`, `jti`, `azp`: a string, or null (absent);
 * - `sub`: a string, or a number read as its text, or null;
 * - `aud`: a string, null, or an array of strings whose nulls are skipped;
 * - `exp`, `nbf`, `iat` (`ReadLong`): a number, or a string that parses as one; a fraction rounds
 *   half to even (`Convert.ToInt64`), and `EpochTime.DateTime` reads ≤ 0 as 1970 and the far future
 *   as 9999-12-31.
 * Any other type throws inside the parse, so Entra answers AADSTS50027.
 */
import { codeGenerationAllowed } from '../code-generation.js';
import type { JsonObject } from '../types.js';
import {
  IDENTITY_MODEL_MAX_EPOCH_SECONDS,
  NUMERIC_DATE_CLAIMS,
  STRING_CLAIMS,
  STRING_HEADER_PARAMETERS,
} from '../domain/identity-model.js';

export interface TypedReading {
  /** The object as Entra reads it: `object` itself when nothing needed reading differently. */
  value: JsonObject;
  /** Values read differently from how they are written, as `` `exp` … (read as …) ``. */
  coercions: string[];
  /** Values of a type the parse cannot read, as `` `exp` (a boolean…) ``. */
  invalid: string[];
}

/** `long` range: `Convert.ToInt64` throws past it. */
const INT64_LIMIT = 2 ** 63;
/** `long.TryParse`, then `double.TryParse` (Float | AllowThousands, invariant culture assumed). */
const NUMERIC_TEXT = /^[\t\n\v\f\r ]*[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[\t\n\v\f\r ]*$/;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** `Convert.ToInt64(double)`: nearest, ties to even; null when out of range or not finite. */
function toInt64(n: number): number | null {
  if (!Number.isFinite(n) || Math.abs(n) >= INT64_LIMIT) return null;
  const floor = Math.floor(n);
  const rest = n - floor;
  return rest > 0.5 || (rest === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
}

/** Seconds as Entra reads a NumericDate, or null when the parse fails. */
function numericDate(value: unknown): number | null {
  let n: number | null = null;
  if (typeof value === 'number') n = toInt64(value);
  else if (typeof value === 'string' && NUMERIC_TEXT.test(value)) n = toInt64(Number(value.trim().replace(/,/g, '')));
  if (n === null) return null;
  return Math.min(Math.max(n, 0), IDENTITY_MODEL_MAX_EPOCH_SECONDS);
}

const TYPED_CLAIMS: readonly string[] = [...STRING_CLAIMS, ...NUMERIC_DATE_CLAIMS, 'sub', 'aud'];

const DATE_CLAIMS: ReadonlySet<string> = new Set(NUMERIC_DATE_CLAIMS);

const asWrittenString = (value: unknown): boolean => value === undefined || typeof value === 'string';
const asWrittenSeconds = (value: unknown): boolean =>
  value === undefined ||
  (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= IDENTITY_MODEL_MAX_EPOCH_SECONDS);

/** The check that Entra reads a typed name's value exactly as written (absent, a string, whole seconds in range). */
const asWritten = (name: string, segment: 'header' | 'payload'): ((value: unknown) => boolean) =>
  segment === 'payload' && DATE_CLAIMS.has(name) ? asWrittenSeconds : asWrittenString;

const typedNames = (segment: 'header' | 'payload'): readonly string[] =>
  segment === 'payload' ? TYPED_CLAIMS : STRING_HEADER_PARAMETERS;

/**
 * Whether every typed name of a segment reads as written, compiled to constant property reads
 * (reading each name from a list was most of the cost). Interpreted where code cannot be generated.
 */
function compileAllAsWritten(segment: 'header' | 'payload'): (object: JsonObject) => boolean {
  const names = typedNames(segment);
  if (!codeGenerationAllowed()) return (object) => names.every((name) => asWritten(name, segment)(object[name]));
  const checks = names.map(
    (name) => `${asWritten(name, segment) === asWrittenSeconds ? 'seconds' : 'string'}(o[${JSON.stringify(name)}])`,
  );
  return (
    new Function('string', 'seconds', `return (o) => ${checks.join(' && ')};`) as (
      string: (value: unknown) => boolean,
      seconds: (value: unknown) => boolean,
    ) => (object: JsonObject) => boolean
  )(asWrittenString, asWrittenSeconds);
}

let allAsWritten: Record<'header' | 'payload', (object: JsonObject) => boolean> | undefined;

/** Reads one typed name: the value Entra keeps (undefined: absent), or `invalid`. */
function readTyped(
  name: string,
  value: unknown,
  segment: 'header' | 'payload',
): { value: unknown; coerced?: string } | 'invalid' {
  if (segment === 'header' || (STRING_CLAIMS as readonly string[]).includes(name)) {
    if (typeof value === 'string') return { value };
    return value === null ? { value: undefined, coerced: 'null (read as absent)' } : 'invalid';
  }
  if (name === 'sub') {
    if (typeof value === 'string') return { value };
    if (value === null) return { value: undefined, coerced: 'null (read as absent)' };
    return typeof value === 'number' ? { value: String(value), coerced: `a number (read as "${value}")` } : 'invalid';
  }
  if (name === 'aud') {
    if (typeof value === 'string') return { value };
    if (value === null) return { value: undefined, coerced: 'null (read as absent)' };
    if (!Array.isArray(value) || !value.every((a) => typeof a === 'string' || a === null)) return 'invalid';
    const strings = value.filter((a): a is string => a !== null);
    return strings.length === value.length ? { value } : { value: strings, coerced: 'a list with nulls (skipped)' };
  }
  const seconds = numericDate(value);
  if (seconds === null) return 'invalid';
  if (seconds === value) return { value };
  const written = typeof value === 'string' ? `the string "${value.slice(0, 40)}"` : String(value);
  return { value: seconds, coerced: `${written} (read as ${seconds})` };
}

function describeInvalid(name: string, value: unknown, segment: 'header' | 'payload'): string {
  const label = segment === 'header' ? `header.${name}` : name;
  if (DATE_CLAIMS.has(name) && segment === 'payload')
    return `\`${label}\` (${typeOf(value)}; it must be seconds since 1970)`;
  if (name === 'aud' && segment === 'payload') return `\`aud\` (${typeOf(value)}, not a string or a list of strings)`;
  return `\`${label}\` (${typeOf(value)}, not a string)`;
}

/** The typed names of one segment as Entra reads them. */
export function readTypedClaims(object: JsonObject, segment: 'header' | 'payload'): TypedReading {
  allAsWritten ??= { header: compileAllAsWritten('header'), payload: compileAllAsWritten('payload') };
  if (allAsWritten[segment](object)) return { value: object, coercions: NONE, invalid: NONE };
  let value = object;
  let coercions: string[] | undefined;
  let invalid: string[] | undefined;
  for (const name of typedNames(segment)) {
    const written = object[name];
    if (asWritten(name, segment)(written)) continue;
    const reading = readTyped(name, written, segment);
    if (reading === 'invalid') {
      (invalid ??= []).push(describeInvalid(name, written, segment));
      continue;
    }
    if (reading.coerced === undefined) continue;
    if (value === object) value = Object.assign(Object.create(Object.getPrototypeOf(object) as object | null), object);
    if (reading.value === undefined) delete value[name];
    else
      Object.defineProperty(value, name, {
        value: reading.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    (coercions ??= []).push(`\`${segment === 'header' ? `header.${name}` : name}\` is ${reading.coerced}`);
  }
  return { value, coercions: coercions ?? NONE, invalid: invalid ?? NONE };
}

const NONE: string[] = [];
