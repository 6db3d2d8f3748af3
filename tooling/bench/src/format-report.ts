import { evaluateTargets } from './evaluate-targets.ts';
import type { BenchResults } from './run-bench.ts';

/**
 * Lays out rows as a plain-text table: the first `leftColumns` columns left-aligned, the others right-aligned.
 *
 * @example
 * ```ts
 * formatTable(['name', 'ms'], [['bare node', '31.2']]);
 * ```
 */
export function formatTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  leftColumns = 1,
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column < leftColumns ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const ns = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');
const x = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The bench's results as the tables `pnpm bench` prints.
 *
 * @example
 * ```ts
 * console.log(formatReport(await runBench(options, console.error)));
 * ```
 */
export function formatReport(results: BenchResults): string {
  const { meta } = results;
  const out: string[] = [
    `jwt-authorizer bench: ${meta.date}, Node ${meta.node}, ${meta.cpus} x ${meta.cpu}, load average ${meta.loadAverage.join(' ')}${meta.options.quick ? ', QUICK mode (structure only, figures meaningless)' : ''}`,
    `ours = ${meta.ours}`,
  ];

  for (const mode of ['pinned', 'unpinned'] as const) {
    const runs = results.warm?.filter((run) => run.mode === mode) ?? [];
    if (runs.length === 0) continue;
    const title =
      mode === 'pinned'
        ? 'pinned to one CPU (taskset -c 0)'
        : `unpinned (${meta.cpus} CPUs, libuv pool free to use them)`;
    out.push(
      '',
      `Warm verification, ${title}: ns/op; x limit = median / the limit's median in the same process`,
      formatTable(
        ['alg', 'contestant', 'median', 'p99', 'x limit', 'same token: median', 'p99', 'x limit'],
        runs.flatMap((run) =>
          run.rows.map((row) => [
            run.alg,
            row.name,
            ns(row.distinct.medianNs),
            ns(row.distinct.p99Ns),
            x(row.distinct.ratio),
            ns(row.repeated.medianNs),
            ns(row.repeated.p99Ns),
            x(row.repeated.ratio),
          ]),
        ),
        2,
      ),
    );
    const [first] = runs;
    out.push(
      `(${first?.rows[0]?.distinct.ops ?? 0} distinct tokens per contestant, each verified once; ${first?.rows[0]?.repeated.ops ?? 0} verifications of one token; timer overhead ~${first?.timerOverheadNs} ns/op, not subtracted)`,
    );
  }

  if (results.coldStart) {
    out.push(
      '',
      `Cold start: whole process (spawn node, import, first invocation, exit), median of ${results.coldStart[0]?.runs ?? 0} runs, ms`,
      formatTable(
        ['configuration', 'wall', 'in process: import + 1st invoke', 'import', '1st invoke', 'files loaded'],
        results.coldStart.map((row) => [
          row.name,
          row.wallMedianMs.toFixed(1),
          row.inProcessMedianMs?.toFixed(1) ?? '',
          row.importMedianMs?.toFixed(1) ?? '',
          row.firstInvokeMedianMs?.toFixed(1) ?? '',
          row.modulesLoaded ? `${row.modulesLoaded.files} (${kb(row.modulesLoaded.bytes)})` : '',
        ]),
      ),
    );
  }

  if (results.bundle) {
    const { ours, peers } = results.bundle;
    out.push(
      '',
      'Bundle: apps/authorizer/dist, per chunk (minified; gzip -9)',
      formatTable(
        ['file', 'bytes', 'gzip', 'loaded'],
        [
          ...ours.chunks
            .toSorted((a, b) => Number(b.entryClosure) - Number(a.entryClosure) || b.bytes - a.bytes)
            .map((chunk) => [
              chunk.file,
              kb(chunk.bytes),
              kb(chunk.gzipBytes),
              chunk.entryClosure ? 'entry (static)' : 'lazy',
            ]),
          [
            `entry static closure (${ours.entryClosure.files} files)`,
            kb(ours.entryClosure.bytes),
            kb(ours.entryClosure.gzipBytes),
            'every deployment',
          ],
          [`lazily loaded (${ours.lazy.files} files)`, kb(ours.lazy.bytes), kb(ours.lazy.gzipBytes), 'SSM only'],
          ...(ours.zipBytes === undefined ? [] : [['authorizer.zip', kb(ours.zipBytes), '', '']]),
        ],
      ),
      '',
      'Peer bundles (one file each, bundled the same way)',
      formatTable(
        ['peer', 'bytes', 'gzip'],
        Object.entries(peers).map(([name, size]) => [name, kb(size.bytes), kb(size.gzipBytes)]),
      ),
    );
  }

  if (results.jwks) {
    const { ours, awsJwtVerify } = results.jwks;
    out.push(
      '',
      `JWKS requests (loopback server; clock ${results.jwks.clock})`,
      formatTable(
        ['scenario', 'ours', 'aws-jwt-verify'],
        [
          ['100 concurrent cold verifications', String(ours.concurrentCold), String(awsJwtVerify.concurrentCold)],
          [
            'burst of 1,000 unknown kids (after warm-up)',
            String(ours.burstUnknownKids),
            String(awsJwtVerify.burstUnknownKids),
          ],
          [
            `30 s flood of unknown kids (${results.jwks.floodRequests} requests, one per ${results.jwks.floodStepMs} ms)`,
            String(ours.floodUnknownKids),
            String(awsJwtVerify.floodUnknownKids),
          ],
        ],
      ),
    );
  }

  if (results.rss) {
    out.push(
      '',
      `RSS after ${results.rss[0]?.verifications ?? 0} RS256 verifications (distinct tokens), one process per handler, MiB`,
      formatTable(
        ['handler', 'RSS', 'heap used', 'RSS before import'],
        results.rss.map((row) => [
          row.name,
          row.rssMiB.toFixed(1),
          row.heapUsedMiB.toFixed(1),
          row.rssBeforeImportMiB.toFixed(1),
        ]),
      ),
    );
  }
  out.push(
    '',
    'Targets of issue 6, each judged against its baseline in this run',
    formatTable(
      ['target', 'measured', 'verdict'],
      evaluateTargets(results).map(({ target, measured, met }) => [
        target,
        measured,
        met === undefined ? '-' : met ? 'met' : 'NOT MET',
      ]),
    ),
    '',
    `(${meta.seconds} s)`,
  );
  return out.join('\n');
}
