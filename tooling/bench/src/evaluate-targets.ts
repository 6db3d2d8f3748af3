import type { BenchResults, WarmRun } from './run-bench.ts';

/** One target of issue 6, judged against its baseline measured in the same run. */
export interface TargetResult {
  target: string;
  /** What was measured, in the target's unit. */
  measured: string;
  /** `undefined` when the run did not measure what the target needs (a section or algorithm was left out). */
  met: boolean | undefined;
}

const OURS = 'ours (dist/index.mjs)';
const LIMIT = 'limit (node:crypto)';

function warmRow(warm: WarmRun[] | undefined, mode: WarmRun['mode'], alg: WarmRun['alg'], name: string) {
  return warm?.find((run) => run.mode === mode && run.alg === alg)?.rows.find((row) => row.name === name);
}

/**
 * Judges every target of issue 6 §2 that `results` holds figures for; each ratio comes from one run.
 *
 * @example
 * ```ts
 * for (const { target, measured, met } of evaluateTargets(results)) console.log(target, measured, met);
 * ```
 */
export function evaluateTargets(results: BenchResults): TargetResult[] {
  const targets: TargetResult[] = [];
  const ratio = (target: string, mode: WarmRun['mode'], alg: WarmRun['alg'], limit: number) => {
    const row = warmRow(results.warm, mode, alg, OURS);
    targets.push({
      target,
      measured: row ? `${row.distinct.ratio.toFixed(2)}x` : 'not measured',
      met: row ? row.distinct.ratio <= limit : undefined,
    });
  };
  ratio('RS256 distinct, one CPU: <= 1.25x the limit', 'pinned', 'RS256', 1.25);
  ratio('RS256 distinct, unpinned: <= 1.5x the limit', 'unpinned', 'RS256', 1.5);
  ratio('ES256 distinct, one CPU: <= 1.15x the limit', 'pinned', 'ES256', 1.15);
  ratio('EdDSA distinct, one CPU: <= 1.1x the limit', 'pinned', 'EdDSA', 1.1);

  const same = warmRow(results.warm, 'pinned', 'RS256', OURS);
  const sameLimit = warmRow(results.warm, 'pinned', 'RS256', LIMIT);
  const speedup = same && sameLimit ? sameLimit.repeated.medianNs / same.repeated.medianNs : undefined;
  targets.push({
    target: "RS256 same token, one CPU: >= 5x the limit's ops/s",
    measured: speedup === undefined ? 'not measured' : `${speedup.toFixed(2)}x`,
    met: speedup === undefined ? undefined : speedup >= 5,
  });

  const cold = (name: string) => results.coldStart?.find((row) => row.name === name);
  const pem = cold('ours, inline PEM');
  const jose = cold('jose-minimal, PEM');
  const pemDelta =
    pem?.inProcessMedianMs !== undefined && jose?.inProcessMedianMs !== undefined
      ? pem.inProcessMedianMs - jose.inProcessMedianMs
      : undefined;
  targets.push({
    target: 'cold start, inline PEM (in process): <= jose-minimal + 5 ms',
    measured: pemDelta === undefined ? 'not measured' : `${pemDelta >= 0 ? '+' : ''}${pemDelta.toFixed(1)} ms`,
    met: pemDelta === undefined ? undefined : pemDelta <= 5,
  });
  const ssm = cold('ours, SSM (loopback)');
  const ssmBase = cold('jose + client-ssm (ESM), SSM');
  const ssmRatio =
    ssm?.inProcessMedianMs !== undefined && ssmBase?.inProcessMedianMs !== undefined
      ? ssm.inProcessMedianMs / ssmBase.inProcessMedianMs
      : undefined;
  targets.push({
    target: 'cold start, SSM (in process): <= 1.1x jose + client-ssm (ESM)',
    measured: ssmRatio === undefined ? 'not measured' : `${ssmRatio.toFixed(2)}x`,
    met: ssmRatio === undefined ? undefined : ssmRatio <= 1.1,
  });
  const closure = results.bundle?.ours.entryClosure;
  for (const name of ['ours, inline PEM', 'ours, JWKS_URI (loopback)']) {
    const loaded = cold(name)?.modulesLoaded;
    targets.push({
      target: `${name.replace('ours, ', '')}: loads the entry's closure only (no SDK chunk)`,
      measured: loaded ? `${loaded.files} files, ${(loaded.bytes / 1024).toFixed(1)} KB` : 'not measured',
      met: loaded && closure ? loaded.files === closure.files && loaded.bytes === closure.bytes : undefined,
    });
  }
  targets.push({
    target: 'entry bundle (static closure): <= 80 KB minified',
    measured: closure ? `${(closure.bytes / 1024).toFixed(1)} KB` : 'not measured',
    met: closure ? closure.bytes <= 80 * 1024 : undefined,
  });

  const jwks = results.jwks?.ours;
  const count = (target: string, value: number | undefined, most: number) =>
    targets.push({
      target,
      measured: value === undefined ? 'not measured' : String(value),
      met: value === undefined ? undefined : value <= most,
    });
  count('JWKS fetches, 100 concurrent cold verifications: 1', jwks?.concurrentCold, 1);
  count('JWKS fetches, burst of 1,000 unknown kids: <= 1', jwks?.burstUnknownKids, 1);
  count('JWKS fetches, 30 s flood of unknown kids: <= 2', jwks?.floodUnknownKids, 2);

  const rss = (name: string) => results.rss?.find((row) => row.name === name)?.rssMiB;
  const ours = rss(OURS);
  const joseRss = rss('jose jwtVerify');
  targets.push({
    target: "RSS after the verifications: <= jose-minimal's",
    measured: ours === undefined || joseRss === undefined ? 'not measured' : `${ours} MiB vs ${joseRss} MiB`,
    met: ours === undefined || joseRss === undefined ? undefined : ours <= joseRss,
  });
  return targets;
}
