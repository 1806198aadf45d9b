/** Runs sdk-client.mjs in a child process that trusts the loopback endpoint's certificate and nothing else new. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AssertionContext, Finding } from '@entra-guard/policy';
import type { TokenEndpoint } from './token-endpoint.js';

const CLIENT = fileURLToPath(new URL('./sdk-client.mjs', import.meta.url));
const BUILT_POLICY = fileURLToPath(new URL('../../../packages/policy/dist/index.js', import.meta.url));

export interface SdkJob {
  /** `workload-identity` reads its settings and token file from `environment`, as on AKS. */
  sdk: 'identity' | 'msal' | 'workload-identity';
  tenantId: string;
  clientId: string;
  scopes: string[];
  /** What the client-assertion callback returns. */
  assertion: string;
  /** Variables added to the child's environment (`AZURE_*` of the parent never reach it). */
  environment?: Record<string, string>;
  /** The incoming user token: makes the job an on-behalf-of request. */
  userAssertion?: string;
  guard?: { context: AssertionContext; oboContext?: AssertionContext; mode?: 'enforce' | 'report'; now?: number };
}

export interface SdkResult {
  ok: boolean;
  accessToken?: string;
  error?: { name?: string; code?: string; message: string };
  /** The arguments the SDK passed to the assertion callback, call by call. */
  calls: ({ clientId?: string; tokenEndpoint?: string } | null)[];
  findings: Finding[];
}

/** The parent's environment without proxies, Azure settings or TLS shortcuts, plus the loopback CA. */
function childEnvironment(caFile: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/_proxy$|^AZURE_|^NODE_TLS_|^NODE_EXTRA_CA_CERTS$|^NODE_OPTIONS$/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    ...extra,
    NODE_EXTRA_CA_CERTS: caFile,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
}

export function runSdk(endpoint: TokenEndpoint, job: SdkJob, caFile = endpoint.caFile): Promise<SdkResult> {
  if (!existsSync(BUILT_POLICY)) {
    return Promise.reject(new Error('The SDK child runs the built @entra-guard/policy: run `pnpm run build` first.'));
  }
  const input = JSON.stringify({ ...job, authorityHost: endpoint.origin, knownAuthority: endpoint.host });
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [CLIENT],
      { env: childEnvironment(caFile, job.environment), timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`sdk-client failed: ${error.message}\n${stderr}`));
        resolve(JSON.parse(stdout) as SdkResult);
      },
    );
    child.stdin?.end(input);
  });
}
