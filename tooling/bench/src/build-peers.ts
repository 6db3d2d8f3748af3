import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The peer handlers, each a file in src/peers. */
export const PEERS = ['jose', 'aws-jwt-verify', 'jsonwebtoken', 'fast-jwt', 'raw', 'jose-ssm'] as const;
/** One of {@link PEERS}. */
export type Peer = (typeof PEERS)[number];

/** Where the built peers land (git-ignored). */
export const PEERS_DIST = fileURLToPath(new URL('../dist/peers/', import.meta.url));

/** A built peer bundle. */
export interface PeerBundle {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * Bundles every peer handler as apps/authorizer/scripts/build.mjs bundles ours: esbuild, ESM, minified, platform
 * node, target node24, the packages' ESM builds first (`mainFields: ['module', 'main']`). jsonwebtoken and fast-jwt
 * are CommonJS requiring Node built-ins, which an ESM bundle can only do through `createRequire`: they get that
 * two-line banner, as any user bundling them for Lambda must add.
 *
 * @example
 * ```ts
 * const bundles = await buildPeers(); // bundles.jose.file -> dist/peers/jose.mjs
 * ```
 */
export async function buildPeers(outdir = PEERS_DIST): Promise<Record<Peer, PeerBundle>> {
  await rm(outdir, { recursive: true, force: true });
  const bundles = {} as Record<Peer, PeerBundle>;
  for (const peer of PEERS) {
    const commonJs = peer === 'jsonwebtoken' || peer === 'fast-jwt';
    const file = join(outdir, `${peer}.mjs`);
    await build({
      entryPoints: [fileURLToPath(new URL(`./peers/${peer}.ts`, import.meta.url))],
      outfile: file,
      bundle: true,
      mainFields: ['module', 'main'],
      format: 'esm',
      platform: 'node',
      target: 'node24',
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
      ...(commonJs && {
        banner: { js: 'import{createRequire as __cr}from"node:module";const require=__cr(import.meta.url);' },
      }),
    });
    const bytes = await readFile(file);
    bundles[peer] = { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  }
  return bundles;
}
