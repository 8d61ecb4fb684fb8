import { z } from 'zod';

/** What the gateway refuses before any agency is asked (issue 12); every limit has its own error code. */
export const limitsConfigSchema = z
  .object({
    /** Deepest field nesting (QUERY_TOO_DEEP). @default 10 */
    maxDepth: z.number().int().positive().default(10),
    /** Aliases in one operation (TOO_MANY_ALIASES). @default 15 */
    maxAliases: z.number().int().positive().default(15),
    /** Directives in one operation (TOO_MANY_DIRECTIVES). @default 20 */
    maxDirectives: z.number().int().positive().default(20),
    /** Lexical tokens of the query text (TOO_MANY_TOKENS). @default 2000 */
    maxTokens: z.number().int().positive().default(2_000),
    /** Estimated cost: fields × connection `first` × agencies fanned out to (QUERY_TOO_COMPLEX). @default 100000 */
    maxCost: z.number().int().positive().default(100_000),
    /** Per client (principal, else address) requests per window (RATE_LIMITED, HTTP 429); off when absent. */
    rate: z
      .object({
        /** Requests allowed per window. @default 600 */
        points: z.number().int().positive().default(600),
        /** @default 60 */
        durationSeconds: z.number().int().positive().default(60),
        /**
         * Share one budget between gateways (`redis://…`); each process counts its own when absent. The
         * gateway's config defaults it to `answerCache.redisUrl`. While Redis cannot be reached, each
         * gateway falls back to its own in-memory budget of the same size.
         */
        redisUrl: z.string().url().optional(),
        /** Keys start with this (several deployments on one Redis). @default convergence-rate */
        keyPrefix: z.string().min(1).default('convergence-rate'),
      })
      .strict()
      .optional(),
  })
  .strict();

export type LimitsConfig = z.infer<typeof limitsConfigSchema>;
