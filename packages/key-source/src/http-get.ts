import type { IncomingMessage } from 'node:http';
import { KeySourceError } from '@jwt-authorizer/core';

/** Options of one {@link HttpGet}. */
export interface HttpGetOptions {
  /** The whole exchange, body included, is aborted after this long, with an error named `TimeoutError`. */
  timeoutMs: number;
  /** The body is refused once it exceeds this many bytes, declared or streamed, without buffering more. */
  maxBytes: number;
}

/** A GET that answers the status and, for a 200, the body as UTF-8 text; redirects are never followed. */
export type HttpGet = (url: URL, options: HttpGetOptions) => Promise<{ status: number; text: string | undefined }>;

/**
 * How the remote key sources fetch: by default with `node:http` / `node:https`, loaded on the first fetch; with
 * `fetchImpl` given (tests, a proxy), through it. Not the global `fetch` by default: its client (undici) and the
 * modules it pulls in (http2, zlib, worker_threads, ...) load on first use and cost a JWKS deployment tens of
 * milliseconds of cold start; a key set is one small GET, which node:https does with nothing more. Either way a
 * redirect is an answer, not followed, and the body is capped while it streams.
 *
 * @example
 * ```ts
 * const { status, text } = await httpGet()(new URL('https://idp.example/jwks.json'), { timeoutMs: 2000, maxBytes: 1e6 });
 * ```
 */
export function httpGet(fetchImpl?: typeof fetch): HttpGet {
  return fetchImpl ? viaFetch(fetchImpl) : viaNode;
}

const tooLarge = (maxBytes: number) =>
  new KeySourceError('invalid_key_material', `the key set is larger than ${maxBytes} bytes`);

/** Reads a fetch body as UTF-8 text, refusing it once it exceeds `maxBytes`. By hand: fetch caps no body. */
async function readCapped(body: AsyncIterable<Uint8Array>, maxBytes: number, cancel: () => unknown): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function viaFetch(fetchImpl: typeof fetch): HttpGet {
  return async (url, { timeoutMs, maxBytes }) => {
    const response = await fetchImpl(url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
    const cancel = () => response.body?.cancel().catch(() => {});
    if (response.status !== 200) {
      await cancel();
      return { status: response.status, text: undefined };
    }
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      await cancel();
      throw tooLarge(maxBytes);
    }
    const text = response.body === null ? '' : await readCapped(response.body, maxBytes, cancel);
    return { status: 200, text };
  };
}

async function viaNode(url: URL, { timeoutMs, maxBytes }: HttpGetOptions) {
  // Loaded here, on the first fetch, and not with import(): an imported node:http builds a module namespace of
  // all its exports, and reading its `WebSocket` loads undici (tens of milliseconds of cold start).
  const { request } = process.getBuiltinModule(url.protocol === 'https:' ? 'node:https' : 'node:http');
  return new Promise<{ status: number; text: string | undefined }>((resolve, reject) => {
    const req = request(url, { headers: { accept: 'application/json' } });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy();
    }, timeoutMs);
    const done = (answer: { status: number; text: string | undefined }) => {
      clearTimeout(timer);
      resolve(answer);
    };
    // Whatever a destroyed request or body reports, a timeout is reported as one.
    const fail = (error: unknown) => {
      clearTimeout(timer);
      reject(timedOut ? Object.assign(new Error('the request for keys timed out'), { name: 'TimeoutError' }) : error);
    };
    req.on('error', fail);
    req.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        response.destroy();
        done({ status, text: undefined });
      } else if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
        response.destroy();
        fail(tooLarge(maxBytes));
      } else {
        // Events, not the stream's async iterator (readCapped): the same cap, without the iterator's machinery on
        // the one fetch of a cold start (half a millisecond of a JWKS deployment's).
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size <= maxBytes) chunks.push(chunk);
          else {
            response.destroy();
            fail(tooLarge(maxBytes));
          }
        });
        response.on('end', () => done({ status, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', fail); // a body cut short: the connection closed, or the timer destroyed the request
      }
    });
    req.end();
  });
}
