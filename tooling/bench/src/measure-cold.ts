import type { Contestant } from './contestants.ts';
import { type ChildOptions, runChild } from './run-child.ts';

/** Medians over one configuration's fresh processes, in ms, measured inside each process; `medianMs` is of the
 * import of the bundle + the first invocation. */
export type ColdRow = { source: string; name: string; medianMs: number; importMs: number; firstInvokeMs: number };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Cold starts: each run a fresh children/cold-child.mjs importing one handler and invoking it once with `event`;
 * configurations interleaved run by run, so a noisy second hurts them alike.
 * @example const rows = await measureCold(coldContestants(setup), 21, event, child);
 */
export async function measureCold(
  groups: Record<string, Contestant[]>,
  runs: number,
  event: object,
  child: ChildOptions,
) {
  const configs = Object.entries(groups).flatMap(([source, list]) => list.map((config) => ({ source, ...config })));
  const samples = configs.map(() => [] as Array<{ importMs: number; firstInvokeMs: number }>);
  for (let run = 0; run < runs; run += 1) {
    for (const [index, { file, env }] of configs.entries()) {
      const options = { ...child, env: { ...child.env, ...env } };
      samples[index]?.push(await runChild('cold-child.mjs', { file, event }, options));
    }
  }
  return configs.map(({ source, name }, index): ColdRow => {
    const runsOf = samples[index] ?? [];
    const medianOf = (pick: (run: (typeof runsOf)[number]) => number) => median(runsOf.map(pick));
    const [importMs, firstInvokeMs] = [medianOf((r) => r.importMs), medianOf((r) => r.firstInvokeMs)];
    return { source, name, medianMs: medianOf((r) => r.importMs + r.firstInvokeMs), importMs, firstInvokeMs };
  });
}
