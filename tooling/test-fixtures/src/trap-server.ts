import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server that must never be asked; see {@link startTrapServer}. */
export interface TrapServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Connections made to it so far: a test asserts 0. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * A loopback server that counts every connection and answers an empty key set: tokens point `jku`, `x5u` or a
 * URL-shaped `kid` at it, and the test asserts that nothing ever connected (keys come only from configuration).
 *
 * @example
 * ```ts
 * const trap = await startTrapServer(); ... expect(trap.connections).toBe(0); await trap.close();
 * ```
 */
export async function startTrapServer(): Promise<TrapServer> {
  let connections = 0;
  const server = createServer((_, response) => response.end('{"keys":[]}'));
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
