#!/usr/bin/env node
// The README's two commands end here: `npm start` -> `bootstrap.mjs start`, `npm test` -> `bootstrap.mjs test`.
// It runs on any Node.js >= 20 with npm (SPEC §7): it finds or fetches Node 24 and the pinned pnpm, installs the
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
  // A package.json of its own keeps npm from walking up to the workspace root.
  const manifest = join(tools, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, '{ "private": true }\n');
  console.log(`bootstrap: fetching ${specs.join(', ')} from the npm registry into .tools/`);
  const npm = isWindows ? 'npm.cmd' : 'npm';
  return run(npm, ['install', '--prefix', tools, '--no-audit', '--no-fund', '--no-save', ...specs]);
}

/** Node 24: this one if it is 24, else .tools/, else fetched into .tools/. Returns the folder holding `node`. */
function nodeDir() {
  if (Number(process.versions.node.split('.')[0]) === NODE_MAJOR) return dirname(process.execPath);
  const platformPackage = `node-${isWindows ? 'win' : process.platform}-${process.arch}`;
  const candidates = [join(tools, 'node_modules', platformPackage, 'bin'), join(tools, 'node_modules', 'node', 'bin')];
  const found = () =>
    candidates.find((dir) => versionOf(join(dir, isWindows ? 'node.exe' : 'node'))?.startsWith(`${NODE_MAJOR}.`));
  if (found()) return found();
  // The platform package holds the binary and needs no install script; `node` is the fallback for other platforms.
  if (npmInstallIntoTools([`${platformPackage}@^${NODE_MAJOR}`]) !== 0) npmInstallIntoTools([`node@${NODE_MAJOR}`]);
  return found() ?? fail(`could not find or fetch Node.js ${NODE_MAJOR}`);
}

/** pnpm: the pinned version on PATH if there is one, else .tools/, else fetched into .tools/. Returns its bin folder or undefined. */
function pnpmDir(env) {
  if (versionOf('pnpm', env) === pnpmVersion) return undefined;
  const bin = join(tools, 'node_modules', '.bin');
  const local = join(bin, isWindows ? 'pnpm.cmd' : 'pnpm');
  if (versionOf(local, env) !== pnpmVersion) npmInstallIntoTools([`pnpm@${pnpmVersion}`]);
  if (versionOf(local, env) !== pnpmVersion) fail(`could not find or fetch pnpm ${pnpmVersion}`);
  return bin;
}

const pathWith = (dirs, env) => [...dirs, env.PATH ?? ''].join(delimiter);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
env.PATH = pathWith([nodeDir()], env);
const pnpmBin = pnpmDir(env);
if (pnpmBin) env.PATH = pathWith([pnpmBin], env);

const pnpm = 'pnpm';
console.log(`bootstrap: node ${versionOf('node', env)}, pnpm ${versionOf(pnpm, env)}`);
const installed = run(pnpm, ['install', '--frozen-lockfile', '--prefer-offline'], env);
if (installed !== 0) process.exit(installed);
process.exit(run(pnpm, ['run', task], env));
