import { performance } from 'node:perf_hooks';
import { createDidKeyIssuer, signDataIntegrity, signVcJwt } from '../../adapters/core/credentials/index.js';
import { startPlatformSimulator } from '../../adapters/platform/simulator/index.js';
import { createCredentialVerifier } from '../../subgraphs/registry/credentials/index.js';
import { openBadge } from '../unit/credentials/support/issuer.js';

/*
 * `npm run bench:credentials`: verification time per credential for each securing mechanism, measured side
 * by side in one run (loopback only, nothing asserted). Rows:
 * - did:key issuer, no status: the cost of the proof alone (RDF canonicalisation vs a JWS check);
 * - the platform simulator's credentials: did:web key and two status lists fetched over loopback, keys
 *   cached, status lists fetched every time (statusTtlMs 0), so each verification also verifies two lists.
 */
const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 200);

async function time(label: string, verify: () => Promise<{ status: string }>) {
  for (let i = 0; i < 20; i += 1) await verify(); // warm-up: JIT, caches
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = performance.now();
    const verdict = await verify();
    samples.push(performance.now() - start);
    if (verdict.status !== 'VERIFIED') throw new Error(`${label}: ${verdict.status}`);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { label, p50: at(0.5), p90: at(0.9) };
}

async function main() {
  const issuer = await createDidKeyIssuer();
  const local = createCredentialVerifier();
  const di = await signDataIntegrity(openBadge(issuer.controller), issuer);
  const jwt = await signVcJwt(openBadge(issuer.controller), issuer);

  const simulator = await startPlatformSimulator();
  const remote = createCredentialVerifier({ fetch: { allowHttp: true, allowPrivateNetwork: true }, statusTtlMs: 0 });
  const issue = async (format: string) => {
    const response = await fetch(`${simulator.url}/__sim/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        provider: 'coursera',
        achievementId: 'https://www.coursera.org/learn/climate-action-foundations',
        recipient: { email: 'amina.diallo@un.org' },
        format,
      }),
    });
    return ((await response.json()) as { credential: unknown }).credential;
  };
  const platformDi = await issue('data-integrity');
  const platformJwt = await issue('vc-jwt');

  const rows = [
    await time('Data Integrity eddsa-rdfc-2022, did:key', () => local.verify(di)),
    await time('VC-JWT EdDSA, did:key', () => local.verify(jwt)),
    await time('Data Integrity, platform (did:web + 2 status lists)', () => remote.verify(platformDi)),
    await time('VC-JWT, platform (did:web + 2 status lists)', () => remote.verify(platformJwt)),
  ];
  const base = rows[1]?.p50 ?? 1;
  process.stdout.write(`credential verification, ${ROUNDS} rounds each (ms per credential)\n`);
  for (const row of rows) {
    process.stdout.write(
      `${row.label.padEnd(52)} p50 ${row.p50.toFixed(2).padStart(7)}  p90 ${row.p90.toFixed(2).padStart(7)}  ×${(row.p50 / base).toFixed(1)} of VC-JWT did:key\n`,
    );
  }
  local.dispose();
  remote.dispose();
  await simulator.close();
}

await main();
