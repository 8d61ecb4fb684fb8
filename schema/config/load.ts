import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './configError.js';

/** Turns every zod issue into one line "path: what to change", so start-up lists all problems at once. */
export function describeIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return `${path || '(root)'}: ${issue.message}`;
  });
}

/** Validates `input` against `schema`; throws one ConfigError listing every problem. */
export function validateConfig<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, input: unknown, prefix = ''): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new ConfigError(describeIssues(result.error, prefix));
  return result.data;
}

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string of a parsed config with environment values,
 * so secrets stay out of config files. Unset variables without a default are reported together.
 */
export function substituteEnv(value: unknown, env: Readonly<Record<string, string | undefined>>): unknown {
  const missing = new Set<string>();
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_match, name: string, fallback: string | undefined) => {
        const found = env[name] ?? fallback;
        if (found === undefined) missing.add(name);
        return found ?? '';
      });
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, walk(inner)]));
    }
    return node;
  };
  const result = walk(value);
  if (missing.size > 0) {
    throw new ConfigError([...missing].map((name) => `environment variable ${name} is referenced but not set`));
  }
  return result;
}

/** Reads a YAML or JSON config file and substitutes environment variables. */
export function readConfigFile(path: string, env: Readonly<Record<string, string | undefined>>): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError([`config file ${path} cannot be read`]);
  }
  let parsed: unknown;
  try {
    parsed = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError([
      `config file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    ]);
  }
  return substituteEnv(parsed, env);
}

/** An absolute http(s) URL, without trailing slashes; `example` shows what is expected in the message. */
export function httpUrlSchema(example: string) {
  return z
    .string({ required_error: `is required, for example ${example}` })
    .url(`must be an absolute URL, for example ${example}`)
    .refine((value) => /^https?:\/\//i.test(value), 'must start with http:// or https://')
    .transform((value) => value.replace(/\/+$/, ''));
}

/** Log levels every process config accepts. @default info */
export const logLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
