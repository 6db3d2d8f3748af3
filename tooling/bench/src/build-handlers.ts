import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

/** The contestant handlers other than ours, each a file in src/handlers. */
export const HANDLERS = [
  'floor-pem',
  'floor-log',
  'floor-jwks',
  'jose',
  'aws-jwt-verify',
  'jsonwebtoken',
  'jose-ssm',
] as const;
export type Handler = (typeof HANDLERS)[number];

/**
 * Bundles every handler into dist/handlers (git-ignored) as apps/authorizer/scripts/build.mjs bundles ours:
 * esbuild, ESM, minified, platform node, target node24, packages' ESM builds first. jsonwebtoken is CommonJS
 * requiring built-ins, which an ESM bundle can only do through `createRequire`: it gets that banner, as anyone
 * bundling it for Lambda must add.
 * @example const files = await buildHandlers(); // files.jose: '…/tooling/bench/dist/handlers/jose.mjs'
 */
export async function buildHandlers(): Promise<Record<Handler, string>> {
  const outdir = fileURLToPath(new URL('../dist/handlers/', import.meta.url));
  await rm(outdir, { recursive: true, force: true });
  const require = 'import{createRequire as __cr}from"node:module";const require=__cr(import.meta.url);';
  const entries = HANDLERS.map((name) => [name, `${outdir}${name}.mjs`] as const);
  const common: BuildOptions = { bundle: true, mainFields: ['module', 'main'], format: 'esm', platform: 'node' };
  for (const [name, outfile] of entries) {
    const entryPoints = [fileURLToPath(new URL(`./handlers/${name}.ts`, import.meta.url))];
    const banner = { js: name === 'jsonwebtoken' ? require : '' };
    await build({ ...common, target: 'node24', minify: true, legalComments: 'none', entryPoints, outfile, banner });
  }
  return Object.fromEntries(entries) as Record<Handler, string>;
}
