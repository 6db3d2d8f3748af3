// An esbuild plugin: the bundle reads Node's built-in modules with process.getBuiltinModule instead of importing
// them as ES modules. To import a built-in as ESM, Node builds a module namespace holding every export, and so runs
// every lazy getter the module has: node:crypto's `webcrypto`, node:timers' `promises`, and node:http's
// `WebSocket`, which loads undici, http2 and worker_threads (tens of milliseconds; the SDK's SSM client imports
// node:http). Each built-in becomes a CommonJS module of the bundle, `module.exports = process.getBuiltinModule(…)`:
// esbuild then reads a named import where it is used, and the namespace of a dynamic import reads each property only
// when asked. No esbuild option does this, hence the plugin. docs/benchmarks.md has what it saves.
import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules);

/** @type {import('esbuild').Plugin} */
export const builtinsThroughProcess = {
  name: 'builtins-through-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, ({ path }) => {
      const name = path.replace(/^node:/, '');
      return builtins.has(name) ? { path: `node:${name}`, namespace: 'builtin', sideEffects: false } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, ({ path }) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(path)});`,
      loader: 'js',
    }));
  },
};
