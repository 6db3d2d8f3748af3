import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../src/run-bench.ts';
import type { Verdict } from '../src/targets.ts';

const temp = await mkdtemp(join(tmpdir(), 'bench-test-'));
afterAll(() => rm(temp, { recursive: true, force: true }));

// `pnpm bench --quick` end to end. Structure only: timings on a shared machine prove nothing, so none is compared.
describe('pnpm bench --quick', () => {
  it('prints a table and verdicts per target and writes the results as JSON and Markdown', async () => {
    const [out, markdown] = [join(temp, 'latest.json'), join(temp, 'benchmarks.md')];
    const main = new URL('../src/main.ts', import.meta.url).pathname;
    const args = [main, '--quick', `--out=${out}`, `--markdown=${markdown}`];
    const { stdout } = await promisify(execFile)(process.execPath, args);
    expect(stdout.match(/^\d\. .*$/gm)?.map((title) => title.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.']);
    const results = JSON.parse(await readFile(out, 'utf8')) as BenchResults & { verdicts: Verdict[] };
    expect(Object.keys(results.warm ?? {})).toEqual(['RS256', 'ES256', 'EdDSA']);
    for (const rows of Object.values(results.warm ?? {})) {
      expect(rows.map((row) => row.name).slice(0, 4)).toEqual([
        'floor (node:crypto)',
        'ours',
        'jose',
        'aws-jwt-verify',
      ]);
      expect(rows.at(-1)?.name).toBe('floor + decision line');
      expect(rows.every((row) => row.distinct.ops === 64 && row.repeated.ops === 64 && row.repeated.p99 > 0)).toBe(
        true,
      );
    }
    expect(results.cold?.filter((row) => row.medianMs > 0)).toHaveLength(11);
    expect(results.memory?.filter((row) => (row.peakRssMiB ?? 0) > 0)).toHaveLength(6);
    expect(Object.values(results.jwks ?? {}).every(Number.isInteger)).toBe(true);
    expect(results.size?.loaded.names).toContain('index.mjs');
    expect(results.verdicts.map((verdict) => typeof verdict.met)).toEqual(Array(15).fill('boolean'));
    expect(await readFile(markdown, 'utf8')).toMatch(/^# Benchmarks\n[\s\S]*## 5\. Nothing else regresses/);
  });
});
