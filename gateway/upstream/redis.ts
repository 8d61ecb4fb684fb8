import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/** A Redis that takes longer than this (stalled, partitioned) is not waited for. */
export const REDIS_TIMEOUT_MS = 250;

/**
 * The client of the gateway's shared state in Redis (answer cache, rate budgets), made so that no request
 * ever waits on a Redis that is down: commands fail at once while it is not connected instead of queueing
 * (`disableOfflineQueue`), it reconnects in the background with backoff, and its errors are left to the
 * callers (a miss, the in-memory rate budget) rather than crashing the process.
 */
export function sharedStateClient(url: string) {
  // Loaded here, not imported: a gateway without Redis does not carry the client's modules (schema/redisStore.ts).
  const { createClient } = load('@redis/client') as typeof import('@redis/client');
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
  });
  client.on('error', () => {});
  void client.connect().catch(() => {});
  return client;
}

/** `value`, or `fallback` when it has not settled within REDIS_TIMEOUT_MS (or failed). */
export async function withinRedisTimeout<T, F>(value: Promise<T>, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), REDIS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([value.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}
