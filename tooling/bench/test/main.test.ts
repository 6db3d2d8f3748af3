import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_ALGORITHMS } from '../src/create-bench-key.ts';
import type { BenchResults } from '../src/run-bench.ts';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const temp = await mkdtemp(join(tmpdir(), 'bench-test-'));
afterAll(() => rm(temp, { recursive: true, force: true }));

// The smoke test of `pnpm bench --quick`: every table is printed and every figure is in the JSON. It asserts the
// structure only; timings on a shared machine prove nothing, so none is compared.
describe('pnpm bench --quick', () => {
  it('prints every table and writes the results as JSON', async () => {
    const out = join(temp, 'latest.json');
    const child = spawn(process.execPath, [main, '--quick', `--out=${out}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    const [stdout, stderr, code] = await Promise.all([
      text(child.stdout),
      text(child.stderr),
      new Promise<number | null>((resolve) => child.on('close', resolve)),
    ]);
    expect(code, stderr).toBe(0);
    const headings = [
      'Warm verification',
      'Cold start',
      'Bundle',
      'Peer bundles',
      'JWKS requests',
      'RSS after',
      'Targets',
    ];
    for (const heading of headings) {
      expect(stdout).toContain(heading);
    }

    const results = JSON.parse(await readFile(out, 'utf8')) as BenchResults;
    const modes = results.meta.pinning.startsWith('taskset') ? ['pinned', 'unpinned'] : ['unpinned'];
    expect(results.warm?.map((run) => `${run.mode} ${run.alg}`).sort()).toEqual(
      modes.flatMap((mode) => BENCH_ALGORITHMS.map((alg) => `${mode} ${alg}`)).sort(),
    );
    for (const run of results.warm ?? []) {
      const names = run.rows.map((row) => row.name);
      expect(names[0]).toBe('limit (node:crypto)');
      expect(names).toContain('ours (dist/index.mjs)');
      expect(names).toContain('jose jwtVerify');
      expect(run.rows[0]?.distinct.ratio).toBe(1);
      for (const row of run.rows) {
        expect(row.distinct.ops).toBe(results.meta.options.tokens);
        expect(row.repeated.ops).toBe(results.meta.options.repeated);
        expect(Number.isFinite(row.distinct.medianNs) && Number.isFinite(row.repeated.p99Ns)).toBe(true);
      }
    }
    expect(results.coldStart?.map((row) => row.name)).toEqual(
      expect.arrayContaining(['bare node -e 0', 'ours, inline PEM', 'ours, SSM (loopback)', 'jose-minimal, PEM']),
    );
    expect(results.coldStart?.every((row) => row.runs === results.meta.options.coldRuns)).toBe(true);
    const pem = results.coldStart?.find((row) => row.name === 'ours, inline PEM');
    expect(pem?.modulesLoaded?.files).toBeGreaterThan(0);
    expect(results.bundle?.ours.chunks.find((chunk) => chunk.file === 'index.mjs')?.entryClosure).toBe(true);
    expect(results.bundle?.ours.lazy.files).toBeGreaterThan(0);
    expect(Object.keys(results.bundle?.peers ?? {})).toEqual(expect.arrayContaining(['jose', 'aws-jwt-verify']));
    for (const counts of [results.jwks?.ours, results.jwks?.awsJwtVerify]) {
      expect(counts).toEqual({
        concurrentCold: expect.any(Number),
        burstUnknownKids: expect.any(Number),
        floodUnknownKids: expect.any(Number),
      });
    }
    // Every target is judged (met or not: the quick run's figures mean nothing); without taskset, the four
    // one-CPU targets cannot be.
    const unjudged = results.targets?.filter((target) => target.met === undefined).map((target) => target.target);
    expect(results.targets?.length).toBeGreaterThanOrEqual(14);
    expect(unjudged).toHaveLength(modes.includes('pinned') ? 0 : 4);
    expect(results.rss?.map((row) => row.name)).toEqual(
      expect.arrayContaining(['raw floor (node:crypto)', 'ours (dist/index.mjs)', 'jose jwtVerify']),
    );
  });
});
