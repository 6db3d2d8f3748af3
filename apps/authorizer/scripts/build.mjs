// Builds the deployable artefacts (docs/deploy.md): dist/index.mjs (an ES module exporting `handler`, using only
// `node:` built-ins) and dist/authorizer.zip (the contents of dist/ at the zip root, handler `index.handler`).
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { zipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

// Our code and Middy's reach the built-ins through process.getBuiltinModule, which answers a module's exports
// object, and not through ES module imports: an import of a built-in makes its namespace, which reads every export,
// and reading the lazy ones loads modules of their own (node:crypto's webcrypto, node:buffer's File, node:timers'
// promises), about 0.5 ms of every cold start for exports nothing here uses (docs/architecture.md). Each export used
// is read once, at module start, where the import would have bound it. The AWS SDK's lazily loaded chunks keep their
// imports: a built-in module shared by both would become a chunk the entry imports.
const fromOurs = (importer) => {
  const path = importer.replaceAll('\\', '/');
  return !path.includes('/node_modules/') || path.includes('/node_modules/@middy/');
};
/** @type {import('esbuild').Plugin} */
const builtinsByGetter = {
  name: 'builtins-by-getter',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, ({ path, importer }) =>
      fromOurs(importer) ? { path, namespace: 'builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, async ({ path }) => {
      // Every export of the built-in, each read in a call marked pure: esbuild drops those nothing imports and
      // inlines the others as `builtin.name`.
      const names = Object.keys(await import(path)).filter((name) => name !== 'default');
      const contents = [
        `const __builtin = process.getBuiltinModule(${JSON.stringify(path)});`,
        ...names.map((name) => `export const ${name} = /* @__PURE__ */ (() => __builtin.${name})();`),
        'export default __builtin;',
      ].join('\n');
      return { contents, loader: 'js' };
    });
  },
};

// The configuration's table of variables (packages/config/src/variables.ts) gives each variable, beside what the
// parser reads (its default and range), a summary, a scope and what leaving it unset means: documentation, for the
// docs' checks and for tools. The bundle gets the table with the parser's part alone, made from the real table at
// build time, so the two cannot differ where it counts: about 2.8 KB less in every zip and every cold start's parse.
const PARSER_FIELDS = ['default', 'range'];
/** @type {import('esbuild').Plugin} */
const variablesForTheParser = {
  name: 'variables-for-the-parser',
  setup(build) {
    build.onLoad({ filter: /[\\/]packages[\\/]config[\\/]dist[\\/]variables\.js$/ }, async ({ path }) => {
      const module = await import(pathToFileURL(path).href);
      const { VARIABLES, ...others } = module;
      const entries = Object.entries(VARIABLES).map(([name, variable]) => [
        name,
        Object.fromEntries(PARSER_FIELDS.filter((field) => field in variable).map((field) => [field, variable[field]])),
      ]);
      const contents = [
        `export const VARIABLES = ${JSON.stringify(Object.fromEntries(entries))};`,
        ...Object.entries(others).map(([name, value]) => {
          if (typeof value === 'function') throw new Error(`${path} exports a function, ${name}: it is not a table`);
          return `export const ${name} = ${JSON.stringify(value)};`;
        }),
      ].join('\n');
      return { contents, loader: 'js' };
    });
  },
};

await rm(dist, { recursive: true, force: true });
const result = await build({
  plugins: [builtinsByGetter, variablesForTheParser],
  entryPoints: { index: join(root, 'src/handler.ts') },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true, // lazily imported modules (the SSM source and the AWS SDK) become chunks of their own
  // The AWS SDK's ESM build (dist-es): smaller and faster to evaluate than its CommonJS build.
  mainFields: ['module', 'main'],
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});

// Nothing but node: built-ins may be imported by what lands in dist/ (no node_modules in the zip).
const builtins = new Set(builtinModules);
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  for (const { path, external } of output.imports) {
    if (external && !path.startsWith('node:') && !builtins.has(path)) {
      throw new Error(`${file} imports "${path}", which is not a node: built-in`);
    }
  }
}

// The entry is one module: each module more that Node resolves and links at cold start costs about a millisecond
// (docs/architecture.md). esbuild gives it a chunk of shared code when a lazily loaded chunk shares code with it.
const entry = result.metafile.outputs[Object.keys(result.metafile.outputs).find((file) => file.endsWith('index.mjs'))];
for (const { path, kind, external } of entry.imports) {
  if (kind === 'import-statement' && !external) {
    throw new Error(`index.mjs imports ${path} statically: the entry must be a single module`);
  }
}

// A fixed timestamp makes the zip a function of its contents: the same build gives the same bytes.
const mtime = new Date('2000-01-01T00:00:00Z');
/** @type {Record<string, [Uint8Array, { mtime: Date }]>} */
const files = {};
for (const name of (await readdir(dist)).sort()) files[name] = [await readFile(join(dist, name)), { mtime }];
await writeFile(join(dist, 'authorizer.zip'), zipSync(files, { level: 9 }));
console.log(`built ${Object.keys(files).join(', ')} and authorizer.zip`);
