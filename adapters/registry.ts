import { z } from 'zod';
import type { LmsKind } from '../schema/model/enums.js';
import type { AdapterDeps, LmsAdapter, LmsAdapterFactory } from './core/adapter.js';
import { type CornerstoneConfig, cornerstoneAdapterFactory, cornerstoneConfigSchema } from './cornerstone/index.js';
import { type MoodleConfig, moodleAdapterFactory, moodleConfigSchema } from './moodle/index.js';
import {
  type SuccessFactorsConfig,
  successFactorsAdapterFactory,
  successFactorsConfigSchema,
} from './successfactors/index.js';

/**
 * The supported LMS kinds and their factories (STYLE.md B2), keyed by the config's `kind`. Typed so that
 * a kind without a factory does not compile. Home-grown LMSs (CUSTOM) bring their own adapter through
 * the adapter SDK instead.
 */
export type LmsConfig = MoodleConfig | CornerstoneConfig | SuccessFactorsConfig;

const factories = {
  moodle: moodleAdapterFactory,
  cornerstone: cornerstoneAdapterFactory,
  successfactors: successFactorsAdapterFactory,
} satisfies { [K in LmsConfig['kind']]: LmsAdapterFactory<Extract<LmsConfig, { kind: K }>> };

/** Any supported LMS's connection settings, discriminated by `kind`. */
export const lmsConfigSchema = z.discriminatedUnion('kind', [
  moodleConfigSchema,
  cornerstoneConfigSchema,
  successFactorsConfigSchema,
]);

export const lmsKindOf = (config: LmsConfig): LmsKind => factories[config.kind].kind;

export function createAdapter(config: LmsConfig, deps: AdapterDeps): LmsAdapter {
  switch (config.kind) {
    case 'moodle':
      return factories.moodle.create(config, deps);
    case 'cornerstone':
      return factories.cornerstone.create(config, deps);
    case 'successfactors':
      return factories.successfactors.create(config, deps);
  }
}
