import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_ARN, startSsmServer } from '@jwt-authorizer/test-fixtures';
import { buildHandlers } from './build-handlers.ts';
import { coldContestants, jwks, SSM_PARAMETER, warmContestants } from './contestants.ts';
import { startJwksServer } from './jwks-server.ts';
import { ALGORITHMS, type Alg, type BenchKey, createBenchKey, signTokens } from './keys.ts';
import { type ColdRow, measureCold } from './measure-cold.ts';
import { type BundleSizes, measureSize } from './measure-size.ts';
import type { BenchOptions, Section } from './options.ts';
import { CAN_PIN, pinToCpu1, runChild } from './run-child.ts';

/**
 * The V8 heap flags Lambda's Node.js runtime starts a 128 MB function with. Its bootstrap (/var/runtime/bootstrap)
 * derives them from AWS_LAMBDA_FUNCTION_MEMORY_SIZE: new space = size / 10, semi-space = new space / 2, old space =
 * size - new space, so 6 and 116 MiB. The script ships only inside the runtime image; ../README.md says where this
 * formula was read and what is known of the nodejs24.x one.
 */
export const LAMBDA_128MB_HEAP_FLAGS = ['--max-semi-space-size=6', '--max-old-space-size=116'];

const load = () => loadavg().map((value) => Math.round(value * 100) / 100);
const describeRun = (options: BenchOptions, ours: string, serversPinned: boolean) => ({
  date: new Date().toISOString(),
  command: ['pnpm bench', ...process.argv.slice(2)].join(' '),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cpus: cpus().length,
  /** 1, 5 and 15 minute load averages at the start and at the end of the run. */
  loadAverage: { start: load(), end: [] as number[] },
  pinned: CAN_PIN,
  /** Whether the bench itself, with its loopback servers, runs on CPU 1 (see pinToCpu1). */
  serversPinned,
  ours,
  heapFlags: LAMBDA_128MB_HEAP_FLAGS,
  options,
  seconds: 0,
});

type Stats = { ops: number; median: number; p99: number };
/** Everything one `pnpm bench` measured; written as JSON. */
export type BenchResults = {
  meta: ReturnType<typeof describeRun>;
  /** Per contestant, ns per invocation (children/warm-child.mjs). */
  warm?: Partial<Record<Alg, Array<{ name: string; distinct: Stats; repeated: Stats }>>>;
  cold?: ColdRow[];
  /** Per contestant, peak RSS under the heap flags (children/rss-child.mjs), or why it failed (out of memory). */
  memory?: Array<{ name: string; peakRssMiB?: number; error?: string }>;
  size?: BundleSizes;
  /** JWKS requests ours made (children/jwks-child.mjs). */
  jwks?: { concurrentCold: number; burstUnknownKids: number; floodUnknownKids: number };
};

/**
 * Builds the contestants, starts the loopback JWKS (https) and SSM servers, runs the sections `options` selects.
 * @example const results = await runBench(parseOptions(['--quick'], defaults), console.error);
 */
export async function runBench(options: BenchOptions, progress: (line: string) => void): Promise<BenchResults> {
  const started = performance.now();
  const ours = join(options.ours, 'index.mjs');
  if (!existsSync(ours)) throw new Error(`${ours} is missing: \`pnpm bench\` at the root builds it first`);
  const results: BenchResults = { meta: describeRun(options, ours, pinToCpu1()) };
  const run = (section: Section) => options.sections.includes(section);
  const temp = await mkdtemp(join(tmpdir(), 'jwt-authorizer-bench-'));
  progress('building the contestant handlers');
  const files = await buildHandlers();
  const keys = Object.fromEntries(ALGORITHMS.map((alg) => [alg, createBenchKey(alg)])) as Record<Alg, BenchKey>;
  const jwksServer = await startJwksServer({ keys: ALGORITHMS.map((alg) => keys[alg].publicJwk) }, temp);
  // https, as SSM's endpoints are: over http the SDK imports node:http, which no production deployment loads.
  const ssmServer = await startSsmServer({ [SSM_PARAMETER]: keys.RS256.publicPem }, { tls: jwksServer.tls });
  const setup = { ours, files, keys, jwksUrl: jwksServer.url };
  const env = { PATH: process.env['PATH'] ?? '', HOME: temp, NODE_EXTRA_CA_CERTS: jwksServer.caFile };
  const child = { env, log: join(temp, 'stdout.log'), result: join(temp, 'result.json') };
  const pools = new Map<Alg, { warmup: string[]; measured: string[]; repeated: string }>();
  const pool = (alg: Alg) => {
    if (!pools.has(alg)) {
      progress(`signing ${options.warmup + options.tokens + 1} ${alg} tokens`);
      const [repeated = '', ...rest] = signTokens(keys[alg], options.warmup + options.tokens + 1, alg);
      pools.set(alg, { repeated, warmup: rest.slice(0, options.warmup), measured: rest.slice(options.warmup) });
    }
    return pools.get(alg) as { warmup: string[]; measured: string[]; repeated: string };
  };
  try {
    if (run('size')) results.size = await measureSize(options.ours);
    if (run('warm')) {
      results.warm = {};
      const plan = { rounds: options.rounds, repeatedOps: options.repeated, methodArn: METHOD_ARN };
      for (const alg of ALGORITHMS) {
        const input = { contestants: warmContestants(setup, alg), ...pool(alg), ...plan };
        progress(`warm ${alg}: ${options.tokens} distinct tokens, ${options.repeated} repeated, one CPU`);
        results.warm[alg] = await runChild('warm-child.mjs', input, child);
      }
    }
    if (run('cold')) {
      progress(`cold starts: ${options.coldRuns} fresh processes per configuration`);
      const event = { type: 'TOKEN', authorizationToken: `Bearer ${pool('RS256').repeated}`, methodArn: METHOD_ARN };
      results.cold = await measureCold(coldContestants(setup, ssmServer.url), options.coldRuns, event, child);
    }
    if (run('memory')) {
      progress(`memory: ${options.invocations} invocations each under ${LAMBDA_128MB_HEAP_FLAGS.join(' ')}`);
      const tokensFile = join(temp, 'tokens.txt');
      await writeFile(tokensFile, pool('RS256').measured.join('\n'));
      results.memory = [];
      for (const { name, file, env: variables } of warmContestants(setup, 'RS256')) {
        const input = { file, tokensFile, invocations: options.invocations, methodArn: METHOD_ARN };
        const rss = { ...child, env: { ...env, ...variables }, nodeFlags: LAMBDA_128MB_HEAP_FLAGS };
        const measured = runChild<{ maxRssKiB: number }>('rss-child.mjs', input, rss).then(
          ({ maxRssKiB }) => ({ name, peakRssMiB: maxRssKiB / 1024 }),
          (error: unknown) => ({ name, error: String(error).slice(0, 300) }),
        );
        results.memory.push(await measured);
      }
    }
    if (run('jwks')) {
      progress('JWKS requests: 100 concurrent cold, a burst of 1,000 unknown kids, a 30 s flood');
      const countUrl = new URL('/count', jwksServer.url).href;
      // 25 ms of faked time between two flood requests: 1,201 in 30 s; ours' default cooldown is 30 s.
      const input = { entry: ours, countUrl, tokens: signTokens(keys.RS256, 100, 'jwks'), methodArn: METHOD_ARN };
      const jwksChild = { ...child, env: { ...env, ...jwks(setup, 'RS256') } };
      results.jwks = await runChild('jwks-child.mjs', { ...input, floodStepMs: 25, cooldownSeconds: 30 }, jwksChild);
    }
  } finally {
    await Promise.all([jwksServer.close(), ssmServer.close()]);
    await rm(temp, { recursive: true, force: true });
  }
  results.meta.loadAverage.end = load();
  results.meta.seconds = Math.round((performance.now() - started) / 1000);
  return results;
}
