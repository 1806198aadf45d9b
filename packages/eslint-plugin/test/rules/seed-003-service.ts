/**
 * Seed 003's middle tier written as a TypeScript service: a client-credentials access token sent as
 * `client_assertion`, and a JWT the app signs itself (`iss` = the tenant) sent as the OBO `assertion`.
 * `fix` swaps in what the seed's answer recommends: a certificate assertion and the user's token.
 */
export function seed003Service(fix: { clientAssertion?: boolean; assertion?: boolean } = {}): string {
  const clientAssertion = fix.clientAssertion ? 'await this.certificateAssertion()' : 'await this.appToken()';
  const assertion = fix.assertion ? 'userToken' : 'await this.userAssertion()';
  return `import { SignJWT } from 'jose';

export class OboService {
  constructor(
    private readonly tenantId: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly key: CryptoKey,
  ) {}

  private tokenUrl(): string {
    return \`https://login.microsoftonline.com/\${this.tenantId}/oauth2/v2.0/token\`;
  }

  async appToken(): Promise<string> {
    const res = await fetch(this.tokenUrl(), {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.clientId,
        client_secret: this.clientSecret,
        scope: \`api://\${this.clientId}/.default\`,
      }),
    });
    const json = await res.json();
    return json.access_token;
  }

  async userAssertion(): Promise<string> {
    return new SignJWT({ customerXRef: 'x' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k' })
      .setIssuer(this.tenantId)
      .setAudience(this.tokenUrl())
      .sign(this.key);
  }

  async certificateAssertion(): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'PS256', 'x5t#S256': 'thumbprint' })
      .setIssuer(this.clientId)
      .setSubject(this.clientId)
      .setAudience(this.tokenUrl())
      .setJti(crypto.randomUUID())
      .setExpirationTime('5m')
      .sign(this.key);
  }

  async exchange(userToken: string): Promise<unknown> {
    const clientAssertion = ${clientAssertion};
    const assertion = ${assertion};
    const res = await fetch(this.tokenUrl(), {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        client_id: this.clientId,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: clientAssertion,
        assertion,
        requested_token_use: 'on_behalf_of',
        scope: \`api://\${this.clientId}/.default\`,
      }),
    });
    return res.json();
  }
}
`;
}

/** The location of `node` where it first follows `before` in `code` (one line). */
export function positionOf(
  code: string,
  before: string,
  node: string,
): { line: number; column: number; endLine: number; endColumn: number } {
  const lines = code.slice(0, code.indexOf(before + node) + before.length).split('\n');
  const column = lines.at(-1)!.length + 1;
  return { line: lines.length, column, endLine: lines.length, endColumn: column + node.length };
}
