/** The parts of the bench; `--only=warm,cold` runs some. */
export const SECTIONS = ['warm', 'cold', 'memory', 'size', 'jwks'] as const;
export type Section = (typeof SECTIONS)[number];

// Distinct tokens timed per contestant; warm-up tokens; invocations of one same token; rounds they are
// interleaved in; fresh processes per cold-start configuration; invocations of the memory run.
const FULL = { tokens: 8192, warmup: 512, repeated: 4096, rounds: 32, coldRuns: 21, invocations: 100_000 };
const QUICK = { tokens: 64, warmup: 16, repeated: 64, rounds: 2, coldRuns: 2, invocations: 500 };
const flagOf = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** What `pnpm bench` measures and where it writes; every count has its flag (`coldRuns`: `--cold-runs`). */
export type BenchOptions = typeof FULL & {
  quick: boolean;
  sections: Section[];
  /** The authorizer build measured as ours (`--ours=DIR`). */
  ours: string;
  /** The results JSON (`--out=FILE`) and the page rendered from it (`--markdown=FILE`). */
  out: string;
  markdown?: string;
};

/**
 * Reads `--name=value` flags; `--quick` lowers every default count (it proves that everything runs, no more).
 * @throws {Error} on an unknown flag or section, or a count that is not a positive integer.
 * @example parseOptions(['--quick', '--only=size'], { ours: 'apps/authorizer/dist', out: 'latest.json' });
 */
export function parseOptions(argv: readonly string[], defaults: { ours: string; out: string }): BenchOptions {
  const known = ['quick', 'only', 'ours', 'out', 'markdown', ...Object.keys(FULL).map(flagOf)];
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const [, name = '', value = 'true'] = /^--([a-z-]+)(?:=(.*))?$/.exec(arg) ?? [];
    if (!known.includes(name))
      throw new Error(`unknown argument ${JSON.stringify(arg)}; flags: --${known.join(' --')}`);
    flags.set(name, value);
  }
  const quick = flags.has('quick');
  const counts = Object.fromEntries(
    Object.entries(quick ? QUICK : FULL).map(([name, fallback]) => {
      const value = Number(flags.get(flagOf(name)) ?? fallback);
      if (!Number.isInteger(value) || value < 1) throw new Error(`--${flagOf(name)} must be a positive integer`);
      return [name, value];
    }),
  ) as typeof FULL;
  const sections = (flags.get('only') ?? SECTIONS.join(',')).split(',') as Section[];
  const unknown = sections.find((section) => !SECTIONS.includes(section));
  if (unknown !== undefined) throw new Error(`--only: "${unknown}" is not one of ${SECTIONS.join(', ')}`);
  const [ours = defaults.ours, out = defaults.out, markdown] = ['ours', 'out', 'markdown'].map((k) => flags.get(k));
  return { ...counts, quick, sections, ours, out, ...(markdown !== undefined && { markdown }) };
}
