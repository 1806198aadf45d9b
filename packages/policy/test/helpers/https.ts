/**
 * A loopback HTTPS server for OIDC discovery tests, and a `fetch` that trusts its certificate
 * (Node's global fetch cannot take a CA per call). Real TLS, real HTTP, 127.0.0.1 only.
 */
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createLoopbackTls } from '../../../../test/e2e/support/tls.js';

export interface LoopbackServer {
  origin: string;
  /** Paths served: path → JSON body (status 200) or a status code. */
  routes: Map<string, unknown>;
  fetch: typeof globalThis.fetch;
  requests: string[];
  close(): Promise<void>;
}

/** A `fetch` over node:https that trusts `ca` (and honours `init.signal`). */
export function trustingFetch(ca: string): typeof globalThis.fetch {
  return (input, init) =>
    new Promise((resolve, reject) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const req = request(url, { ca, method: init?.method ?? 'GET', signal: init?.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve(
            new Response(res.statusCode === 204 || res.statusCode === 304 ? null : Buffer.concat(chunks), {
              status: res.statusCode ?? 500,
            }),
          ),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const tls = createLoopbackTls();
  const routes = new Map<string, unknown>();
  const requests: string[] = [];
  const server: Server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const route = routes.get(path);
    if (route === undefined || typeof route === 'number') {
      res.writeHead(typeof route === 'number' ? route : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(route));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    routes,
    requests,
    fetch: trustingFetch(tls.cert),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
