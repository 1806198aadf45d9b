/**
 * A loopback stand-in for the Entra token endpoint: HTTPS on 127.0.0.1 with a certificate made at
 * test time, the OpenID metadata the SDKs ask for, the request-level checks of reference §2.1, and
 * a record of every request it receives. It judges the shape of a request, never the assertion's
 * claims: that is what the guard under test must do before a request is sent.
 */
import { createServer, type Server } from 'node:https';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  CLIENT_ASSERTION_TYPE,
  DEFAULT_SCOPE_SUFFIX,
  OBO_GRANT_TYPE,
  OBO_REQUESTED_TOKEN_USE,
  lookupCode,
} from '@entra-guard/policy/catalogue';
import { createLoopbackTls } from './tls.js';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The form fields of a token request (assertions included: the tests read them back). */
  form: Record<string, string>;
  status: number;
  /** The AADSTS code of a rejected token request. */
  code?: string;
}

export interface TokenEndpoint {
  /** `https://127.0.0.1:PORT`: the SDKs' authority host. */
  origin: string;
  /** `127.0.0.1:PORT`: what msal-node's `knownAuthorities` must list. */
  host: string;
  /** PEM file of the certificate, for the child's NODE_EXTRA_CA_CERTS. */
  caFile: string;
  requests: RecordedRequest[];
  tokenRequests(): RecordedRequest[];
  close(): Promise<void>;
}

/** The apps registered per tenant: a token request for any other pair gets AADSTS700016. */
export type Directory = Record<string, readonly string[]>;

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function isJsonObjectSegment(segment: string): boolean {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function isCompactJwt(value: string | undefined): boolean {
  if (value === undefined || !JWT_SHAPE.test(value)) return false;
  const [header = '', payload = ''] = value.split('.');
  return isJsonObjectSegment(header) && isJsonObjectSegment(payload);
}

interface Rejection {
  code: string;
  error: string;
  detail: Record<string, string>;
}

/** The first §2.1 check a token request fails, or undefined when its shape is right. */
function checkTokenRequest(tenant: string, form: Record<string, string>, directory: Directory): Rejection | undefined {
  const grant = form.grant_type;
  const isObo = grant === OBO_GRANT_TYPE;
  if (grant !== 'client_credentials' && !isObo) {
    return { code: 'AADSTS70011', error: 'unsupported_grant_type', detail: { scope: String(form.scope) } };
  }
  const clientId = form.client_id ?? '';
  if (!(directory[tenant] ?? []).includes(clientId)) {
    return { code: 'AADSTS700016', error: 'unauthorized_client', detail: { appId: clientId, tenant } };
  }
  if (form.client_assertion === undefined || form.client_assertion_type !== CLIENT_ASSERTION_TYPE) {
    return { code: 'AADSTS7000218', error: 'invalid_client', detail: {} };
  }
  if (!isCompactJwt(form.client_assertion)) return { code: 'AADSTS50027', error: 'invalid_client', detail: {} };
  const scopes = (form.scope ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0) return { code: 'AADSTS70011', error: 'invalid_scope', detail: { scope: '' } };
  if (isObo) {
    if (form.requested_token_use !== OBO_REQUESTED_TOKEN_USE || !isCompactJwt(form.assertion)) {
      return { code: 'AADSTS50027', error: 'invalid_grant', detail: {} };
    }
  } else {
    if (scopes.some((s) => !s.endsWith(DEFAULT_SCOPE_SUFFIX))) {
      return { code: 'AADSTS1002012', error: 'invalid_scope', detail: { scope: form.scope ?? '' } };
    }
    if (scopes.length > 1) return { code: 'AADSTS700022', error: 'invalid_scope', detail: {} };
  }
  return undefined;
}

function entraErrorBody(rejection: Rejection): string {
  const entry = lookupCode(rejection.code);
  const text = (entry?.entraMessage ?? '').replace(/\{(\w+)\}/g, (m, key: string) => rejection.detail[key] ?? m);
  return JSON.stringify({
    error: rejection.error,
    error_description: `${rejection.code}: ${text}`,
    error_codes: [Number(rejection.code.slice('AADSTS'.length))],
    timestamp: new Date().toISOString(),
  });
}

function metadata(origin: string, tenant: string): string {
  const base = `${origin}/${tenant}`;
  return JSON.stringify({
    issuer: `${base}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
  });
}

const METADATA_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;
const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;

export async function startTokenEndpoint(directory: Directory): Promise<TokenEndpoint> {
  const tls = createLoopbackTls();
  const dir = mkdtempSync(join(tmpdir(), 'entra-guard-endpoint-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, tls.cert);
  const requests: RecordedRequest[] = [];
  let origin = '';
  let issued = 0;

  const server: Server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', origin).pathname;
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const record: RecordedRequest = { method: req.method ?? '', path, form, status: 404 };
      requests.push(record);
      const reply = (status: number, body: string) => {
        record.status = status;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
      };
      const meta = req.method === 'GET' ? METADATA_PATH.exec(path) : null;
      if (meta?.[1] !== undefined) return reply(200, metadata(origin, meta[1]));
      const token = req.method === 'POST' ? TOKEN_PATH.exec(path) : null;
      if (token?.[1] === undefined) return reply(404, JSON.stringify({ error: 'not_found' }));
      const rejection = checkTokenRequest(token[1], form, directory);
      if (rejection !== undefined) {
        record.code = rejection.code;
        return reply(400, entraErrorBody(rejection));
      }
      issued += 1;
      reply(
        200,
        JSON.stringify({
          token_type: 'Bearer',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: `loopback-access-token-${issued}`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `https://127.0.0.1:${port}`;

  return {
    origin,
    host: `127.0.0.1:${port}`,
    caFile,
    requests,
    tokenRequests: () => requests.filter((r) => TOKEN_PATH.test(r.path)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
