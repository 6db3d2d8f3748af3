import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Files, minified bytes and gzip -9 bytes (roughly what they weigh in the zip). */
export type Size = { files: number; bytes: number; gzipBytes: number };

/** Ours' dist/: the entry, every file a PEM or JWKS deployment loads (the entry's static import closure; the SSM
 * source and the AWS SDK are reached only through `import()`), and the zip. */
export type BundleSizes = { entry: Size; loaded: Size & { names: string[] }; zipBytes: number | undefined };

// esbuild's minified ESM: `import{a as b}from"./chunk-X.mjs"` and `import"./x.mjs"` are static imports.
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.mjs)["']/g;

/**
 * Measures every `.mjs` of `dist` and follows the entry's static imports.
 * @example const { loaded } = await measureSize('apps/authorizer/dist'); // loaded.names: ['chunk-….mjs', 'index.mjs']
 */
export async function measureSize(dist: string, entry = 'index.mjs'): Promise<BundleSizes> {
  const files = new Map<string, Buffer>();
  for (const name of await readdir(dist)) if (name.endsWith('.mjs')) files.set(name, await readFile(join(dist, name)));
  const loaded = new Set<string>();
  for (const pending = [entry]; pending.length > 0; ) {
    const name = pending.pop() ?? '';
    const content = files.get(name);
    if (loaded.has(name) || content === undefined) continue;
    loaded.add(name);
    for (const [, imported = ''] of content.toString('utf8').matchAll(STATIC_IMPORT)) pending.push(imported);
  }
  const size = (names: string[]): Size => ({
    files: names.length,
    bytes: names.reduce((sum, name) => sum + (files.get(name)?.length ?? 0), 0),
    gzipBytes: names.reduce((sum, name) => sum + gzipSync(files.get(name) ?? '', { level: 9 }).length, 0),
  });
  return {
    entry: size([entry]),
    loaded: { ...size([...loaded]), names: [...loaded].sort() },
    zipBytes: (await stat(join(dist, 'authorizer.zip')).catch(() => undefined))?.size,
  };
}
