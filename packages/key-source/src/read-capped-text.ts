import { KeySourceError } from '@jwt-authorizer/core';

/**
 * Reads a response body as UTF-8 text, refusing it once it exceeds `maxBytes`, without buffering more than that.
 * By hand because neither fetch nor jose caps a body: a hostile or broken endpoint could stream without end.
 *
 * @throws {KeySourceError} `invalid_key_material` when the body is larger than `maxBytes`.
 * @example
 * ```ts
 * const text = await readCappedText(await fetch(url), 512 * 1024);
 * ```
 */
export async function readCappedText(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = () => new KeySourceError('invalid_key_material', `the key set is larger than ${maxBytes} bytes`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
