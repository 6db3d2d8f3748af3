import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METHOD_ARN, startJwksServer, startSsmServer } from '@jwt-authorizer/test-fixtures';
import { buildPeers, type Peer, type PeerBundle } from './build-peers.ts';
import { type BundleSizes, measureBundle } from './bundle-sizes.ts';
import { type ColdStartConfig, type ColdStartRow, measureColdStarts } from './cold-start.ts';
import {
  BENCH_AUDIENCE,
  BENCH_ISSUER,
  BENCH_KID,
  type BenchAlgorithm,
  type BenchKey,
  createBenchKey,
  signBenchTokens,
} from './create-bench-key.ts';
import type { TargetResult } from './evaluate-targets.ts';
import type { JwksChildInput, JwksChildOutput } from './jwks-child.ts';
import type { BenchOptions } from './options.ts';
import { baseEnv, spawnTimed } from './spawn-timed.ts';
import type { Stats } from './summarize.ts';
import type { WarmChildInput, WarmChildOutput } from './warm-child.ts';

/** The built authorizer the bench measures. */
export const AUTHORIZER_DIST = fileURLToPath(new URL('../../../apps/authorizer/dist/', import.meta.url));
const SRC = fileURLToPath(new URL('./', import.meta.url));

/** One contestant's warm figures, with its ratio to the limit measured in the same process. */
export interface WarmRow {
  name: string;
  distinct: Stats & { ratio: number };
  repeated: Stats & { ratio: number };
}

/** One warm run: one algorithm, pinned or not, every contestant in one process. */
export interface WarmRun {
  mode: 'pinned' | 'unpinned';
  alg: BenchAlgorithm;
  timerOverheadNs: number;
  rows: WarmRow[];
}

/** RSS of one handler after the configured number of verifications, alone in its process. */
export interface RssRow {
  name: string;
  verifications: number;
  rssMiB: number;
  heapUsedMiB: number;
  /** RSS after loading the tokens, before importing the handler. */
  rssBeforeImportMiB: number;
}

/** Everything `pnpm bench` measured; written to results/latest.json. */
export interface BenchResults {
  meta: {
    date: string;
    node: string;
    cpu: string;
    cpus: number;
    loadAverage: number[];
    pinning: string;
    /** The authorizer build measured as "ours". */
    ours: string;
    options: BenchOptions;
    seconds: number;
  };
  warm?: WarmRun[];
  coldStart?: ColdStartRow[];
  bundle?: { ours: BundleSizes; peers: Record<string, Omit<PeerBundle, 'file'>> };
  jwks?: JwksChildOutput & { clock: string; floodStepMs: number; cooldownSeconds: number };
  rss?: RssRow[];
  /** Issue 6's targets judged on this run's figures (added by main.ts). */
  targets?: TargetResult[];
}

const PEER_NAMES: Record<Exclude<Peer, 'raw' | 'jose-ssm'>, string> = {
  jose: 'jose jwtVerify',
  'aws-jwt-verify': 'aws-jwt-verify',
  jsonwebtoken: 'jsonwebtoken (KeyObject)',
  'fast-jwt': 'fast-jwt (cache on)',
};
// What each peer cannot verify at all.
const UNSUPPORTED: Partial<Record<Peer, BenchAlgorithm[]>> = { 'aws-jwt-verify': ['PS256'], jsonwebtoken: ['EdDSA'] };

function keyEnv(key: BenchKey): Record<string, string> {
  return {
    JWT_PUBLIC_KEY: key.publicPem,
    JWT_ALGORITHMS: key.alg,
    JWT_ISSUER: BENCH_ISSUER,
    JWT_AUDIENCE: BENCH_AUDIENCE,
    JWT_KID: BENCH_KID,
  };
}

function tokenEvent(token: string) {
  return { type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: METHOD_ARN };
}

/** Whether `taskset` can pin a process here. */
function canPin(): boolean {
  return spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

/**
 * Runs the sections `options` selects and returns their figures. Progress goes to `progress` (stderr).
 *
 * @example
 * ```ts
 * const results = await runBench(parseBenchOptions(['--quick'], {}, 'out.json'), console.error);
 * ```
 */
export async function runBench(options: BenchOptions, progress: (line: string) => void): Promise<BenchResults> {
  const started = performance.now();
  const oursDist = options.oursDist ?? AUTHORIZER_DIST;
  const oursEntry = join(oursDist, 'index.mjs');
  if (!existsSync(oursEntry)) {
    throw new Error(`${oursEntry} is missing: run \`pnpm bench\` at the root, which builds the authorizer first`);
  }
  const pinnable = canPin();
  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cpus: cpus().length,
      loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
      pinning: pinnable ? 'taskset -c 0' : 'unavailable (taskset missing): pinned runs skipped',
      ours: oursEntry,
      options,
      seconds: 0,
    },
  };
  const temp = await mkdtemp(join(tmpdir(), 'jwt-authorizer-bench-'));
  try {
    progress('building the peer handlers');
    const peers = await buildPeers();
    const keys = new Map<BenchAlgorithm, BenchKey>();
    const keyFor = (alg: BenchAlgorithm) => {
      const key = keys.get(alg) ?? createBenchKey(alg);
      keys.set(alg, key);
      return key;
    };
    const rs256 = keyFor('RS256');
    const [firstToken = ''] = signBenchTokens(rs256, 1, { prefix: 'first' });

    if (options.sections.includes('bundle')) {
      progress('measuring bundle sizes');
      results.bundle = {
        ours: await measureBundle(oursDist),
        peers: Object.fromEntries(
          Object.entries(peers).map(([name, { bytes, gzipBytes }]) => [name, { bytes, gzipBytes }]),
        ),
      };
    }

    if (options.sections.includes('warm')) {
      results.warm = [];
      const modes = options.modes.filter((mode) => mode === 'unpinned' || pinnable);
      for (const alg of options.algorithms) {
        const key = keyFor(alg);
        progress(`signing ${options.warmup + options.tokens + 1} ${alg} tokens`);
        const all = signBenchTokens(key, options.warmup + options.tokens + 1, { prefix: alg });
        const [repeatedToken = ''] = all.splice(options.warmup, 1);
        const input: WarmChildInput = {
          alg,
          publicPem: key.publicPem,
          issuer: BENCH_ISSUER,
          audience: BENCH_AUDIENCE,
          methodArn: METHOD_ARN,
          warmupTokens: all.slice(0, options.warmup),
          repeatedToken,
          tokens: all.slice(options.warmup),
          repeatedOps: options.repeated,
          rounds: options.rounds,
          contestants: [
            { name: 'limit (node:crypto)', kind: 'limit' },
            ...(alg === 'RS256'
              ? [{ name: 'limit, {key,padding} object', kind: 'limit' as const, variant: 'options-object' as const }]
              : []),
            ...(alg === 'ES256'
              ? [{ name: 'limit, ieee-p1363', kind: 'limit' as const, variant: 'ieee-p1363' as const }]
              : []),
            { name: 'ours (dist/index.mjs)', kind: 'handler', entry: oursEntry },
            { name: 'ours, core verifyToken', kind: 'core', cached: false },
            { name: 'ours, core createTokenVerifier', kind: 'core', cached: true },
            ...(Object.keys(PEER_NAMES) as Array<keyof typeof PEER_NAMES>)
              .filter((peer) => !UNSUPPORTED[peer]?.includes(alg))
              .map((peer) => ({ name: PEER_NAMES[peer], kind: 'handler' as const, entry: peers[peer].file })),
          ],
        };
        const inputFile = join(temp, `warm-${alg}.json`);
        await writeFile(inputFile, JSON.stringify(input));
        for (const mode of modes) {
          progress(`warm ${alg}, ${mode}`);
          const outputFile = join(temp, `warm-${alg}-${mode}.json`);
          const args = [join(SRC, 'warm-child.ts'), inputFile, outputFile];
          const env = { ...baseEnv(), ...keyEnv(key) };
          if (mode === 'pinned') await spawnTimed('taskset', ['-c', '0', process.execPath, ...args], env);
          else await spawnTimed(process.execPath, args, env);
          const output = JSON.parse(await readFile(outputFile, 'utf8')) as WarmChildOutput;
          const [limit] = output.contestants;
          if (!limit) throw new Error(`the ${alg} warm run reported no contestant`);
          results.warm.push({
            mode,
            alg,
            timerOverheadNs: output.timerOverheadNs,
            rows: output.contestants.map(({ name, distinct, repeated }) => ({
              name,
              distinct: { ...distinct, ratio: round(distinct.medianNs / limit.distinct.medianNs) },
              repeated: { ...repeated, ratio: round(repeated.medianNs / limit.repeated.medianNs) },
            })),
          });
        }
      }
    }

    if (options.sections.includes('cold')) {
      progress(`cold starts, ${options.coldRuns} runs per configuration`);
      const jwks = await startJwksServer({ keys: [rs256.publicJwk] });
      const ssm = await startSsmServer({ '/bench/jwt-public-key': rs256.publicPem });
      const pem = keyEnv(rs256);
      const { JWT_PUBLIC_KEY: _pem, ...claims } = pem;
      const aws = {
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDBENCHFAKE',
        AWS_SECRET_ACCESS_KEY: 'bench-fake-secret',
        AWS_ENDPOINT_URL_SSM: ssm.url,
        JWT_PUBLIC_KEY_SSM_PARAMETER: '/bench/jwt-public-key',
      };
      const configs: ColdStartConfig[] = [
        { name: 'bare node -e 0' },
        { name: 'raw floor (node:crypto), PEM', entry: peers.raw.file, env: pem },
        { name: 'jose-minimal, PEM', entry: peers.jose.file, env: pem },
        { name: 'ours, inline PEM', entry: oursEntry, env: pem },
        { name: 'ours, JWKS_URI (loopback)', entry: oursEntry, env: { ...claims, JWKS_URI: jwks.url.href } },
        { name: 'jose + client-ssm (ESM), SSM', entry: peers['jose-ssm'].file, env: { ...claims, ...aws } },
        { name: 'ours, SSM (loopback)', entry: oursEntry, env: { ...claims, ...aws } },
        { name: 'aws-jwt-verify, PEM', entry: peers['aws-jwt-verify'].file, env: pem },
        { name: 'jsonwebtoken, PEM', entry: peers.jsonwebtoken.file, env: pem },
        { name: 'fast-jwt, PEM', entry: peers['fast-jwt'].file, env: pem },
      ];
      try {
        results.coldStart = await measureColdStarts(configs, options.coldRuns, tokenEvent(firstToken));
      } finally {
        await Promise.all([jwks.close(), ssm.close()]);
      }
    }

    if (options.sections.includes('jwks')) {
      progress('JWKS fetch counts');
      const cooldownSeconds = 30;
      const input: JwksChildInput = {
        entry: oursEntry,
        publicJwk: rs256.publicJwk,
        issuer: BENCH_ISSUER,
        audience: BENCH_AUDIENCE,
        methodArn: METHOD_ARN,
        tokens: signBenchTokens(rs256, 100, { prefix: 'jwks' }),
        concurrent: 100,
        burst: 1000,
        floodSeconds: 30,
        floodStepMs: options.floodStepMs,
        cooldownSeconds,
      };
      const inputFile = join(temp, 'jwks.json');
      const outputFile = join(temp, 'jwks-out.json');
      await writeFile(inputFile, JSON.stringify(input));
      await spawnTimed(process.execPath, [join(SRC, 'jwks-child.ts'), inputFile, outputFile], baseEnv());
      results.jwks = {
        ...(JSON.parse(await readFile(outputFile, 'utf8')) as JwksChildOutput),
        clock:
          'faked: Date.now advanced by the cooldown + 1 s before the burst and the flood, and by the step in the flood',
        floodStepMs: options.floodStepMs,
        cooldownSeconds,
      };
    }

    if (options.sections.includes('rss')) {
      progress(`signing ${options.rssVerifications} RS256 tokens for RSS`);
      const tokensFile = join(temp, 'rss-tokens.txt');
      await writeFile(tokensFile, signBenchTokens(rs256, options.rssVerifications, { prefix: 'rss' }).join('\n'));
      const handlers: Array<[string, string]> = [
        ['raw floor (node:crypto)', peers.raw.file],
        ['ours (dist/index.mjs)', oursEntry],
        ...(Object.keys(PEER_NAMES) as Array<keyof typeof PEER_NAMES>).map(
          (peer) => [PEER_NAMES[peer], peers[peer].file] as [string, string],
        ),
      ];
      results.rss = [];
      for (const [name, entry] of handlers) {
        progress(`RSS, ${name}`);
        const { stderr } = await spawnTimed(
          process.execPath,
          [join(SRC, 'rss-child.mjs'), entry, tokensFile, String(options.rssVerifications)],
          { ...baseEnv(), ...keyEnv(rs256), BENCH_METHOD_ARN: METHOD_ARN },
        );
        const { before, after } = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Record<
          'before' | 'after',
          NodeJS.MemoryUsage
        >;
        results.rss.push({
          name,
          verifications: options.rssVerifications,
          rssMiB: mib(after.rss),
          heapUsedMiB: mib(after.heapUsed),
          rssBeforeImportMiB: mib(before.rss),
        });
      }
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  results.meta.seconds = Math.round((performance.now() - started) / 100) / 10;
  return results;
}

const round = (value: number) => Math.round(value * 100) / 100;
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
