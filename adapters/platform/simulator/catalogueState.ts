import { randomBytes } from 'node:crypto';
import { generateCatalogues, keyOf, type SimCatalogues, type SimElement, type SimPlatform } from './catalogueData.js';

/**
 * Faults a test can inject into the catalogue APIs, each for the next `times` matching page requests
 * (default 1). `continuation` faults apply to pages after the first (the middle of a walk).
 * - `insertMidWalk`: before answering, a new course appears at the front of the catalogue (everything
 *   shifts one place back: the element that ended the previous page is repeated).
 * - `removeMidWalk`: before answering, the first course disappears (everything shifts forward).
 * - `malformedElement`: one element of the page loses its title.
 * - `badPage`: the page is a JSON object that is not a page.
 * - `http`: the page is answered with this status (and Retry-After).
 */
export type CatalogueInjection =
  | { readonly kind: 'insertMidWalk'; readonly platform?: SimPlatform; readonly times?: number }
  | { readonly kind: 'removeMidWalk'; readonly platform?: SimPlatform; readonly times?: number }
  | { readonly kind: 'malformedElement'; readonly platform?: SimPlatform; readonly times?: number }
  | { readonly kind: 'badPage'; readonly platform?: SimPlatform; readonly times?: number }
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly retryAfterSeconds?: number;
      readonly platform?: SimPlatform;
      readonly continuation?: boolean;
      readonly times?: number;
    };

export interface CatalogueSimulatorOptions {
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** @default 1 */
  readonly seed?: number;
  /**
   * Open edX throttles its course list per client (credentials-and-platforms.md §2.2: about 20 requests a
   * minute): beyond `requests` in `windowMs` it answers 429 with Retry-After. @default 20 per 60000 ms
   */
  readonly edxThrottle?: { readonly requests: number; readonly windowMs: number };
  /** The simulator's clock (epoch ms). @default Date.now */
  readonly now?: () => number;
}

/** The OAuth client every simulated platform accepts (a test fixture, never a real secret). */
export const PLATFORM_SANDBOX_CREDENTIALS = {
  clientId: 'convergence-catalogue',
  clientSecret: 'platform-catalogue-sandbox-0001',
} as const;

const LINKEDIN_TOKEN_SECONDS = 7_775_999;
const EDX_TOKEN_SECONDS = 3_600;

type Pending = CatalogueInjection & { remaining: number };

/** The simulated platforms' catalogues, issued tokens, throttle windows and pending faults. */
export class CatalogueState {
  catalogues: SimCatalogues;
  readonly #tokens = new Map<string, number>();
  readonly #throttle = new Map<string, number[]>();
  #injections: Pending[] = [];
  #added = 0;
  readonly now: () => number;

  constructor(readonly options: CatalogueSimulatorOptions = {}) {
    this.catalogues = generateCatalogues(options.seed ?? 1);
    this.now = options.now ?? Date.now;
  }

  list(platform: SimPlatform): SimElement[] {
    return this.catalogues[platform];
  }

  /** Adds a course (at `at`, default the end) or replaces the one with the same key in place. */
  upsert(platform: SimPlatform, element: SimElement, at?: number): void {
    const list = this.list(platform);
    const index = list.findIndex((e) => keyOf(platform, e) === keyOf(platform, element));
    if (index >= 0) list[index] = element;
    else list.splice(at ?? list.length, 0, element);
  }

  remove(platform: SimPlatform, key: string): boolean {
    const list = this.list(platform);
    const index = list.findIndex((e) => keyOf(platform, e) === key);
    if (index >= 0) list.splice(index, 1);
    return index >= 0;
  }

  inject(injection: CatalogueInjection): void {
    this.#injections.push({ ...injection, remaining: injection.times ?? 1 });
  }

  /** The faults that apply to this page request, consumed. */
  take(platform: SimPlatform, continuation: boolean): CatalogueInjection[] {
    const taken: CatalogueInjection[] = [];
    for (const pending of this.#injections) {
      if (pending.platform && pending.platform !== platform) continue;
      const middleOnly =
        pending.kind === 'insertMidWalk' ||
        pending.kind === 'removeMidWalk' ||
        (pending.kind === 'http' && pending.continuation === true);
      if (middleOnly && !continuation) continue;
      pending.remaining -= 1;
      taken.push(pending);
    }
    this.#injections = this.#injections.filter((p) => p.remaining > 0);
    return taken;
  }

  /** A new course for `insertMidWalk`, shaped like the platform's others. */
  freshElement(platform: SimPlatform): SimElement {
    this.#added += 1;
    const template = structuredClone(this.list(platform)[0] ?? {}) as SimElement;
    const n = this.#added;
    if (platform === 'linkedin-learning') {
      const title = { ...(template.title as Record<string, unknown>), value: `Inserted course ${n}` };
      return { ...template, urn: `urn:li:lyndaCourse:${9_000_000 + n}`, title };
    }
    if (platform === 'edx') {
      const id = `course-v1:UNx+NEW${n}+2025_T1`;
      return { ...template, id, course_id: id, name: `Inserted course ${n}`, number: `NEW${n}` };
    }
    return { ...template, id: `inserted-${n}`, slug: `inserted-course-${n}`, name: `Inserted course ${n}` };
  }

  issueToken(seconds: number): { access_token: string; expires_in: number } {
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, this.now() + seconds * 1000);
    return { access_token: token, expires_in: seconds };
  }

  linkedInToken = () => this.issueToken(LINKEDIN_TOKEN_SECONDS);
  edxToken = () => ({ ...this.issueToken(EDX_TOKEN_SECONDS), token_type: 'JWT', scope: 'read' });

  tokenValid(token: string): boolean {
    const expires = this.#tokens.get(token);
    return expires !== undefined && expires > this.now();
  }

  /** Seconds until `client` may call the throttled edX list again, or 0 when it may now. */
  throttled(client: string): number {
    const { requests, windowMs } = this.options.edxThrottle ?? { requests: 20, windowMs: 60_000 };
    const now = this.now();
    const recent = (this.#throttle.get(client) ?? []).filter((t) => t > now - windowMs);
    if (recent.length >= requests) {
      this.#throttle.set(client, recent);
      return Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
    }
    recent.push(now);
    this.#throttle.set(client, recent);
    return 0;
  }

  reset(): void {
    this.catalogues = generateCatalogues(this.options.seed ?? 1);
    this.#injections = [];
    this.#throttle.clear();
    this.#added = 0;
  }
}
