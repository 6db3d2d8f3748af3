import { ALGORITHMS } from './keys.ts';
import type { Size } from './measure-size.ts';
import type { BenchResults } from './run-bench.ts';

/** One target judged against its baseline from the same run. */
export type Verdict = { target: string; figure: string; met: boolean };
/** A table: `left` is how many leading columns are text (left-aligned), default 2. */
export type Table = { headers: string[]; rows: string[][]; left?: number };
/** One target's tables and verdicts. */
export type TargetReport = { title: string; tables: Table[]; verdicts: Verdict[] };

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const fixed = (value: number | undefined) => value?.toFixed(1) ?? 'n/a';
const x = (value: number, digits = 2) => `${value.toFixed(digits)}x`;
const kib = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${(bytes / 1024).toFixed(1)} KiB`);
/**
 * `value` as x() writes it, or with the digits that tell it from `most` where two would round it onto `most`:
 * 1.4047 against 1.4 is written 1.405x, not 1.40x beside a "NOT met".
 */
export function ratioAgainst(value: number, most: number): string {
  let digits = 2;
  while (digits < 6 && value !== most && Number(value.toFixed(digits)) === most) digits += 1;
  return x(value, digits);
}
const atMost = (target: string, value: number, most: number): Verdict => ({
  target,
  figure: ratioAgainst(value, most),
  met: value <= most,
});
// Ours' median / the floor's, by algorithm: distinct tokens (RS256 has a stretch target too), then one same token.
const WARM_LIMITS = {
  distinct: { RS256: [1.4, 1.25], ES256: [1.25], EdDSA: [1.25] },
  repeated: { RS256: [0.25], ES256: [0.25], EdDSA: [0.25] },
};

function warm({ warm = {}, meta }: BenchResults, kind: 'distinct' | 'repeated'): TargetReport[] {
  const runs = ALGORITHMS.flatMap((alg) => (warm[alg] ? [{ alg, rows: warm[alg] }] : []));
  const title =
    kind === 'distinct'
      ? `1. Warm invocation, JWKS key source, ${int(meta.options.tokens)} distinct tokens, one CPU (ns per invocation)`
      : `2. The same token repeated, ${int(meta.options.repeated)} invocations, one CPU (ns per invocation)`;
  const table: Table = { headers: ['alg', 'contestant', 'median', 'p99', 'x floor'], rows: [] };
  const verdicts: Verdict[] = [];
  for (const { alg, rows } of runs) {
    const ratio = (name: string) =>
      (rows.find((row) => row.name === name)?.[kind].median ?? 0) / (rows[0]?.[kind].median ?? 0);
    for (const { name, [kind]: stats } of rows)
      table.rows.push([alg, name, int(stats.median), int(stats.p99), x(ratio(name))]);
    WARM_LIMITS[kind][alg].forEach((most, index) => {
      verdicts.push(atMost(`${alg}${index ? ' (stretch)' : ''}: ours <= ${most}x the floor`, ratio('ours'), most));
    });
  }
  return runs.length > 0 ? [{ title, tables: [table], verdicts }] : [];
}

function cold({ cold, meta }: BenchResults): TargetReport[] {
  if (!cold) return [];
  const median = (source: string, name?: string) =>
    cold.find((row) => row.source === source && (name === undefined || row.name === name))?.medianMs ?? 0;
  const rows = cold.map(({ source, name, medianMs, importMs, firstInvokeMs }) => [
    ...[source, name, fixed(medianMs), fixed(importMs), fixed(firstInvokeMs), x(medianMs / median(source))],
  ]);
  const ours = (source: string) => median(source, 'ours') / median(source);
  return [
    {
      title: `3. Cold start: import + first invocation, in the process, median of ${meta.options.coldRuns} fresh processes (ms)`,
      tables: [{ headers: ['key source', 'contestant', 'median', 'import', 'first invocation', 'x baseline'], rows }],
      verdicts: [
        atMost('inline PEM: ours <= 1.3x the node:crypto floor', ours('PEM'), 1.3),
        atMost('JWKS over https: ours <= 1.1x the node:https floor', ours('JWKS'), 1.1),
        atMost('SSM: ours <= 0.94x jose + client-ssm', ours('SSM'), 0.94),
      ],
    },
  ];
}

function memory({ memory, meta }: BenchResults): TargetReport[] {
  if (!memory) return [];
  const [ours, jose] = ['ours', 'jose'].map((name) => memory.find((row) => row.name === name));
  const result = (error?: string) => (error ? `FAILED: ${error}` : 'ok');
  const rows = memory.map((row) => [row.name, fixed(row.peakRssMiB), result(row.error)]);
  const peaks = `${fixed(ours?.peakRssMiB)} vs ${fixed(jose?.peakRssMiB)} MiB`;
  return [
    {
      title: `4. Memory: peak RSS over ${int(meta.options.invocations)} invocations, distinct tokens, ${meta.heapFlags.join(' ')} (MiB)`,
      tables: [{ headers: ['contestant', 'peak RSS', 'result'], rows, left: 1 }],
      verdicts: [
        {
          target: "ours' peak RSS <= jose's",
          figure: peaks,
          met: (ours?.peakRssMiB ?? 1e9) <= (jose?.peakRssMiB ?? 0),
        },
        { target: 'ours: no out-of-memory failure', figure: result(ours?.error), met: ours?.peakRssMiB !== undefined },
      ],
    },
  ];
}

function regressions({ size, jwks }: BenchResults): TargetReport[] {
  const tables: Table[] = [];
  const verdicts: Verdict[] = [];
  if (size) {
    const row = (what: string, { files, bytes, gzipBytes }: Size) => [what, String(files), kib(bytes), kib(gzipBytes)];
    const loaded = `loaded by a PEM or JWKS deployment: ${size.loaded.names.join(', ')}`;
    const rows = [
      row('entry (index.mjs)', size.entry),
      row(loaded, size.loaded),
      ['authorizer.zip', '1', kib(size.zipBytes), ''],
    ];
    tables.push({ headers: ['ours, dist/', 'files', 'minified', 'gzip -9'], rows, left: 1 });
  }
  if (jwks) {
    const scenarios = [
      ['100 concurrent cold verifications', jwks.concurrentCold, '1'],
      ['a burst of 1,000 unknown kids', jwks.burstUnknownKids, '1'],
      ['unknown kids for 30 s (faked time)', jwks.floodUnknownKids, '<= 2'],
    ] as const;
    tables.push({
      headers: ['JWKS requests by ours', 'requests', 'expected'],
      rows: scenarios.map(([what, n, expected]) => [what, String(n), expected]),
      left: 1,
    });
    for (const [what, n, expected] of scenarios) {
      verdicts.push({
        target: `JWKS requests, ${what}: ${expected}`,
        figure: String(n),
        met: expected === '1' ? n === 1 : n <= 2,
      });
    }
  }
  return tables.length > 0
    ? [{ title: '5. Nothing else regresses: bundle sizes and JWKS requests', tables, verdicts }]
    : [];
}

/**
 * Judges the targets docs/benchmarks.md lists against the figures of `results`; sections not run are left out.
 * @example for (const { title, verdicts } of judgeTargets(results)) console.log(title, verdicts);
 */
export function judgeTargets(results: BenchResults): TargetReport[] {
  return [
    ...warm(results, 'distinct'),
    ...warm(results, 'repeated'),
    ...cold(results),
    ...memory(results),
    ...regressions(results),
  ];
}
