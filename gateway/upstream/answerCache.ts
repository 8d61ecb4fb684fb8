import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { Keyv } from 'keyv';
import { z } from 'zod';
import { CALLER_HEADER } from '../../schema/callHeaders.js';
import { PERSONAL_READS_EXTENSION } from '../../schema/principal.js';
import { redisStore } from '../../schema/redisStore.js';
import type { SubgraphAnswer } from '../sharding/agencyClient.js';
import type { AgencySender } from '../sharding/fanout.js';

/** The shared answer cache's settings (issue 12); no cache when absent from the config. */
export const answerCacheConfigSchema = z
  .object({
    /** Seconds an agency's answer is served from the cache, per root field (the shortest one asked wins). */
    ttlSeconds: z
      .record(z.number().int().positive())
      .default({ courses: 10, course: 10, agencies: 30, agency: 30, learningStats: 30 }),
    /** Share the cache between gateways (`redis://…`); in memory per process when absent. */
    redisUrl: z.string().url().optional(),
    /** Keys start with this (several deployments on one Redis). @default convergence-answers */
    namespace: z.string().min(1).default('convergence-answers'),
  })
  .strict();

export type AnswerCacheConfig = z.infer<typeof answerCacheConfigSchema>;

const ANONYMOUS = 'anonymous';
const MAX_MEMORY_ENTRIES = 10_000;
const MAX_PARSED = 1_000;

/** A Map that forgets everything when full: the in-memory store stays bounded without an LRU. */
class BoundedMap<K, V> extends Map<K, V> {
  override set(key: K, value: V): this {
    if (this.size >= MAX_MEMORY_ENTRIES && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}

/**
 * A short-lived cache of agency answers that hold no personal data (issue 12): only answers to anonymous
 * callers (an anonymous caller is never shown anyone's records, so its answers are the same for everyone),
 * only queries whose every root field has a TTL (catalogue pages, agencies, public statistics), never an
 * answer with errors or one that reports personal reads. Everything else goes to the agency every time.
 */
export class AnswerCache {
  readonly #keyv: Keyv<SubgraphAnswer>;
  readonly #ttls = new Map<string, number | null>();

  constructor(
    private readonly config: AnswerCacheConfig,
    private readonly onLookup: (hit: boolean) => void = () => {},
  ) {
    this.#keyv = config.redisUrl
      ? new Keyv<SubgraphAnswer>({ store: redisStore(config.redisUrl), namespace: config.namespace })
      : new Keyv<SubgraphAnswer>({ store: new BoundedMap(), namespace: config.namespace });
    // A cache that cannot be reached is a miss, never a failed query.
    this.#keyv.on('error', () => {});
  }

  /** The TTL in ms of an operation text, or null when any root field is uncacheable. */
  #ttlOf(query: string): number | null {
    const known = this.#ttls.get(query);
    if (known !== undefined) return known;
    let ttl: number | null = null;
    try {
      const operation = parse(query, { noLocation: true }).definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      if (operation?.operation === 'query') {
        const seconds = operation.selectionSet.selections.map((s) =>
          s.kind === Kind.FIELD ? (this.config.ttlSeconds[s.name.value] ?? null) : null,
        );
        ttl = seconds.length > 0 && seconds.every((s) => s !== null) ? Math.min(...(seconds as number[])) * 1000 : null;
      }
    } catch {
      ttl = null;
    }
    if (this.#ttls.size >= MAX_PARSED) this.#ttls.clear();
    this.#ttls.set(query, ttl);
    return ttl;
  }

  wrap(send: AgencySender): AgencySender {
    return async (agency, body, signal, headers) => {
      if (headers?.[CALLER_HEADER] !== ANONYMOUS) return send(agency, body, signal, headers);
      const { query } = JSON.parse(body) as { query?: unknown };
      const ttl = typeof query === 'string' ? this.#ttlOf(query) : null;
      if (ttl === null) return send(agency, body, signal, headers);
      const key = `${agency.code}\n${agency.url}\n${body}`;
      const cached = await this.#keyv.get(key).catch(() => undefined);
      this.onLookup(cached !== undefined);
      if (cached !== undefined) return cached;
      const answer = await send(agency, body, signal, headers);
      const personal = answer.extensions?.[PERSONAL_READS_EXTENSION];
      if (answer.errors.length === 0 && !(Array.isArray(personal) && personal.length > 0)) {
        void this.#keyv.set(key, answer, ttl).catch(() => {});
      }
      return answer;
    };
  }

  async close(): Promise<void> {
    await this.#keyv.disconnect().catch(() => {});
  }
}
