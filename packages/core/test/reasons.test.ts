import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REASONS } from '../src/reasons.js';

// The operations page lists every reason code with its description from REASONS, and no page may name a code that
// does not exist: a renamed or added code fails here until the docs follow.
const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const operations = read('docs/operations.md');

// The docs a reader meets. docs/benchmarks.md and tooling/bench/README.md describe benchmark runs, not decisions.
const pages = [
  'README.md',
  'SECURITY.md',
  ...readdirSync(new URL('docs/', root))
    .filter((name) => name.endsWith('.md') && name !== 'benchmarks.md')
    .map((name) => `docs/${name}`),
  ...['packages', 'apps', 'examples', 'tooling'].flatMap((dir) =>
    readdirSync(new URL(`${dir}/`, root))
      .map((name) => `${dir}/${name}/README.md`)
      .filter((path) => path !== 'tooling/bench/README.md' && existsSync(new URL(path, root))),
  ),
];

// snake_case names in backticks that are not reason codes: claims, JWK and discovery members, tutorial claims.
const NOT_REASONS = new Set([
  'client_id',
  'first_name',
  'jwks_uri',
  'key_ops',
  'last_name',
  'token_use',
  'user_id',
  'error_description',
  'insufficient_scope',
  'invalid_token',
  'server_error',
  'node_modules',
  'email_verified',
  'resource_access',
  'tenant_id',
  'app_metadata',
  'user_metadata',
]);

/** The rows of the operations page's reason-code table, code to description, HTML entities decoded. */
function reasonRows(): Map<string, string> {
  const lines = operations.split('\n');
  const start = lines.findIndex((line) => /^\| code +\| what it means +\|/.test(line));
  const rows = new Map<string, string>();
  for (const line of start < 0 ? [] : lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [code = '', description = ''] = line
      .split('|')
      .slice(1)
      .map((cell) => cell.trim());
    rows.set(code.replace(/^`|`$/g, ''), description.replaceAll('&lt;', '<').replaceAll('&gt;', '>'));
  }
  return rows;
}

describe('docs/operations.md', () => {
  const rows = reasonRows();

  it.each(Object.entries(REASONS))('describes %s exactly as REASONS does', (code, description) => {
    expect(rows.get(code)).toBe(description);
  });

  it('lists no code that REASONS does not have', () => {
    expect([...rows.keys()].filter((code) => !Object.hasOwn(REASONS, code))).toEqual([]);
  });
});

describe('the README and the docs', () => {
  it.each(pages)('%s names no reason code that REASONS does not have', (path) => {
    const text = read(path);
    const named = [
      ...[...text.matchAll(/`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`/g)].map((match) => match[1] as string),
      ...[...text.matchAll(/"reason": ?"([^"]+)"/g)].map((match) => match[1] as string),
    ];
    const unknown = named.filter((name) => !Object.hasOwn(REASONS, name) && !NOT_REASONS.has(name));
    expect(unknown).toEqual([]);
  });
});
