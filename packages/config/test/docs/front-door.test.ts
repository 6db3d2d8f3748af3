import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README is the front door and SECURITY.md the policy: both stay short, the detail lives in docs/.
const root = new URL('../../../../', import.meta.url);
const lines = (page: string) => readFileSync(fileURLToPath(new URL(page, root)), 'utf8').split('\n');

describe('the front door', () => {
  it('keeps the README within 200 lines, none over 160 characters', () => {
    const readme = lines('README.md');
    expect(readme.length).toBeLessThanOrEqual(200);
    expect(readme.filter((line) => line.length > 160)).toEqual([]);
  });

  it('keeps SECURITY.md within 60 lines', () => {
    expect(lines('SECURITY.md').length).toBeLessThanOrEqual(60);
  });
});
