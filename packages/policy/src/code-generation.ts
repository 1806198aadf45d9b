let allowed: boolean | undefined;

/**
 * Whether this runtime compiles code from strings. A page whose Content-Security-Policy lacks
 * 'unsafe-eval', Cloudflare Workers and other edge runtimes refuse it; the engine then interprets
 * what it would have generated.
 */
export function codeGenerationAllowed(): boolean {
  if (allowed === undefined) {
    try {
      allowed = new Function('return true')() === true;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}
