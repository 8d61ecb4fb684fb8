import type { AgencyEndpoint } from '../../gateway/directory.js';
import { TestIssuer } from '../support/testIssuer.js';
import { CATALOGUE_BODY, checkCataloguePage } from './catalogue.js';
import { type Host, startHost, usageDelta } from './child.js';
import type { GatewayHostConfig } from './gatewayHost.js';
import { interleave, type LoadSettings, leadIn, measureStretch, summarise } from './load.js';

export interface AuthRow {
  readonly caller: 'anonymous' | 'bearer token' | 'new token each';
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Gateway CPU (user + system) per request, in microseconds. */
  readonly gatewayCpuUsPerRequest: number;
}

/**
 * More tokens than the gateway remembers (10,000 verified tokens, oldest evicted first): sent in turn, every
 * request carries a token the gateway has not verified yet, so each one pays a signature check — the worst
 * case, many clients each arriving once.
 */
const FRESH_TOKENS = 12_000;

/**
 * The cost of knowing who is asking: the same catalogue page through one gateway, anonymously, with one
 * bearer JWT (RS256, from an issuer on loopback with discovery and JWKS; verified once, then remembered)
 * and with a token the gateway has never seen on every request, side by side in interleaved rounds. Gateway
 * CPU per request is the gateway process's CPU over the requests it answered.
 */
export async function measureAuth(agency: AgencyEndpoint, load: LoadSettings): Promise<AuthRow[]> {
  await using issuer = await TestIssuer.start();
  const claims = { roles: ['LEARNER'], email: 'amina.diallo@un.org', email_verified: true };
  const token = await issuer.sign(claims);
  const fresh: string[] = [];
  for (let i = 0; i < FRESH_TOKENS; i++) fresh.push(await issuer.sign({ ...claims, jti: `bench-${i}` }));
  let next = 0;
  const freshToken = () => ({ authorization: `Bearer ${fresh[next++ % fresh.length]}` });
  const config: GatewayHostConfig = {
    agencies: [agency],
    agencyTimeoutMs: 10_000,
    deadlineMs: 20_000,
    auth: { issuers: [{ issuer: issuer.url, audience: 'gateway' }], audit: { destination: '/dev/null' } },
  };
  const gateway: Host = await startHost('./gatewayHost.ts', config, {
    env: { NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: '1' },
  });
  try {
    const url = gateway.urls[0]!;
    await checkCataloguePage(url, 40, [agency.code]);
    const targets = [
      { caller: 'anonymous', url, headers: {} },
      { caller: 'bearer token', url, headers: { authorization: `Bearer ${token}` } },
      { caller: 'new token each', url, headers: freshToken },
    ] as const;
    const results = await interleave(targets, CATALOGUE_BODY, load, async (t) => {
      await leadIn(t.url, CATALOGUE_BODY, load, t.headers);
      const before = await gateway.usage();
      const sample = await measureStretch(t.url, CATALOGUE_BODY, load, t.headers);
      const after = await gateway.usage();
      return { sample, cpuMs: usageDelta(before, after).cpuMs };
    });
    return targets.map(({ caller }, i) => {
      const stretches = results[i]!;
      const summary = summarise(stretches.map((s) => s.sample));
      // A refused token (401) would be measured as a fast answer: a row with failures means nothing.
      if (summary.failures > 0) throw new Error(`${caller}: ${summary.failures} requests failed`);
      const cpuMs = stretches.reduce((sum, s) => sum + s.cpuMs, 0);
      return {
        caller,
        requests: summary.requests,
        rps: summary.rps,
        p50: summary.p50,
        p99: summary.p99,
        gatewayCpuUsPerRequest: (cpuMs * 1000) / Math.max(1, summary.requests),
      };
    });
  } finally {
    await gateway.stop();
  }
}

export function authTable(rows: readonly AuthRow[]): string {
  const base = rows.find((r) => r.caller === 'anonymous')?.gatewayCpuUsPerRequest ?? 1;
  const lines = rows.map(
    (r) =>
      `   ${r.caller.padEnd(14)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(5)} ms  ` +
      `p99 ${r.p99.toFixed(1).padStart(6)} ms  gateway CPU ${r.gatewayCpuUsPerRequest.toFixed(0).padStart(5)} µs/request ` +
      `(×${(r.gatewayCpuUsPerRequest / base).toFixed(3)})`,
  );
  return lines.join('\n');
}
