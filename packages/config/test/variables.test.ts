import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VARIABLES, type Variable } from '../src/variables.js';

// The configuration page documents every variable once, in one table; VARIABLES is the list the parser follows.
// Each is checked against the other, so neither can gain, lose or change a variable alone.
const page = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');

/** The cells of a Markdown table row, trimmed; undefined for a line that is not a row. */
function cells(line: string): string[] | undefined {
  if (!line.startsWith('|')) return undefined;
  return line
    .slice(1, line.endsWith('|') ? -1 : undefined)
    .split('|')
    .map((cell) => cell.trim());
}

/** The rows of the table whose header row is `header`, as cells. */
function table(header: readonly string[]): string[][] {
  const lines = page.split('\n');
  const start = lines.findIndex((line) => JSON.stringify(cells(line)) === JSON.stringify(header));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    const row = cells(line);
    if (!row) break;
    rows.push(row);
  }
  return rows;
}

const rows = table(['variable', 'type', 'default', 'meaning, and why']);
// A default such as https://cognito-idp.<region>.amazonaws.com is written with &lt; and &gt;, or <region> would be
// read as an HTML tag and dropped.
const decode = (cell: string) => cell.replaceAll('&lt;', '<').replaceAll('&gt;', '>');
const documented = new Map(rows.map(([name = '', , fallback = '']) => [name.replace(/^`|`$/g, ''), decode(fallback)]));
/** What the default column must say: the default in backticks, what leaving it unset means, or a dash. */
const expected = (variable: Variable) =>
  variable.default !== undefined ? `\`${variable.default}\`` : (variable.whenUnset ?? '—');

describe('docs/configuration.md', () => {
  it('has one row of the variables table per name in VARIABLES, and no other', () => {
    expect(rows.length).toBe(documented.size);
    expect([...documented.keys()].sort()).toEqual(Object.keys(VARIABLES).sort());
  });

  it.each(Object.entries(VARIABLES))('shows the default of %s as the code has it', (name, variable) => {
    expect(documented.get(name)).toBe(expected(variable));
  });

  it('names no variable in any table that VARIABLES does not know', () => {
    const named = page
      .split('\n')
      .map((line) => cells(line)?.[0])
      .filter((cell): cell is string => cell !== undefined && /^`[A-Z][A-Z0-9]*(_[A-Z0-9]+)+`$/.test(cell))
      .map((cell) => cell.slice(1, -1));
    expect(named.filter((name) => !Object.hasOwn(VARIABLES, name))).toEqual([]);
  });
});
