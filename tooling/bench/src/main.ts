// `pnpm bench`: measures, prints one table per target with its verdicts, writes the JSON (and with
// --markdown=FILE the page docs/benchmarks.md is generated from). See ../README.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport, renderMarkdown } from './format-report.ts';
import { parseOptions } from './options.ts';
import { runBench } from './run-bench.ts';
import { judgeTargets } from './targets.ts';

const options = parseOptions(process.argv.slice(2), {
  ours: fileURLToPath(new URL('../../../apps/authorizer/dist/', import.meta.url)),
  out: fileURLToPath(new URL('../results/latest.json', import.meta.url)),
});
const results = await runBench(options, (line) => process.stderr.write(`bench: ${line}\n`));
const reports = judgeTargets(results);
await mkdir(dirname(options.out), { recursive: true });
await writeFile(
  options.out,
  `${JSON.stringify({ ...results, verdicts: reports.flatMap((r) => r.verdicts) }, null, 2)}\n`,
);
if (options.markdown) await writeFile(options.markdown, renderMarkdown(results, reports));
process.stdout.write(`${formatReport(results, reports)}\nresults written to ${options.out}\n`);
