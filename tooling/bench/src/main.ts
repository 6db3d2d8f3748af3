// `pnpm bench`: measures, prints the tables, writes results/latest.json (git-ignored). See ../README.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateTargets } from './evaluate-targets.ts';
import { formatReport } from './format-report.ts';
import { parseBenchOptions } from './options.ts';
import { runBench } from './run-bench.ts';

const options = parseBenchOptions(
  process.argv.slice(2),
  process.env,
  fileURLToPath(new URL('../results/latest.json', import.meta.url)),
);
const measured = await runBench(options, (line) => process.stderr.write(`bench: ${line}\n`));
const results = { ...measured, targets: evaluateTargets(measured) };
await mkdir(dirname(options.out), { recursive: true });
await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${formatReport(results)}\n\nresults written to ${options.out}\n`);
