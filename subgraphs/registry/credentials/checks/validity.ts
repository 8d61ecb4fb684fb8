import { type Detected, isOpenBadges2 } from '../input/detectFormat.js';
import { type CheckResult, notPassed, passed } from '../verdict.js';

/** XML Schema dateTimeStamp, as VCDM requires (a time zone is mandatory). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** OB 2.0 `issuedOn` / `expires` are ISO 8601 DateTimes that issuers often write without a zone. */
const OB2_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** Where each data model keeps its validity period. */
export function validityWindowOf(detected: Detected): {
  from: unknown;
  until: unknown;
  fromName: string;
  untilName: string;
} {
  const c = detected.credential;
  if (isOpenBadges2(detected))
    return { from: c.issuedOn, until: c.expires, fromName: 'issuedOn', untilName: 'expires' };
  if (detected.vcdm === '1.1') {
    return { from: c.issuanceDate, until: c.expirationDate, fromName: 'issuanceDate', untilName: 'expirationDate' };
  }
  // VC-JOSE: nbf/exp secure the same period; they were compared with validFrom/validUntil when present.
  const claims = detected.format === 'VC_JWT' ? detected.payload : {};
  const epoch = (value: unknown) => (typeof value === 'number' ? new Date(value * 1000).toISOString() : undefined);
  return {
    from: c.validFrom ?? epoch(claims.nbf),
    until: c.validUntil ?? epoch(claims.exp),
    fromName: 'validFrom',
    untilName: 'validUntil',
  };
}

/**
 * The credential is within its validity period at `now`, give or take `skewSeconds` (clocks of issuers
 * and verifiers differ; Digital Bazaar's vc library allows 300 s). VCDM 1.1 requires issuanceDate;
 * VCDM 2.0 makes validFrom optional.
 */
export function checkValidity(detected: Detected, now: Date, skewSeconds: number): CheckResult {
  const window = validityWindowOf(detected);
  const pattern = isOpenBadges2(detected) ? OB2_DATE_TIME : DATE_TIME;
  const parse = (value: unknown): number | null | 'bad' => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || !pattern.test(value)) return 'bad';
    const ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
    return Number.isNaN(ms) ? 'bad' : ms;
  };
  const from = parse(window.from);
  const until = parse(window.until);
  if (from === 'bad') return notPassed('DATES_MALFORMED', `${window.fromName} is not a valid date-time`);
  if (until === 'bad') return notPassed('DATES_MALFORMED', `${window.untilName} is not a valid date-time`);
  if (!isOpenBadges2(detected) && detected.vcdm === '1.1' && from === null) {
    return notPassed('DATES_MALFORMED', 'a VCDM 1.1 credential must have an issuanceDate');
  }
  if (from !== null && until !== null && until < from) {
    return notPassed('DATES_MALFORMED', `${window.untilName} is before ${window.fromName}`);
  }
  const skewMs = skewSeconds * 1000;
  if (from !== null && now.getTime() + skewMs < from) {
    return notPassed('NOT_YET_VALID', `not valid before ${new Date(from).toISOString()}`);
  }
  if (until !== null && now.getTime() - skewMs > until) {
    return notPassed('EXPIRED', `expired at ${new Date(until).toISOString()}`);
  }
  const since = from !== null ? `from ${new Date(from).toISOString()}` : 'from issuance';
  return passed(`valid ${since}${until !== null ? ` until ${new Date(until).toISOString()}` : ', without end'}`);
}
