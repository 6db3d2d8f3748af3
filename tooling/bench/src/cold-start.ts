import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { baseEnv, spawnTimed } from './spawn-timed.ts';
import { median } from './summarize.ts';

/** One cold-start configuration: a handler file and the environment that configures it. */
export interface ColdStartConfig {
  name: string;
  /** The handler module; absent for the bare-node baseline (`node -e 0`). */
  entry?: string;
  env?: Record<string, string>;
}

/** Medians over the runs of one configuration, in milliseconds. */
export interface ColdStartRow {
  name: string;
  runs: number;
  /** Spawn to exit, as the parent saw it. */
  wallMedianMs: number;
  /** Import + first invocation, measured inside the child (absent for bare node). */
  inProcessMedianMs?: number;
  importMedianMs?: number;
  firstInvokeMedianMs?: number;
  /** Module files loaded by import + first invocation (one extra, untimed run), and how many bytes they hold. */
  modulesLoaded?: { files: number; bytes: number };
}

const CHILD = fileURLToPath(new URL('./cold-child.mjs', import.meta.url));

/**
 * Whole-process cold starts: each run spawns `node` importing the handler and invoking it once with `event`,
 * then exiting. Configurations are interleaved run by run, so a noisy second hurts them alike; medians reported.
 *
 * @example
 * ```ts
 * const rows = await measureColdStarts([{ name: 'bare node' }, { name: 'ours', entry, env }], 15, event);
 * ```
 */
export async function measureColdStarts(
  configs: readonly ColdStartConfig[],
  runs: number,
  event: unknown,
): Promise<ColdStartRow[]> {
  const samples = configs.map(() => ({
    wall: [] as number[],
    total: [] as number[],
    imp: [] as number[],
    first: [] as number[],
  }));
  for (let run = 0; run < runs; run += 1) {
    for (const [config, sample] of configs.map((config, index) => [config, samples[index]] as const)) {
      if (sample === undefined) continue;
      if (config.entry === undefined) {
        sample.wall.push((await spawnTimed(process.execPath, ['-e', '0'], baseEnv())).wallMs);
        continue;
      }
      const env = { ...baseEnv(), ...config.env, BENCH_EVENT: JSON.stringify(event) };
      const { wallMs, stderr } = await spawnTimed(process.execPath, [CHILD, config.entry], env);
      const report = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
      sample.wall.push(wallMs);
      sample.total.push(report['totalMs'] ?? Number.NaN);
      sample.imp.push(report['importMs'] ?? Number.NaN);
      sample.first.push(report['firstInvokeMs'] ?? Number.NaN);
    }
  }
  const medianMs = (values: number[]) => Math.round(median(values) * 10) / 10;
  const traces: Array<{ files: number; bytes: number } | undefined> = [];
  for (const config of configs) traces.push(await traceModules(config, event));
  return configs.map((config, index) => {
    const sample = samples[index] ?? { wall: [], total: [], imp: [], first: [] };
    return {
      name: config.name,
      runs,
      wallMedianMs: medianMs(sample.wall),
      ...(config.entry !== undefined && {
        inProcessMedianMs: medianMs(sample.total),
        importMedianMs: medianMs(sample.imp),
        firstInvokeMedianMs: medianMs(sample.first),
      }),
      ...(traces[index] && { modulesLoaded: traces[index] }),
    };
  });
}

/** One untimed run with a module-load hook: which files the configuration really evaluates. */
async function traceModules(
  config: ColdStartConfig,
  event: unknown,
): Promise<{ files: number; bytes: number } | undefined> {
  if (config.entry === undefined) return undefined;
  const env = { ...baseEnv(), ...config.env, BENCH_EVENT: JSON.stringify(event), BENCH_TRACE_MODULES: '1' };
  const { stderr } = await spawnTimed(process.execPath, [CHILD, config.entry], env);
  const { loaded = [] } = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as { loaded?: string[] };
  let bytes = 0;
  for (const url of loaded) bytes += (await stat(fileURLToPath(url))).size;
  return { files: loaded.length, bytes };
}
