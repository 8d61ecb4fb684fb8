import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { Keyv } from 'keyv';
import { z } from 'zod';
import { CALLER_HEADER } from '../../schema/callHeaders.js';
import { PERSONAL_READS_EXTENSION } from '../../schema/principal.js';
import { redisStore } from '../../schema/redisStore.js';
import type { SubgraphAnswer } from '../sharding/agencyClient.js';
import type { AgencySender } from '../sharding/fanout.js';
import { sharedStateClient, withinRedisTimeout } from './redis.js';

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
/**
 * After a lookup Redis did not answer in time, the cache is left alone this long: a stalled Redis would
 * otherwise collect every lookup and every answer written meanwhile in its client's queue.
 */
const BYPASS_AFTER_TIMEOUT_MS = 5_000;
const TIMED_OUT = Symbol('timed out');
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
  #bypassUntil = 0;
  readonly #redis: ReturnType<typeof sharedStateClient> | undefined;

  constructor(
    private readonly config: AnswerCacheConfig,
    private readonly onLookup: (hit: boolean) => void = () => {},
  ) {
    // A cache that cannot be reached, or does not answer in time, is a miss, never a failed or slow query
    // (KeyvRedis's own client would wait for Redis to come back).
    this.#redis = config.redisUrl ? sharedStateClient(config.redisUrl) : undefined;
    this.#keyv = this.#redis
      ? new Keyv<SubgraphAnswer>({
          store: redisStore(this.#redis, { throwOnConnectError: false }),
          namespace: config.namespace,
        })
      : new Keyv<SubgraphAnswer>({ store: new BoundedMap(), namespace: config.namespace });
    this.#keyv.on('error', () => {});
    if (!this.#redis) {
      // In memory the answer object itself is kept, not a JSON text parsed again on every hit (the parse cost
      // more than the agency call it saved under 16 clients). Answers are already shared read-only: collapsed
      // calls get one object, and answer validation and merging build new ones.
      this.#keyv.serialize = undefined;
      this.#keyv.deserialize = undefined;
    }
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
      if (this.#bypassUntil > Date.now()) {
        this.onLookup(false);
        return send(agency, body, signal, headers);
      }
      const key = `${agency.code}\n${agency.url}\n${body}`;
      const lookup = this.#keyv.get(key).catch(() => undefined);
      // Only Redis can be late; a lookup in memory needs no timer.
      const cached = this.#redis ? await withinRedisTimeout(lookup, TIMED_OUT) : await lookup;
      const hit = cached !== undefined && cached !== TIMED_OUT;
      this.onLookup(hit);
      if (hit) return cached;
      if (cached === TIMED_OUT) {
        this.#bypassUntil = Date.now() + BYPASS_AFTER_TIMEOUT_MS;
        return send(agency, body, signal, headers);
      }
      const answer = await send(agency, body, signal, headers);
      const personal = answer.extensions?.[PERSONAL_READS_EXTENSION];
      if (answer.errors.length === 0 && !(Array.isArray(personal) && personal.length > 0)) {
        void this.#keyv.set(key, answer, ttl).catch(() => {});
      }
      return answer;
    };
  }

  /** Whether its Redis is connected; undefined when it keeps answers in memory. */
  get redisReady(): (() => boolean) | undefined {
    const redis = this.#redis;
    return redis && (() => redis.isReady);
  }

  /** At once, even while Redis is silent (a graceful `close` would wait for its replies): it is a cache. */
  async close(): Promise<void> {
    if (this.#redis?.isOpen) this.#redis.destroy();
  }
}
