/**
 * What every simulator's seeded dataset shares: a deterministic PRNG (never Math.random, so a seed always
 * gives the same data) and the people who have an account in every simulated agency, so that
 * cross-agency queries (one person's transcript) find them. Each simulator spells their fields the way
 * its LMS does.
 */

/** mulberry32: small, fast and deterministic. Returns numbers in [0, 1). */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const SANDBOX_PEOPLE = [
  { firstName: 'Amina', lastName: 'Diallo', email: 'amina.diallo@un.org', indexNumber: 'UN-100001' },
  { firstName: 'Kenji', lastName: 'Sato', email: 'kenji.sato@un.org', indexNumber: 'UN-100002' },
  { firstName: 'Lucia', lastName: 'Fernandez', email: 'lucia.fernandez@un.org', indexNumber: 'UN-100003' },
] as const;
