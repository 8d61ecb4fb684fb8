import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../gateway/directory.js';
import { limitsConfigSchema } from '../../gateway/limits/config.js';
import { type RunningGateway, startGateway } from '../../gateway/server.js';
import { reachable } from '../support/reachable.js';

/**
 * Issue 12: gateways on one Redis share each client's rate budget (in memory, N gateways would allow
 * N × the budget); with Redis unreachable each falls back to its own in-memory budget and keeps serving.
 */
const REDIS_URL = 'redis://127.0.0.1:6379';
const redisUp = await reachable(6379);
if (!redisUp) console.warn('Redis is not running on 127.0.0.1:6379: the shared rate limit tests are skipped.');

const KEY_PREFIX = `convergence-rate-ops-test-${randomUUID()}`;
const running: RunningGateway[] = [];

async function gatewayWith(rate: Record<string, unknown>): Promise<RunningGateway> {
  const gateway = await startGateway({
    directory: new AgencyDirectory([]),
    agencyTimeoutMs: 2000,
    deadlineMs: 4000,
    cursorSecret: 'test-secret-shared-rate',
    limits: limitsConfigSchema.parse({ rate }),
  });
  running.push(gateway);
  return gateway;
}

async function ask(gateway: RunningGateway) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const json = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), json };
}

/** The gateway's `convergence_redis_ready{use="rate_limit"}` as scraped from its /metrics. */
async function rateLimitRedisReady(gateway: RunningGateway): Promise<number | undefined> {
  const text = await (await fetch(`${new URL(gateway.url).origin}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('convergence_redis_ready{use="rate_limit"}'));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

/** A loopback port nothing listens on: the OS gives one, and it is closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

afterAll(async () => {
  for (const gateway of running) await gateway.stop();
  if (!redisUp) return;
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${KEY_PREFIX}*` })) {
    if (keys.length > 0) await client.del(keys);
  }
  client.destroy();
});

describe.runIf(redisUp)('two gateways on one Redis', () => {
  let first: RunningGateway;
  let second: RunningGateway;
  beforeAll(async () => {
    const rate = { points: 3, durationSeconds: 60, redisUrl: REDIS_URL, keyPrefix: KEY_PREFIX };
    first = await gatewayWith(rate);
    second = await gatewayWith(rate);
  });

  it('spend one budget: once it is used on the first, the second refuses 429 with Retry-After', async () => {
    const served = [await ask(first), await ask(first), await ask(second)];
    expect(served.map((r) => r.status)).toEqual([200, 200, 200]);
    const refused = await ask(second);
    expect(refused.status).toBe(429);
    expect(refused.json.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect((await ask(first)).status).toBe(429);
    expect(await rateLimitRedisReady(first)).toBe(1);
  });
});

/** Three requests through a gateway with a budget of 2 whose Redis is at `port` (down, or silent). */
async function threeAsksWithRedisAt(port: number) {
  const gateway = await gatewayWith({
    points: 2,
    durationSeconds: 60,
    redisUrl: `redis://127.0.0.1:${port}`,
    keyPrefix: KEY_PREFIX,
  });
  return { gateway, answers: [await ask(gateway), await ask(gateway), await ask(gateway)] };
}

describe('a gateway whose Redis is down', () => {
  it('still serves, and its in-memory insurance budget still limits', async () => {
    const { gateway, answers } = await threeAsksWithRedisAt(await closedPort());
    expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(answers[0]?.json.data).toEqual({ __typename: 'Query' });
    expect(answers[2]?.json.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(answers[2]?.retryAfter)).toBeGreaterThan(0);
    // Operators see it: the limit is per gateway until Redis is back.
    expect(await rateLimitRedisReady(gateway)).toBe(0);
  });
});

describe('a gateway whose Redis accepts connections but never answers', () => {
  it('does not wait for it: still serves, and its in-memory insurance budget still limits', async () => {
    const sockets: Socket[] = [];
    const stalled = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = stalled.address() as { port: number };
      const { answers } = await threeAsksWithRedisAt(port);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(answers[2]?.json.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => stalled.close(() => resolve()));
    }
  });
});
