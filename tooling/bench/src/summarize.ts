/** Timing statistics of one contestant, in nanoseconds per operation. */
export interface Stats {
  ops: number;
  medianNs: number;
  p99Ns: number;
  meanNs: number;
}

/**
 * Median, 99th percentile (nearest rank) and mean of per-operation samples.
 *
 * @example
 * ```ts
 * summarize(Float64Array.of(3, 1, 2)); // { ops: 3, medianNs: 2, p99Ns: 3, meanNs: 2 }
 * ```
 */
export function summarize(samples: Float64Array): Stats {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0) return { ops: 0, medianNs: Number.NaN, p99Ns: Number.NaN, meanNs: Number.NaN };
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    ops: n,
    medianNs: Math.round(median(sorted)),
    p99Ns: Math.round(sorted[Math.min(n - 1, Math.ceil(0.99 * n) - 1)] ?? Number.NaN),
    meanNs: Math.round(sum / n),
  };
}

/**
 * The median of `values`, unrounded.
 *
 * @example
 * ```ts
 * median([40.2, 38.9, 41.7]); // 40.2
 * ```
 */
export function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const n = sorted.length;
  const upper = sorted[Math.floor(n / 2)] ?? Number.NaN;
  return n % 2 === 1 ? upper : ((sorted[n / 2 - 1] ?? Number.NaN) + upper) / 2;
}
