// `node tooling/bench/src/render-markdown.ts [results.json] [page.md]`: renders a finished run's results JSON into
// the Markdown page (by default results/latest.json into docs/benchmarks.md), without measuring again.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderMarkdown } from './format-report.ts';
import { judgeTargets } from './targets.ts';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const [input = at('../results/latest.json'), output = at('../../../docs/benchmarks.md')] = process.argv.slice(2);
const results = JSON.parse(await readFile(input, 'utf8'));
await writeFile(output, renderMarkdown(results, judgeTargets(results)));
