import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every pending changeset must be what `changeset version` reads: front matter naming each package and its bump, then
// the notes. A Markdown formatter once turned a one-package changeset's front matter into a heading, which would have
// failed the release.
const dir = fileURLToPath(new URL('../../../../.changeset/', import.meta.url));
const changesets = readdirSync(dir).filter((file) => file.endsWith('.md') && file !== 'README.md');

describe('.changeset', () => {
  it.each(changesets)('%s opens with front matter naming packages and their bumps', (file) => {
    const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(`${dir}${file}`, 'utf8'))?.[1];
    const lines = (frontMatter ?? '').split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line).toMatch(/^"@jwt-authorizer\/(core|key-source|config)": (patch|minor|major)$/);
  });
});
