import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../../../../adapters/moodle/fixtures/', import.meta.url);

/** A documented Moodle answer from `adapters/moodle/fixtures/<endpoint>.<case>.json`. */
export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as T;
}

/** The same answer as raw text, for nock replies. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8');
}
