/**
 * Process configuration helpers shared by every process (gateway, registry, agency subgraphs) and by
 * adapters: YAML/JSON files with `${ENV}` references, zod validation that lists every problem at once,
 * and `Secret` values that never print themselves. They sit under `schema/` because it is the one layer
 * every other folder may import (the gateway imports no adapter code).
 */
export { ConfigError } from './configError.js';
export {
  describeIssues,
  httpUrlSchema,
  logLevelSchema,
  readConfigFile,
  substituteEnv,
  validateConfig,
} from './load.js';
export { Secret, secretSchema } from './secret.js';
