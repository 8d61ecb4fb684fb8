import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../schema/errorCodes.js';

/** The codes in the README's one error table (the "## Errors" section, first column). */
function documentedCodes(): string[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Errors'), readme.indexOf('\n## ', readme.indexOf('## Errors') + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => /^\| `([A-Z_]+)`/.exec(line)?.[1] ?? '');
}

describe('the error vocabulary', () => {
  it('is documented in one README table, code by code, and the table holds nothing else', () => {
    const documented = documentedCodes();
    expect(new Set(documented).size, 'a code documented twice').toBe(documented.length);
    expect([...documented].sort()).toEqual([...ERROR_CODES].sort());
  });
});
