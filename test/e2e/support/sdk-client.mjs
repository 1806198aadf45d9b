// Runs one real SDK token request in its own process (so NODE_EXTRA_CA_CERTS applies) against the
// loopback endpoint, optionally through the built entra-guard runtime guard. Job on stdin, result on stdout.
import { ClientAssertionCredential, OnBehalfOfCredential, WorkloadIdentityCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  contextFromEnvironment,
  federatedTokenFromEnvironment,
  guardAssertion,
  guardOboAssertion,
} from '@entra-guard/policy';

const input = [];
for await (const chunk of process.stdin) input.push(chunk);
const job = JSON.parse(Buffer.concat(input).toString('utf8'));
const calls = [];
const findings = [];

async function getAssertion(args) {
  calls.push(args === undefined ? null : { ...args });
  return job.assertion;
}

function guardOptions() {
  return { mode: job.guard.mode, now: job.guard.now, onFinding: (finding) => findings.push(finding) };
}

const clientAssertion = job.guard ? guardAssertion(getAssertion, job.guard.context, guardOptions()) : getAssertion;
const userAssertion = () =>
  job.guard ? guardOboAssertion(job.userAssertion, job.guard.oboContext, guardOptions()) : job.userAssertion;

async function identity() {
  const options = { authorityHost: job.authorityHost, disableInstanceDiscovery: true };
  const credential = job.userAssertion
    ? new OnBehalfOfCredential({
        tenantId: job.tenantId,
        clientId: job.clientId,
        getAssertion: clientAssertion,
        userAssertionToken: userAssertion(),
        ...options,
      })
    : new ClientAssertionCredential(job.tenantId, job.clientId, clientAssertion, options);
  return (await credential.getToken(job.scopes)).token;
}

// AKS workload identity from the environment: the one-line guarded wrap, or the SDK's own credential unguarded.
async function workloadIdentity() {
  const options = { authorityHost: process.env.AZURE_AUTHORITY_HOST, disableInstanceDiscovery: true };
  const context = contextFromEnvironment();
  const credential = job.guard
    ? new ClientAssertionCredential(
        context.tenantId,
        context.clientId,
        guardAssertion(federatedTokenFromEnvironment(), context, guardOptions()),
        options,
      )
    : new WorkloadIdentityCredential(options);
  return (await credential.getToken(job.scopes)).token;
}

async function msal() {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: job.clientId,
      authority: `${job.authorityHost}/${job.tenantId}`,
      knownAuthorities: [job.knownAuthority],
      clientAssertion,
    },
  });
  const result = job.userAssertion
    ? await app.acquireTokenOnBehalfOf({ oboAssertion: userAssertion(), scopes: job.scopes })
    : await app.acquireTokenByClientCredential({ scopes: job.scopes });
  return result?.accessToken;
}

let result;
try {
  result = { ok: true, accessToken: await { identity, msal, 'workload-identity': workloadIdentity }[job.sdk]() };
} catch (error) {
  result = { ok: false, error: { name: error?.name, code: error?.code, message: String(error?.message ?? error) } };
}
process.stdout.write(JSON.stringify({ ...result, calls, findings }));
