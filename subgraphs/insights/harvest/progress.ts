import type { HarvestProgress } from './harvestAgency.js';

/** Items per second and the time left, from the courses done so far. */
export function rateAndEta(p: HarvestProgress, now = Date.now()): { rate: number; etaSeconds: number | null } {
  const seconds = Math.max(0.001, (now - p.startedAt.getTime()) / 1000);
  const rate = p.items / seconds;
  const left = p.coursesTotal - p.coursesDone;
  const etaSeconds = p.coursesDone > 0 ? Math.round((seconds / p.coursesDone) * left) : null;
  return { rate, etaSeconds };
}

/** One line per agency: a bar, courses, items, calls, rate and ETA. */
export function progressLine(p: HarvestProgress, width = 20, now = Date.now()): string {
  const fraction = p.coursesTotal > 0 ? p.coursesDone / p.coursesTotal : 1;
  const filled = Math.round(fraction * width);
  const { rate, etaSeconds } = rateAndEta(p, now);
  const eta = etaSeconds === null ? '?' : `${etaSeconds}s`;
  return `${p.agency.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.coursesDone}/${p.coursesTotal} courses  ${p.items} items  ${p.calls} calls  ${rate.toFixed(0)}/s  ETA ${eta}`;
}

/**
 * Shows harvest progress: on a terminal, one bar per agency redrawn in place; otherwise plain log lines
 * (at most one per agency every `logEveryMs`), so CI logs and files stay readable.
 */
export class ProgressDisplay {
  readonly #lines = new Map<string, string>();
  readonly #lastLog = new Map<string, number>();
  #drawn = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly logEveryMs = 5_000,
  ) {}

  get isTty(): boolean {
    return this.out.isTTY === true;
  }

  update(p: HarvestProgress): void {
    const line = progressLine(p);
    if (!this.isTty) {
      const last = this.#lastLog.get(p.agency) ?? 0;
      const done = p.coursesDone >= p.coursesTotal;
      if (done || Date.now() - last >= this.logEveryMs) {
        this.#lastLog.set(p.agency, Date.now());
        this.out.write(`${new Date().toISOString()} harvest ${line.replace(/\[[#.]*\] /, '')}\n`);
      }
      return;
    }
    this.#lines.set(p.agency, line);
    if (this.#drawn > 0) this.out.write(`\u001b[${this.#drawn}A`);
    for (const l of this.#lines.values()) this.out.write(`\u001b[2K${l}\n`);
    this.#drawn = this.#lines.size;
  }
}
