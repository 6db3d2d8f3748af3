import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Size of one file of the bundle. */
export interface ChunkSize {
  file: string;
  bytes: number;
  /** gzip -9: roughly what it weighs in the zip. */
  gzipBytes: number;
  /** Loaded by every deployment: reachable from the entry through static imports. */
  entryClosure: boolean;
}

/** The authorizer's bundle, chunk by chunk, split into what a PEM deployment loads and what stays lazy. */
export interface BundleSizes {
  chunks: ChunkSize[];
  entryClosure: { files: number; bytes: number; gzipBytes: number };
  lazy: { files: number; bytes: number; gzipBytes: number };
  zipBytes?: number;
}

// esbuild's minified ESM: `import{a as b}from"./chunk-X.mjs"` and `import"./x.mjs"` are static,
// `import("./ssm-X.mjs")` is dynamic (the lazily loaded SSM source).
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.mjs)["']/g;

/**
 * Measures every `.mjs` of `dist` and follows the entry's static imports: the closure is what a PEM or JWKS
 * deployment evaluates at cold start; everything else is loaded only by a configuration that needs it (SSM).
 *
 * @example
 * ```ts
 * const sizes = await measureBundle('apps/authorizer/dist');
 * ```
 */
export async function measureBundle(dist: string, entry = 'index.mjs'): Promise<BundleSizes> {
  const names = (await readdir(dist)).filter((name) => name.endsWith('.mjs')).sort();
  const contents = new Map<string, Buffer>();
  for (const name of names) contents.set(name, await readFile(join(dist, name)));

  const closure = new Set<string>();
  const pending = [entry];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const content = contents.get(name);
    if (closure.has(name) || content === undefined) continue;
    closure.add(name);
    for (const [, specifier = ''] of content.toString('utf8').matchAll(STATIC_IMPORT)) pending.push(specifier.slice(2));
  }

  const chunks = [...contents].map(([file, bytes]) => {
    return {
      file,
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
      entryClosure: closure.has(file),
    };
  });
  const total = (selected: ChunkSize[]) => ({
    files: selected.length,
    bytes: selected.reduce((sum, chunk) => sum + chunk.bytes, 0),
    gzipBytes: selected.reduce((sum, chunk) => sum + chunk.gzipBytes, 0),
  });
  const zip = names.length > 0 ? await readFile(join(dist, 'authorizer.zip')).catch(() => undefined) : undefined;
  return {
    chunks,
    entryClosure: total(chunks.filter((chunk) => chunk.entryClosure)),
    lazy: total(chunks.filter((chunk) => !chunk.entryClosure)),
    ...(zip && { zipBytes: zip.length }),
  };
}
