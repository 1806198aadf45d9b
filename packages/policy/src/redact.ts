/** Redaction: no output of entra-guard ever holds a whole token, a signature or a secret. */

const JWT_LIKE = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}/g;

/** `eyJhbGciOi…(redacted, 812 chars)`: enough to recognise a token, never enough to use it. */
export function redactToken(token: string): string {
  const visible = token.slice(0, Math.min(10, Math.floor(token.length / 4)));
  return `${visible}…(redacted, ${token.length} chars)`;
}

/** `abc…(redacted, 40 chars)`. */
export function redactSecret(secret: string): string {
  const visible = secret.slice(0, Math.min(3, Math.floor(secret.length / 8)));
  return `${visible}…(redacted, ${secret.length} chars)`;
}

/** Replaces every JWT-looking run in free text (messages, logs, error texts). */
export function redactJwtsIn(text: string): string {
  return text.replace(JWT_LIKE, (m) => (m.includes('.') ? redactToken(m) : m));
}
