import { createHmac } from 'node:crypto';

/**
 * The only trace of a learner in the store: an HMAC of agency and LMS account id under a secret the
 * store's operator keeps (config `learnerKeySecret`). Stable across harvests (distinct learners count the
 * same every time), meaningless without the secret, and one-way: the store holds no name, e-mail or index
 * number, so a leak of it names nobody.
 */
export function learnerKey(secret: string, agency: string, learnerLocalId: string): string {
  return createHmac('sha256', secret).update(`${agency}\u0000${learnerLocalId}`).digest('base64url').slice(0, 22);
}
