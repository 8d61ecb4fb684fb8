/**
 * CSOD's per-URI throttling (lms-apis.md §2.3): an hourly limit per URI and a per-minute share of
 * hourly / 60 in fixed windows; going over the share throttles the rest of the window, and 429 answers
 * count too. Tests shrink `windowMs` (a "minute") to keep runs fast.
 */
export interface CornerstoneSimulatorLimits {
  /** Length of the per-minute window. @default 60000 */
  readonly windowMs?: number;
  /** Per-window limits by URI key (the path with ids replaced, lower case). */
  readonly perWindow?: Readonly<Record<string, number>>;
  /** For URIs without a documented limit. @default 60 */
  readonly defaultPerWindow?: number;
}

/** Documented per-minute limits (§2.3); undocumented URIs ([I]) use the default. */
const DOCUMENTED: Readonly<Record<string, number>> = {
  '/services/api/x/users/v2/employees': 75,
  '/services/api/x/users/v2/employees/{id}': 150,
  '/services/api/x/odata/api/views/vw_rpt_transcript': 940,
  '/services/api/x/odata/api/views/vw_rpt_training': 420,
  '/services/api/x/odata/api/views/vw_rpt_user': 400,
  '/services/api/x/odata/api/views/vw_rpt_user_certification': 400,
  // Transcript API limits "exist, numbers not found" [I]: the transcript view's 940/min is assumed.
  '/services/api/v1/transcripts/overview': 940,
};

export function uriKey(pathname: string): string {
  return pathname
    .split('/')
    .map((part) =>
      /^\d+$/.test(part) ? '{id}' : /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(part) ? '{guid}' : part,
    )
    .join('/')
    .toLowerCase();
}

export interface RateVerdict {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
}

export function createRateCounter(limits: CornerstoneSimulatorLimits = {}, now: () => number = Date.now) {
  const windowMs = limits.windowMs ?? 60_000;
  const counts = new Map<string, Map<number, number>>();
  const limitOf = (key: string) => limits.perWindow?.[key] ?? DOCUMENTED[key] ?? limits.defaultPerWindow ?? 60;
  return {
    windowMs,
    /** Counts one request (429s included) and says whether it was within the window's share. */
    take(key: string): RateVerdict {
      const window = Math.floor(now() / windowMs);
      const perKey = counts.get(key) ?? new Map<number, number>();
      counts.set(key, perKey);
      const used = perKey.get(window) ?? 0;
      perKey.set(window, used + 1);
      let hourUsed = 0;
      for (const [w, n] of perKey) {
        if (w <= window - 60) perKey.delete(w);
        else hourUsed += n;
      }
      const hourly = limitOf(key) * 60;
      return {
        allowed: used < limitOf(key),
        headers: {
          'x-csod-throttling-rate-limit-urilevel': String(hourly),
          'x-csod-requests-remaining-urilevel': String(Math.max(0, hourly - hourUsed)),
        },
      };
    },
    reset: () => counts.clear(),
  };
}
