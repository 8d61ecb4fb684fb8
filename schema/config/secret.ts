import { inspect } from 'node:util';
import { z } from 'zod';

const REDACTED = '[redacted]';

/** A credential that never prints itself: logs, JSON and errors show `[redacted]`. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  /** The real value, for the one call that sends it upstream. */
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [inspect.custom](): string {
    return REDACTED;
  }
}

/** Zod schema for a secret config value: a non-empty string, wrapped so it cannot leak. */
export const secretSchema = z
  .string({
    required_error:
      'is required (reference an environment variable in the config file, for example MOODLE_TOKEN written as a dollar-brace reference)',
  })
  .min(1, 'must not be empty')
  .transform((value) => new Secret(value));
