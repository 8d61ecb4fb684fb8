import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { odataCollectionSchema } from '../../../../adapters/successfactors/dto.js';

const DIR = new URL('../../../../adapters/successfactors/fixtures/', import.meta.url);

/** A fixture file as parsed JSON (`<endpoint>.<case>.json`). */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as Record<string, unknown>;
}

/** The rows of a collection fixture, validated with the same schema the client uses. */
export function fixtureRows<T>(name: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T[] {
  return odataCollectionSchema.parse(fixture(name)).value.map((row) => schema.parse(row));
}
