import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { type HarvestSource, harvestAgency } from '../harvest/harvestAgency.js';
import type { RunPolicy } from '../harvest/incremental.js';
import type { InsightsStore } from '../store/insightsStore.js';

export const HARVEST_QUEUE = 'insights-harvest';

interface HarvestJob {
  readonly agency: string;
  readonly full: boolean;
}

export interface HarvestQueueOptions {
  readonly url: string;
  /** pg-boss's own schema (the store's schema + `_boss`). */
  readonly schema: string;
  readonly store: InsightsStore;
  readonly sources: readonly HarvestSource[];
  /** One cycle every this many ms: each agency is queued once per cycle, whichever worker queues it. */
  readonly cycleMs: number;
  readonly worker: string;
  /** When a run is full rather than incremental (harvest/incremental.ts). */
  readonly policy?: RunPolicy;
  readonly logger?: Logger;
}

/**
 * Harvesters on several machines share the work through pg-boss on the store's PostgreSQL: every worker
 * queues each agency for the current cycle, throttled by agency (pg-boss keeps one job per key and time
 * slot: the cycle), so each agency is queued once per cycle however many workers there are; pg-boss hands
 * each job to one worker (leases, expiry, retries), and a retried job resumes from the store's checkpoint.
 */
export class HarvestQueue {
  readonly #boss: PgBoss;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: HarvestQueueOptions) {
    this.#boss = new PgBoss({
      connectionString: options.url,
      schema: options.schema,
      max: 3,
      // Cron scheduling is not used (cycles are throttled sends); maintenance stays on (expiry, archive).
      schedule: false,
    });
    this.#boss.on('error', (error) => options.logger?.warn({ err: String(error) }, 'pg-boss error'));
  }

  async start(): Promise<void> {
    await this.#boss.start();
    await this.#boss.createQueue(HARVEST_QUEUE, {
      name: HARVEST_QUEUE,
      retryLimit: 3,
      retryDelay: 30,
      retryBackoff: true,
      // A harvest that holds a job this long is presumed dead; the job goes to another worker, which resumes.
      expireInSeconds: 3_600,
    });
    await this.#boss.work<HarvestJob>(HARVEST_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!job) return;
      const source = this.options.sources.find((s) => s.code === job.data.agency);
      if (!source) return;
      const result = await harvestAgency(this.options.store, source, {
        ...this.options.policy,
        full: job.data.full,
        worker: this.options.worker,
      });
      this.options.logger?.info({ ...result }, result.ok ? 'harvested' : 'harvest failed');
      // A failed run throws so that pg-boss retries it (the next attempt resumes after the checkpoint).
      if (!result.ok) throw new Error(result.error ?? 'harvest failed');
    });
    await this.queueCycle();
    const tick = () => {
      this.#timer = setTimeout(() => void this.queueCycle().finally(tick), this.options.cycleMs);
      this.#timer.unref();
    };
    tick();
  }

  /** Queues every agency for the current cycle (a no-op for agencies another worker queued already). */
  async queueCycle(full = false): Promise<number> {
    const slotSeconds = Math.max(1, Math.round(this.options.cycleMs / 1000));
    let queued = 0;
    for (const source of this.options.sources) {
      const id = await this.#boss.sendThrottled(
        HARVEST_QUEUE,
        { agency: source.code, full },
        {},
        slotSeconds,
        source.code,
      );
      if (id) queued++;
    }
    this.options.logger?.info({ queued }, 'harvest cycle queued');
    return queued;
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#boss.stop({ graceful: true, timeout: 10_000 });
  }
}
