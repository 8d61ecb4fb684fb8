import { z } from 'zod';
import { httpUrlSchema } from '../../schema/config/load.js';
import { secretSchema } from '../../schema/config/secret.js';

/**
 * Optional HTTP authentication. OAI-PMH itself has none and most repositories are open; some put the
 * endpoint behind Basic auth or a bearer token at the web server.
 */
const authSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('basic'), username: z.string().min(1), password: secretSchema }).strict(),
  z.object({ kind: z.literal('bearer'), token: secretSchema }).strict(),
]);

/** Harvesting settings of one OAI-PMH repository of open educational resources. */
export const oaiPmhConfigSchema = z
  .object({
    kind: z.literal('oaipmh'),
    /** The repository's base URL: the one URL every verb is sent to, e.g. `https://oer.example.org/oai`. */
    baseUrl: httpUrlSchema('https://oer.example.org/oai/request'),
    /**
     * Which metadata format to harvest. `auto` picks the richest the repository offers (IEEE LOM, then
     * `oai_dc`), recognised by namespace in ListMetadataFormats. @default auto
     */
    metadataFormat: z.enum(['auto', 'lom', 'oai_dc']).default('auto'),
    /** Harvest only this set (`setSpec`). @default the whole repository */
    set: z.string().min(1).optional(),
    /** OAI-PMH allows GET and POST (§3.1.1); POST keeps long resumption tokens out of URLs. @default GET */
    httpMethod: z.enum(['GET', 'POST']).default('GET'),
    auth: authSchema.optional(),
    /** How long the harvested snapshot is served before an incremental harvest, in ms. @default 900000 */
    cacheTtlMs: z.number().int().nonnegative().default(900_000),
    /**
     * How often the whole repository is re-harvested when it reports deletions only transiently or not
     * at all (Identify `deletedRecord` is `transient` or `no`), so that deleted items disappear, in ms.
     * Repositories with `persistent` deletions are harvested incrementally only. @default 86400000
     */
    fullHarvestEveryMs: z.number().int().positive().default(86_400_000),
    /** How long a snapshot may still be served while harvesting fails, in ms. @default 86400000 */
    staleIfErrorMs: z.number().int().nonnegative().default(86_400_000),
    /** Records with more characters of content than this are skipped (and counted). @default 200000 */
    maxRecordChars: z.number().int().positive().default(200_000),
    /** Safety stop for a list whose resumption tokens never end. @default 10000 */
    maxPagesPerHarvest: z.number().int().positive().default(10_000),
    /** Per-request timeout in ms. @default 30000 */
    timeoutMs: z.number().int().positive().default(30_000),
    /** Retries of a failed request (HTTP 503 with Retry-After is OAI-PMH's flow control). @default 2 */
    retries: z.number().int().nonnegative().default(2),
  })
  .strict();

export type OaiPmhConfig = z.infer<typeof oaiPmhConfigSchema>;
export type OaiPmhAuth = z.infer<typeof authSchema>;
