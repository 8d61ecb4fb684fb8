import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../../../../adapters/platform/fixtures/', import.meta.url);

/** A documented platform answer from `adapters/platform/fixtures/<name>.json`, parsed. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as T;
}

/** The same answer as text (for nock replies). */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8');
}
