import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the loopback JWKS server answers the next requests. */
export type JwksServerMode =
  | { kind: 'ok' }
  | { kind: 'down' } // HTTP 503
  | { kind: 'garbage' } // 200 with a body that is not JSON
  | { kind: 'huge'; bytes: number } // 200 with a JSON body of that size, streamed without content-length
  | { kind: 'redirect'; location: string } // 302
  | { kind: 'hang' }; // never answers

/** A real HTTP server on loopback serving a JWKS, counting the requests it receives. */
export interface JwksServer {
  url: URL;
  /** JWKS requests received so far. */
  readonly count: number;
  /** Discovery-document requests received so far. */
  readonly discoveryCount: number;
  /** The issuer its discovery document names: its origin. */
  issuer: string;
  /** Replaces the published set (key rotation). */
  publish(jwks: { keys: object[] }): void;
  setMode(mode: JwksServerMode): void;
  /** Delay before every answer, in milliseconds. */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

/**
 * Starts a JWKS endpoint on 127.0.0.1 at `/jwks.json` (and an OpenID discovery document at
 * `/.well-known/openid-configuration` naming it). Real HTTP: what the key source does is what it does in production.
 *
 * @example
 * ```ts
 * const server = await startJwksServer({ keys: [{ ...key.publicJwk, kid: 'k1' }] });
 * ```
 */
export async function startJwksServer(initial: { keys: object[] }): Promise<JwksServer> {
  let jwks = initial;
  let mode: JwksServerMode = { kind: 'ok' };
  let delay = 0;
  let count = 0;
  let discoveryCount = 0;
  const hanging = new Set<ServerResponse>();

  const answer = (request: IncomingMessage, response: ServerResponse, origin: string) => {
    if (request.url?.endsWith('/.well-known/openid-configuration')) {
      discoveryCount += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ issuer: origin, jwks_uri: `${origin}/jwks.json` }));
      return;
    }
    count += 1;
    switch (mode.kind) {
      case 'ok':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(jwks));
        return;
      case 'down':
        response.writeHead(503).end('unavailable');
        return;
      case 'garbage':
        response.writeHead(200, { 'content-type': 'application/json' }).end('<html>not a key set</html>');
        return;
      case 'huge': {
        response.writeHead(200, { 'content-type': 'application/json' });
        const padding = 'x'.repeat(16 * 1024);
        const total = mode.bytes;
        let sent = 0;
        const pump = () => {
          while (sent < total && response.write(padding)) sent += padding.length;
          if (sent >= total) response.end();
          else response.once('drain', pump);
        };
        response.on('error', () => {});
        pump();
        return;
      }
      case 'redirect':
        response.writeHead(302, { location: mode.location }).end();
        return;
      case 'hang':
        hanging.add(response);
        return;
    }
  };

  const server = createServer((request, response) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (delay > 0) setTimeout(() => answer(request, response, origin), delay);
    else answer(request, response, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/jwks.json`),
    get count() {
      return count;
    },
    get discoveryCount() {
      return discoveryCount;
    },
    issuer: `http://127.0.0.1:${port}`,
    publish: (next) => {
      jwks = next;
    },
    setMode: (next) => {
      mode = next;
    },
    setDelay: (ms) => {
      delay = ms;
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
