import { createHash } from 'node:crypto';
import type { SimulatorResponse } from '../../core/simulator.js';
import type { MoodleDataset } from './dataset.js';

/**
 * Moodle's public Open Badges 2.0 documents for issued badges (hosted verification, lms-apis.md §1.3.5:
 * "a verifiable assertion can be fetched via the public URL /badges/assertion.php?b={uniquehash}" [K]):
 * the Assertion at `badges/assertion.php?b=<hash>&obversion=2`, its BadgeClass at
 * `badges/badge_json.php?id=<badge id>` and the issuer Profile at `badges/issuer_json.php?id=<badge id>`
 * (Moodle 3.6+ layout, [K]; the exact fields are [I], after ob_v2p0). No token: these are public.
 */
export const ASSERTION_PATH = '/badges/assertion.php';
const BADGE_PATH = '/badges/badge_json.php';
const ISSUER_PATH = '/badges/issuer_json.php';
export const OPEN_BADGES_PATHS: readonly string[] = [ASSERTION_PATH, BADGE_PATH, ISSUER_PATH];

const CONTEXT = 'https://w3id.org/openbadges/v2';
const json = (body: unknown): SimulatorResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
});
const notFound = (): SimulatorResponse => ({
  status: 404,
  headers: { 'content-type': 'text/html' },
  body: '<html>Not found</html>',
});
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The URL of an issued badge's hosted assertion, as the adapter reports it (`Credential.assertion`). */
export const assertionUrl = (siteUrl: string, uniquehash: string) =>
  `${siteUrl}${ASSERTION_PATH}?b=${encodeURIComponent(uniquehash)}&obversion=2`;

export function openBadgesDocument(data: MoodleDataset, siteUrl: string, url: URL): SimulatorResponse {
  const badgeUrl = (id: number) => `${siteUrl}${BADGE_PATH}?id=${id}`;
  const issuerUrl = (id: number) => `${siteUrl}${ISSUER_PATH}?id=${id}`;
  if (url.pathname === ASSERTION_PATH) {
    const hash = url.searchParams.get('b');
    const issued = data.issued.find((i) => i.uniquehash === hash);
    const user = issued && data.users.find((u) => u.id === issued.userId);
    if (!issued || !user) return notFound();
    // Moodle hashes the recipient's e-mail with a salt (ob_v2p0 §IdentityObject).
    const salt = createHash('sha1').update(`salt:${issued.uniquehash}`).digest('hex').slice(0, 16);
    const identity = `sha256$${createHash('sha256')
      .update(user.email.toLowerCase() + salt)
      .digest('hex')}`;
    return json({
      '@context': CONTEXT,
      type: 'Assertion',
      id: assertionUrl(siteUrl, issued.uniquehash),
      recipient: { type: 'email', hashed: true, salt, identity },
      badge: badgeUrl(issued.badgeId),
      verification: { type: 'hosted' },
      issuedOn: iso(issued.dateissued),
      ...(issued.dateexpire ? { expires: iso(issued.dateexpire) } : {}),
    });
  }
  const id = Number(url.searchParams.get('id'));
  const badge = data.badges.find((b) => b.id === id);
  if (!badge) return notFound();
  if (url.pathname === BADGE_PATH) {
    return json({
      '@context': CONTEXT,
      type: 'BadgeClass',
      id: badgeUrl(badge.id),
      name: badge.name,
      description: `Awarded for ${badge.name}`,
      image: `${siteUrl}/webservice/pluginfile.php/1/badges/badgeimage/${badge.id}/f1`,
      criteria: { narrative: badge.courseId ? `Complete course ${badge.courseId}.` : 'Complete three courses.' },
      issuer: issuerUrl(badge.id),
    });
  }
  return json({ '@context': CONTEXT, type: 'Issuer', id: issuerUrl(badge.id), name: data.siteName, url: siteUrl });
}
