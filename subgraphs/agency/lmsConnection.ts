import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import type { AdapterDescriptor } from '../../adapters/core/descriptor.js';
import { isAdapterDescriptor } from '../../adapters/core/descriptor.js';
import { BUILT_IN_ADAPTERS, builtInAdapter } from '../../adapters/kinds.js';
import { describeIssues } from '../../schema/config/load.js';
import { HOME_GROWN_KIND, isLmsKind, LMS_KINDS } from '../../schema/lmsKind.js';

/** An agency's LMS connection: the descriptor of its kind and its validated `lms` settings. */
export interface LmsConnection {
  readonly descriptor: AdapterDescriptor;
  readonly settings: unknown;
  /** `built-in`, or the module the descriptor was loaded from (as written in the config). */
  readonly source: string;
}

type Resolved = { readonly connection: LmsConnection } | { readonly problems: readonly string[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const validate = (descriptor: AdapterDescriptor, input: unknown, source: string): Resolved => {
  const parsed = (descriptor.configSchema as z.ZodType<unknown, z.ZodTypeDef, unknown>).safeParse(input);
  return parsed.success
    ? { connection: { descriptor, settings: parsed.data, source } }
    : { problems: describeIssues(parsed.error, 'lms') };
};

/** Node resolution of a package name from the config file's folder, else from Convergence's own. */
function moduleUrl(specifier: string, baseDir: string): string {
  if (specifier.startsWith('.') || isAbsolute(specifier)) return pathToFileURL(resolve(baseDir, specifier)).href;
  try {
    return pathToFileURL(createRequire(join(baseDir, 'agency-config.js')).resolve(specifier)).href;
  } catch {
    return specifier;
  }
}

/**
 * Loads a home-grown adapter: the module (a path relative to the config file, or a package name) must
 * export one descriptor made with `defineAdapter` (or name the export with `lms.export`).
 */
async function loadModule(
  specifier: string,
  exportName: unknown,
  baseDir: string,
): Promise<AdapterDescriptor | string> {
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(moduleUrl(specifier, baseDir))) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `lms.module: cannot load "${specifier}": ${reason}`;
  }
  const found = Object.entries(loaded).filter(([name, value]) =>
    typeof exportName === 'string' ? name === exportName && isAdapterDescriptor(value) : isAdapterDescriptor(value),
  );
  const [first, second] = found;
  if (!first) {
    const wanted = typeof exportName === 'string' ? `adapter descriptor named ${exportName}` : 'adapter descriptor';
    return `lms.module: "${specifier}" exports no ${wanted} (export const myAdapter = defineAdapter({...}) from convergence/sdk)`;
  }
  if (second) {
    return `lms.module: "${specifier}" exports several adapter descriptors (${found.map(([n]) => n).join(', ')}); name one with lms.export`;
  }
  const descriptor = first[1] as AdapterDescriptor;
  if (!isLmsKind(descriptor.kind)) {
    return `lms.module: the adapter's kind "${String(descriptor.kind)}" is not one of ${LMS_KINDS.join(', ')}; home-grown adapters use "${HOME_GROWN_KIND}"`;
  }
  return descriptor;
}

/**
 * Resolves the `lms` section of an agency config: a built-in kind (`kind: moodle`, ...) from the registry
 * of kinds, or a home-grown adapter (`module: ./my-adapter.ts`), whose remaining settings its own config
 * schema validates. Every problem is reported with its `lms.` path.
 */
export async function resolveLmsConnection(lms: unknown, baseDir: string): Promise<Resolved> {
  if (!isObject(lms)) return { problems: [] }; // the process schema reports the missing or malformed section
  if ('module' in lms) {
    const { module: specifier, export: exportName, ...settings } = lms;
    if (typeof specifier !== 'string' || specifier.length === 0) {
      return { problems: ['lms.module: must name a module: a path relative to this file, or a package name'] };
    }
    const descriptor = await loadModule(specifier, exportName, baseDir);
    return typeof descriptor === 'string' ? { problems: [descriptor] } : validate(descriptor, settings, specifier);
  }
  const descriptor = builtInAdapter(lms.kind);
  if (!descriptor) {
    const kinds = BUILT_IN_ADAPTERS.map((d) => d.kind).join(', ');
    const given = lms.kind === HOME_GROWN_KIND ? 'a custom adapter is loaded from a module: give lms.module' : '';
    return {
      problems: [
        `lms.kind: must be one of ${kinds}, or give lms.module for a home-grown adapter${given ? `; ${given}` : ''}`,
      ],
    };
  }
  return validate(descriptor, lms, 'built-in');
}
