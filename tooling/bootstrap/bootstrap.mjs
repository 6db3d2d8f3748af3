#!/usr/bin/env node
// The README's two commands end here: `npm start` -> `bootstrap.mjs start`, `npm test` -> `bootstrap.mjs test`.
// It runs on any Node.js >= 20 with npm (the README's quick start): it finds or fetches Node 24 and the pinned pnpm, installs the
// workspace, then hands over to the pnpm script that does the work (`demo` or `check`).
// Written by hand, without dependencies, because nothing is installed yet when it runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tools = join(root, '.tools');
const NODE_MAJOR = 24;
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.replace(/^pnpm@/, '');
const isWindows = process.platform === 'win32';

const tasks = { start: 'demo', test: 'check' };
const task = tasks[process.argv[2] ?? ''];
if (!task) fail(`usage: bootstrap.mjs ${Object.keys(tasks).join('|')}`);

function fail(message) {
  console.error(`bootstrap: ${message}`);
  process.exit(1);
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', shell: isWindows });
  if (result.error) fail(`${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function versionOf(command, env = process.env) {
  const result = spawnSync(command, ['--version'], { env, encoding: 'utf8', shell: isWindows });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

function npmInstallIntoTools(specs) {
  mkdirSync(tools, { recursive: true });
  // A package.json of its own keeps npm from walking up to the workspace root; what is installed is saved in it,
  // so that a later install into .tools/ does not prune what an earlier one put there.
  const manifest = join(tools, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, '{ "private": true }\n');
  console.log(`bootstrap: fetching ${specs.join(', ')} from the npm registry into .tools/`);
  const npm = isWindows ? 'npm.cmd' : 'npm';
  return run(npm, ['install', '--prefix', tools, '--no-audit', '--no-fund', '--save-exact', ...specs]);
}

const platformPackage = `node-${isWindows ? 'win' : process.platform}-${process.arch}`;
const nodeCandidates = [
  join(tools, 'node_modules', platformPackage, 'bin'),
  join(tools, 'node_modules', 'node', 'bin'),
];
const toolsBin = join(tools, 'node_modules', '.bin');
const localPnpm = join(toolsBin, isWindows ? 'pnpm.cmd' : 'pnpm');

/** The folder holding Node 24: this one's if it is 24, else one in .tools/, else undefined. */
function nodeDir() {
  if (Number(process.versions.node.split('.')[0]) === NODE_MAJOR) return dirname(process.execPath);
  return nodeCandidates.find((dir) =>
    versionOf(join(dir, isWindows ? 'node.exe' : 'node'))?.startsWith(`${NODE_MAJOR}.`),
  );
}

/** The folder holding the pinned pnpm: undefined when it is on PATH already, .tools/ otherwise. */
function pnpmDir(env) {
  if (versionOf('pnpm', env) === pnpmVersion) return { dir: undefined, found: true };
  return { dir: toolsBin, found: versionOf(localPnpm, env) === pnpmVersion };
}

// Fetch what is missing in one npm install. The platform package holds the Node binary and needs no install
// script; the `node` package is the fallback for platforms without one.
const missing = [];
if (!nodeDir()) missing.push(`${platformPackage}@^${NODE_MAJOR}`);
if (!pnpmDir(process.env).found) missing.push(`pnpm@${pnpmVersion}`);
if (missing.length > 0 && npmInstallIntoTools(missing) !== 0 && !nodeDir()) {
  npmInstallIntoTools([`node@${NODE_MAJOR}`, ...missing.filter((spec) => spec.startsWith('pnpm@'))]);
}

const pathWith = (dirs, env) => [...dirs, env.PATH ?? ''].join(delimiter);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
// Node 24's folder first, so that every child process (pnpm, turbo, vitest) runs on it.
const dirs = [nodeDir() ?? fail(`could not find or fetch Node.js ${NODE_MAJOR}`)];
const pnpmFound = pnpmDir({ ...env, PATH: pathWith(dirs, env) });
if (!pnpmFound.found) fail(`could not find or fetch pnpm ${pnpmVersion}`);
if (pnpmFound.dir) dirs.push(pnpmFound.dir);
env.PATH = pathWith(dirs, env);

const pnpm = 'pnpm';
const nodeVersion = versionOf('node', env) ?? '';
if (!nodeVersion.startsWith(`${NODE_MAJOR}.`)) fail(`expected Node.js ${NODE_MAJOR} on PATH, found ${nodeVersion}`);
console.log(`bootstrap: node ${nodeVersion}, pnpm ${versionOf(pnpm, env)}`);
const installed = run(pnpm, ['install', '--frozen-lockfile', '--prefer-offline'], env);
if (installed !== 0) process.exit(installed);
process.exit(run(pnpm, ['run', task], env));
