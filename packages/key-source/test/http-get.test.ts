import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpGet } from '../src/http-get.js';

// The default getter (node:http) against a real loopback server; the fetch path is exercised by the key sources'
// own tests through their `fetch` option.
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<URL> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
}

const get = httpGet();
const BODY = JSON.stringify({ keys: [] });
const bytes = Buffer.byteLength(BODY);

describe('httpGet, by node:http', () => {
  it('asks for JSON and answers the body of a 200 as text', async () => {
    let accept: string | undefined;
    const url = await serve((request, response) => {
      accept = request.headers.accept;
      response.end(BODY);
    });
    await expect(get(url, { timeoutMs: 2000, maxBytes: 1024 })).resolves.toEqual({ status: 200, text: BODY });
    expect(accept).toBe('application/json');
  });

  it('accepts a body of exactly maxBytes and refuses one byte more, declared or streamed', async () => {
    const declared = await serve((_, response) => response.end(BODY));
    await expect(get(declared, { timeoutMs: 2000, maxBytes: bytes })).resolves.toMatchObject({ text: BODY });
    await expect(get(declared, { timeoutMs: 2000, maxBytes: bytes - 1 })).rejects.toMatchObject({
      code: 'invalid_key_material',
      message: `the key set is larger than ${bytes - 1} bytes`,
    });
    await new Promise((resolve) => server?.close(resolve));
    const streamed = await serve((_, response) => {
      response.write(BODY.slice(0, 5)); // no content-length: chunked
      response.end(BODY.slice(5));
    });
    await expect(get(streamed, { timeoutMs: 2000, maxBytes: bytes })).resolves.toMatchObject({ text: BODY });
    await expect(get(streamed, { timeoutMs: 2000, maxBytes: bytes - 1 })).rejects.toMatchObject({
      code: 'invalid_key_material',
    });
  });

  it('answers a redirect as it is, without following it', async () => {
    let followed = false;
    const url = await serve((request, response) => {
      if (request.url === '/elsewhere') followed = true;
      response.writeHead(302, { location: '/elsewhere' }).end();
    });
    await expect(get(url, { timeoutMs: 2000, maxBytes: 1024 })).resolves.toEqual({ status: 302, text: undefined });
    expect(followed).toBe(false);
  });

  it('times out a server that hangs before its headers or in the middle of its body', async () => {
    const silent = await serve(() => {});
    await expect(get(silent, { timeoutMs: 100, maxBytes: 1024 })).rejects.toMatchObject({ name: 'TimeoutError' });
    await new Promise((resolve) => {
      server?.closeAllConnections();
      server?.close(resolve);
    });
    const stalling = await serve((_, response) => response.write('{"keys":'));
    await expect(get(stalling, { timeoutMs: 100, maxBytes: 1024 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('fails at once, with no body, when the connection closes in the middle of the body', async () => {
    const cut = await serve((_, response) => {
      response.writeHead(200, { 'content-length': String(bytes) });
      response.write(BODY.slice(0, 5), () => response.socket?.destroy());
    });
    // A timer far longer than the test's own timeout: only the closed connection can end the wait in time.
    const failure = await get(cut, { timeoutMs: 60_000, maxBytes: 1024 }).then(
      (answer) => answer,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toMatchObject({ name: 'TimeoutError' });
  });

  it('speaks TLS to an https URL: a plain-HTTP server there is a failure, never a body', async () => {
    const url = await serve((_, response) => response.end(BODY));
    url.protocol = 'https:';
    await expect(get(url, { timeoutMs: 2000, maxBytes: 1024 })).rejects.toMatchObject({
      code: expect.stringMatching(/^ERR_SSL_|^EPROTO$/),
    });
  });

  it('rejects with the network error when nothing listens', async () => {
    const url = await serve(() => {});
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    await expect(get(url, { timeoutMs: 2000, maxBytes: 1024 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
