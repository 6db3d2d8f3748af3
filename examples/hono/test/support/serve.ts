import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { JwtAuthEnv } from '../../src/jwt-auth.ts';

/** A running loopback server for `app`; `close()` stops it. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `app` over real HTTP on 127.0.0.1 and a free port. */
export async function serveOnLoopback(app: Hono<JwtAuthEnv>): Promise<RunningServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
