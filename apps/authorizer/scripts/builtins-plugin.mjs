// An esbuild plugin: the bundle reads Node's built-in modules with process.getBuiltinModule instead of importing
// them as ES modules. To import a built-in as ESM, Node builds a module namespace holding every export, and so runs
// every lazy getter the module has (node:crypto's `webcrypto`, node:timers' `promises`). Each static import becomes
// one property read per imported name, made when the bundle loads as the ESM binding would be; esbuild checks the
// names and drops the reads nothing uses. A dynamic import() of a built-in is left as it is: its caller may read any
// export of the namespace it gets. No esbuild option does this, hence the plugin; docs/benchmarks.md has what it
// saves.
import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** @type {import('esbuild').Plugin} */
export const builtinsThroughProcess = {
  name: 'builtins-through-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, ({ path, kind }) => {
      const name = path.replace(/^node:/, '');
      if (!builtins.has(name)) return undefined;
      if (kind === 'dynamic-import') return { path: `node:${name}`, external: true };
      return { path: `node:${name}`, namespace: 'builtin', sideEffects: false };
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, async ({ path }) => {
      const names = Object.keys(await import(path)).filter((name) => name !== 'default' && IDENTIFIER.test(name));
      // `$` in the local names: no built-in exports one, so they cannot collide with the exports. Marked pure, so
      // that esbuild drops the reads of every export nothing imports.
      const reads = names.map((name) => `export const ${name} = /* @__PURE__ */ read$(${JSON.stringify(name)});`);
      const head = [
        `const builtin$ = process.getBuiltinModule(${JSON.stringify(path)});`,
        'const read$ = (name) => builtin$[name];',
        'export default builtin$;',
      ];
      return { contents: [...head, ...reads].join('\n'), loader: 'js' };
    });
  },
};
