import { BENCH_ALGORITHMS, type BenchAlgorithm } from './create-bench-key.ts';

/** The parts of the bench; `--only=warm,cold` runs some. */
export const SECTIONS = ['warm', 'cold', 'bundle', 'jwks', 'rss'] as const;
/** One of {@link SECTIONS}. */
export type Section = (typeof SECTIONS)[number];

/** How much the bench measures. Every count has a flag and an environment variable. */
export interface BenchOptions {
  quick: boolean;
  /** Distinct tokens verified per contestant and algorithm (`--tokens`, `BENCH_TOKENS`). */
  tokens: number;
  /** Warm-up verifications per contestant before measuring (`--warmup`, `BENCH_WARMUP`). */
  warmup: number;
  /** Verifications of the same token per contestant (`--repeated`, `BENCH_REPEATED`). */
  repeated: number;
  /** Interleaved rounds the measured verifications are split into (`--rounds`, `BENCH_ROUNDS`). */
  rounds: number;
  /** Whole-process cold starts per configuration; the median is reported (`--cold-runs`, `BENCH_COLD_RUNS`). */
  coldRuns: number;
  /** Verifications before reading RSS (`--rss`, `BENCH_RSS_VERIFICATIONS`). */
  rssVerifications: number;
  /** Faked milliseconds between two unknown-kid requests of the 30 s JWKS flood (`--flood-step`). */
  floodStepMs: number;
  algorithms: BenchAlgorithm[];
  /** `pinned` runs under `taskset -c 0` (one CPU), `unpinned` on every CPU. */
  modes: Array<'pinned' | 'unpinned'>;
  sections: Section[];
  /** Where the JSON results go (`--out`). */
  out: string;
  /**
   * The authorizer build to measure as "ours" (`--ours=<dist dir>`, `BENCH_OURS_DIST`); default this checkout's
   * apps/authorizer/dist. Lets two builds be compared with the same bench.
   */
  oursDist?: string;
}

const FULL = { tokens: 5000, warmup: 300, repeated: 3000, rounds: 10, coldRuns: 15, rssVerifications: 10_000 };
const QUICK = { tokens: 40, warmup: 10, repeated: 40, rounds: 2, coldRuns: 2, rssVerifications: 100 };

/**
 * Reads the bench's flags (`--quick`, `--tokens=3000`, `--only=warm,cold`, `--alg=RS256,ES256`, `--modes=pinned`,
 * `--out=file.json`, …) with `BENCH_*` environment variables as fallbacks; `--quick` lowers every default count.
 *
 * @example
 * ```ts
 * const options = parseBenchOptions(['--quick', '--only=bundle'], {}, 'results/latest.json');
 * ```
 */
export function parseBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultOut: string,
): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const [, name, value = 'true'] = /^--([a-z-]+)(?:=(.*))?$/.exec(arg) ?? [];
    if (name === undefined) throw new Error(`unknown argument ${JSON.stringify(arg)}`);
    flags.set(name, value);
  }
  const oursDist = flags.get('ours') ?? env['BENCH_OURS_DIST'];
  const quick = flags.get('quick') === 'true' || env['BENCH_QUICK'] === '1';
  const base = quick ? QUICK : FULL;
  const count = (flag: string, variable: string, fallback: number) => {
    const text = flags.get(flag) ?? env[variable];
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${flag} must be a positive integer`);
    return value;
  };
  const list = <T extends string>(flag: string, all: readonly T[]): T[] => {
    const text = flags.get(flag);
    if (text === undefined) return [...all];
    const chosen = text.split(',').map((item) => item.trim());
    for (const item of chosen) {
      if (!all.includes(item as T)) throw new Error(`--${flag}: ${JSON.stringify(item)} is not one of ${all}`);
    }
    return chosen as T[];
  };
  return {
    quick,
    tokens: count('tokens', 'BENCH_TOKENS', base.tokens),
    warmup: count('warmup', 'BENCH_WARMUP', base.warmup),
    repeated: count('repeated', 'BENCH_REPEATED', base.repeated),
    rounds: count('rounds', 'BENCH_ROUNDS', base.rounds),
    coldRuns: count('cold-runs', 'BENCH_COLD_RUNS', base.coldRuns),
    rssVerifications: count('rss', 'BENCH_RSS_VERIFICATIONS', base.rssVerifications),
    floodStepMs: count('flood-step', 'BENCH_FLOOD_STEP_MS', 25),
    algorithms: list('alg', BENCH_ALGORITHMS),
    modes: list('modes', ['pinned', 'unpinned'] as const),
    sections: list('only', SECTIONS),
    out: flags.get('out') ?? defaultOut,
    ...(oursDist !== undefined && { oursDist }),
  };
}
