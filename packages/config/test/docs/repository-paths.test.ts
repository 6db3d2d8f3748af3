import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The docs point at files and tests that other engineers rename. This keeps every pointer true: relative links
// (with their #anchors), repository paths in backticks, and cited tests (`file › test name`) must all exist.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const exists = (path: string) => existsSync(join(root, path));

// Written from a benchmark run by its own tooling; linked before its first run may have landed.
const GENERATED = new Set(['docs/benchmarks.md']);

const pages = [
  'README.md',
  'SECURITY.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
  ...['apps', 'examples', 'packages', 'tooling'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .map((name) => `${dir}/${name}/README.md`)
      .filter((path) => path !== 'tooling/bench/README.md' && exists(path)),
  ),
].filter((path) => !GENERATED.has(path));

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

function anchors(path: string): Set<string> {
  const text = readFileSync(join(root, path), 'utf8');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] as string)));
}

/** The page's text outside fenced code blocks, with table-escaped pipes read as pipes. */
function prose(path: string): string {
  const text = readFileSync(join(root, path), 'utf8').replaceAll('\\|', '|');
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

// A path in backticks: from the repository root, or (in a package's README) from the package.
const ROOT_PATH = /^(?:apps|docs|examples|packages|tooling|\.changeset)\/[\w./-]*$/;
const PACKAGE_PATH = /^(?:src|test|scripts|bin)\/[\w./-]*$/;
const CITATION = /^(\S+\.test\.ts) › (.+)$/;

describe.each(pages)('%s', (page) => {
  const text = prose(page);
  const here = dirname(page);

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [file = '', anchor] = target.split('#');
      const path = file === '' ? page : normalize(join(here, file));
      if (GENERATED.has(path)) continue;
      if (!exists(path)) broken.push(target);
      else if (anchor && path.endsWith('.md') && !anchors(path).has(anchor)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });

  it('names only repository paths and tests that exist', () => {
    const missing: string[] = [];
    for (const [, quoted = ''] of text.matchAll(/`([^`\n]+)`/g)) {
      const citation = CITATION.exec(quoted);
      const path = citation?.[1] ?? quoted;
      if (path.includes('*') || /(?:^|\/)dist\//.test(path)) continue;
      const resolved = ROOT_PATH.test(path)
        ? path
        : PACKAGE_PATH.test(path) && page !== 'README.md' && !page.startsWith('docs/')
          ? normalize(join(here, path))
          : undefined;
      if (resolved === undefined) {
        if (citation) missing.push(quoted); // a cited test names its file from the repository root
        continue;
      }
      if (GENERATED.has(resolved)) continue;
      if (!exists(resolved)) missing.push(quoted);
      else if (citation) {
        const source = readFileSync(join(root, resolved), 'utf8').replaceAll('\\', '');
        if (!source.includes(citation[2] as string)) missing.push(quoted);
      }
    }
    expect(missing).toEqual([]);
  });
});
