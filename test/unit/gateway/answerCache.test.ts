import { randomUUID } from 'node:crypto';
import { connect, createServer, type Socket } from 'node:net';
import { createClient } from '@redis/client';
import { describe, expect, it } from 'vitest';
import type { AgencyEndpoint } from '../../../gateway/directory.js';
import type { SubgraphAnswer } from '../../../gateway/sharding/agencyClient.js';
import { AnswerCache, answerCacheConfigSchema } from '../../../gateway/upstream/answerCache.js';
import { CALLER_HEADER } from '../../../schema/callHeaders.js';
import { PERSONAL_READS_EXTENSION } from '../../../schema/principal.js';
import { reachable } from '../../support/reachable.js';

const who: AgencyEndpoint = { code: 'who', name: 'WHO', lmsKind: 'custom', url: 'http://127.0.0.1:1/' };
const body = (query: string) => JSON.stringify({ query, variables: {} });
const anonymous = { [CALLER_HEADER]: 'anonymous' };
const learner = { [CALLER_HEADER]: 'user:abc' };

/** An upstream that answers with what it is told and counts its calls. */
function upstream(answer: (n: number) => SubgraphAnswer) {
  let calls = 0;
  const send = async () => answer(++calls);
  return { send, calls: () => calls };
}

const signal = new AbortController().signal;

describe('the shared answer cache', () => {
  it('serves a catalogue page asked anonymously from the cache', async () => {
    const agency = upstream((n) => ({ data: { courses: { totalCount: n } }, errors: [] }));
    const send = new AnswerCache(answerCacheConfigSchema.parse({})).wrap(agency.send);
    const page = body('{ courses(first: 2) { totalCount } }');
    expect(await send(who, page, signal, anonymous)).toEqual({ data: { courses: { totalCount: 1 } }, errors: [] });
    expect(await send(who, page, signal, anonymous)).toEqual({ data: { courses: { totalCount: 1 } }, errors: [] });
    expect(agency.calls()).toBe(1);
  });

  it("never serves a signed-in caller's answer to anyone, nor personal fields, nor answers with personal reads", async () => {
    const agency = upstream((n) => ({
      data: { learners: [{ id: `learner-${n}` }], courses: { totalCount: n } },
      errors: [],
      extensions: n === 3 ? { [PERSONAL_READS_EXTENSION]: ['who:1'] } : undefined,
    }));
    const cache = new AnswerCache(answerCacheConfigSchema.parse({}));
    const send = cache.wrap(agency.send);
    // A signed-in learner's catalogue page is not stored: an anonymous caller must reach the agency.
    const page = body('{ courses(first: 2) { totalCount } }');
    await send(who, page, signal, learner);
    const anonymousAnswer = await send(who, page, signal, anonymous);
    expect(agency.calls()).toBe(2);
    expect(anonymousAnswer.data).toMatchObject({ courses: { totalCount: 2 } });
    // An answer that reports personal reads is not stored even when asked anonymously.
    const other = body('{ courses(first: 3) { totalCount } }');
    await send(who, other, signal, anonymous);
    await send(who, other, signal, anonymous);
    expect(agency.calls()).toBe(4);
    // A personal field (no TTL) always goes to the agency, whoever asks.
    const personal = body('{ learners(match: { email: "a@un.org" }) { id } }');
    await send(who, personal, signal, anonymous);
    await send(who, personal, signal, anonymous);
    expect(agency.calls()).toBe(6);
  });
});

describe('the shared answer cache on a Redis that cannot serve', () => {
  /** A loopback Redis address that refuses connections (`down`) or accepts them and never answers. */
  async function brokenRedis(kind: 'down' | 'stalled') {
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const close = async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
    if (kind === 'down') await close();
    return { url: `redis://127.0.0.1:${port}`, close };
  }

  it.each(['down', 'stalled'] as const)('answers every query from the agency when Redis is %s', async (kind) => {
    const redis = await brokenRedis(kind);
    const cache = new AnswerCache(answerCacheConfigSchema.parse({ redisUrl: redis.url, namespace: `broken-${kind}` }));
    try {
      const agency = upstream((n) => ({ data: { courses: { totalCount: n } }, errors: [] }));
      const send = cache.wrap(agency.send);
      const page = body('{ courses(first: 2) { totalCount } }');
      expect(await send(who, page, signal, anonymous)).toEqual({ data: { courses: { totalCount: 1 } }, errors: [] });
      expect(await send(who, page, signal, anonymous)).toEqual({ data: { courses: { totalCount: 2 } }, errors: [] });
      expect(agency.calls()).toBe(2);
    } finally {
      await cache.close();
      await redis.close();
    }
  });
});

const redisUp = await reachable(6379);
if (!redisUp) console.warn('Redis is not running on 127.0.0.1:6379: the stalled-Redis cache test is skipped.');

describe.runIf(redisUp)('the shared answer cache on a Redis that stops answering while connected', () => {
  it('answers from the agency instead of waiting, even for an answer Redis holds', async () => {
    // A loopback hop to the real Redis that can go silent (a network partition): bytes are dropped.
    let silent = false;
    const sockets: Socket[] = [];
    const hop = createServer((client) => {
      const redis = connect(6379, '127.0.0.1');
      sockets.push(client, redis);
      client.on('data', (chunk) => void (silent || redis.write(chunk)));
      redis.on('data', (chunk) => void (silent || client.write(chunk)));
      client.on('error', () => redis.destroy());
      redis.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
    const { port } = hop.address() as { port: number };
    const namespace = `convergence-answers-ops-test-${randomUUID()}`;
    const cache = new AnswerCache(answerCacheConfigSchema.parse({ redisUrl: `redis://127.0.0.1:${port}`, namespace }));
    try {
      const agency = upstream((n) => ({ data: { courses: { totalCount: n } }, errors: [] }));
      const send = cache.wrap(agency.send);
      const page = body('{ courses(first: 2) { totalCount } }');
      // Until the client is connected and the answer stored, each ask goes to the agency; then it is a hit.
      for (let before = -1; before !== agency.calls(); ) {
        before = agency.calls();
        await send(who, page, signal, anonymous);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const stored = agency.calls();
      silent = true;
      const other = body('{ courses(first: 3) { totalCount } }');
      expect(await send(who, other, signal, anonymous)).toEqual({
        data: { courses: { totalCount: stored + 1 } },
        errors: [],
      });
      expect(await send(who, page, signal, anonymous)).toEqual({
        data: { courses: { totalCount: stored + 2 } },
        errors: [],
      });
    } finally {
      await cache.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => hop.close(() => resolve()));
      const client = createClient({ url: 'redis://127.0.0.1:6379' });
      await client.connect();
      for await (const keys of client.scanIterator({ MATCH: `${namespace}*` })) {
        if (keys.length > 0) await client.del(keys);
      }
      client.destroy();
    }
  });
});
