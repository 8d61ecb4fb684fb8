import { LmsError } from './errors.js';

/**
 * Bounded, fair admission of calls to one LMS (issue 11): at most `maxInFlight` at once, at most
 * `maxQueued` waiting, at most `maxQueuedPerCaller` waiting for one caller while others wait (#shareOf),
 * and waiting callers served round-robin, so that one caller's burst cannot starve the others. A call that cannot be queued, or that
 * could not start before its deadline, fails at once with LMS_OVERLOADED (retryable) and is never sent; a
 * queued call whose request is abandoned (its signal aborts) leaves the queue without being sent.
 */
export interface AdmissionOptions {
  /** @default 8 */
  readonly maxInFlight?: number;
  /** @default 256 */
  readonly maxQueued?: number;
  /** @default 64 */
  readonly maxQueuedPerCaller?: number;
  readonly now?: () => number;
}

export interface AdmissionTicket {
  /** Fair-sharing key; calls outside any request (CLI, kit runs) have none and only the global bound. */
  readonly caller?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Epoch ms: a call that cannot start by then is refused. */
  readonly deadline?: number | undefined;
}

interface Waiter {
  readonly caller: string;
  readonly start: () => void;
  readonly refuse: (error: Error) => void;
}

export interface AdmissionStats {
  readonly inFlight: number;
  readonly queued: number;
}

export class Admission {
  readonly #maxInFlight: number;
  readonly #maxQueued: number;
  readonly #maxPerCaller: number;
  readonly #now: () => number;
  #inFlight = 0;
  #queued = 0;
  /** Waiting calls per caller; Map order is the round-robin order (a served caller goes to the back). */
  readonly #queues = new Map<string, Waiter[]>();
  /** Smoothed duration of a call, to refuse at once what could not start before its deadline. */
  #averageMs = 0;

  constructor(options: AdmissionOptions = {}) {
    this.#maxInFlight = Math.max(1, options.maxInFlight ?? 8);
    this.#maxQueued = Math.max(0, options.maxQueued ?? 256);
    this.#maxPerCaller = Math.max(0, options.maxQueuedPerCaller ?? 64);
    this.#now = options.now ?? Date.now;
  }

  stats(): AdmissionStats {
    return { inFlight: this.#inFlight, queued: this.#queued };
  }

  async run<T>(task: () => Promise<T>, ticket: AdmissionTicket = {}): Promise<T> {
    await this.#admit(ticket);
    const started = this.#now();
    try {
      return await task();
    } finally {
      const took = this.#now() - started;
      this.#averageMs = this.#averageMs === 0 ? took : this.#averageMs * 0.8 + took * 0.2;
      this.#inFlight--;
      this.#next();
    }
  }

  #admit(ticket: AdmissionTicket): Promise<void> {
    const { signal, deadline } = ticket;
    const caller = ticket.caller ?? '';
    if (signal?.aborted) return Promise.reject(cancelled());
    if (deadline !== undefined && this.#now() >= deadline) return Promise.reject(overloaded('deadline'));
    if (this.#inFlight < this.#maxInFlight && this.#queued === 0) {
      this.#inFlight++;
      return Promise.resolve();
    }
    const mine = this.#queues.get(caller);
    if (this.#queued >= this.#maxQueued) return Promise.reject(overloaded('queue'));
    if (caller !== '' && (mine?.length ?? 0) >= this.#shareOf(mine?.length ?? 0)) {
      return Promise.reject(overloaded('caller'));
    }
    // Ahead of this call: everything queued; each round of `maxInFlight` calls takes about `averageMs`.
    if (deadline !== undefined && this.#averageMs > 0) {
      const expectedStart = this.#now() + Math.floor(this.#queued / this.#maxInFlight) * this.#averageMs;
      if (expectedStart >= deadline) return Promise.reject(overloaded('deadline'));
    }
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const leave = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        caller,
        start: () => {
          leave();
          resolve();
        },
        refuse: (error) => {
          leave();
          reject(error);
        },
      };
      const drop = (error: Error) => {
        if (this.#remove(waiter)) waiter.refuse(error);
      };
      const onAbort = () => drop(cancelled());
      signal?.addEventListener('abort', onAbort, { once: true });
      if (deadline !== undefined) {
        timer = setTimeout(() => drop(overloaded('deadline')), Math.max(0, deadline - this.#now()));
        timer.unref?.();
      }
      const queue = mine ?? [];
      if (!mine) this.#queues.set(caller, queue);
      queue.push(waiter);
      this.#queued++;
    });
  }

  /**
   * How many calls one caller may have waiting. While others wait too, its fair share; alone, the whole
   * queue but one share, kept free for whoever comes next. A lone burst (a portal's 200 concurrent page
   * loads) is then queued and served within its deadline, not refused while the LMS has room, and a
   * newcomer still finds a place and is served in the next round.
   */
  #shareOf(mine: number): number {
    const othersWaiting = this.#queued - mine > 0;
    return othersWaiting ? this.#maxPerCaller : Math.max(this.#maxPerCaller, this.#maxQueued - this.#maxPerCaller);
  }

  #remove(waiter: Waiter): boolean {
    const queue = this.#queues.get(waiter.caller);
    const index = queue?.indexOf(waiter) ?? -1;
    if (!queue || index < 0) return false;
    queue.splice(index, 1);
    if (queue.length === 0) this.#queues.delete(waiter.caller);
    this.#queued--;
    return true;
  }

  #next(): void {
    while (this.#inFlight < this.#maxInFlight && this.#queued > 0) {
      const [caller, queue] = this.#queues.entries().next().value as [string, Waiter[]];
      const waiter = queue.shift() as Waiter;
      this.#queues.delete(caller);
      if (queue.length > 0) this.#queues.set(caller, queue); // to the back of the round
      this.#queued--;
      this.#inFlight++;
      waiter.start();
    }
  }
}

const REASONS = {
  queue: 'Too many calls are waiting for this LMS; try again shortly.',
  caller: 'This caller already has its share of calls waiting for this LMS; try again shortly.',
  deadline: 'The call to the LMS could not start before the request ran out of time; try again shortly.',
} as const;

export function overloaded(reason: keyof typeof REASONS): LmsError {
  return new LmsError('LMS_OVERLOADED', REASONS[reason]);
}

/** The request that wanted this call was abandoned (its client left or its time was spent): never sent. */
export class CallCancelled extends LmsError {
  constructor() {
    super('LMS_TIMEOUT', 'The request was abandoned or ran out of time before the LMS answered.');
    this.name = 'CallCancelled';
    // Our caller gave up: not the LMS's fault, nothing to retry, nothing for the circuit breaker.
    Object.defineProperty(this, 'retryable', { value: false });
  }
}

const cancelled = () => new CallCancelled();

/**
 * One request's own line in front of the shared admission: at most `width` of its calls are admitted (in
 * flight or queued) at once; the rest wait here, where they are bounded by the request's call budget and
 * leave when it is abandoned. Without it, a single request that legitimately fans out (a Moodle roster read
 * per course, hundreds of courses) would fill its caller's share of the shared queue by itself and be
 * refused LMS_OVERLOADED although no one else is waiting; with it, the shared queue's bounds apply to
 * concurrent requests, which is what they are for.
 */
export class RequestLane {
  #active = 0;
  readonly #line: { readonly start: () => void }[] = [];

  constructor(private readonly width: number) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#enter(signal);
    try {
      return await task();
    } finally {
      this.#active--;
      this.#line.shift()?.start();
    }
  }

  #enter(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelled());
    if (this.#active < this.width) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.#active++;
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.#line.indexOf(entry);
        if (index >= 0) this.#line.splice(index, 1);
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#line.push(entry);
    });
  }
}
