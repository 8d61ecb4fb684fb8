import type { SimBadge, SimIssuedBadge } from '../dataset.js';
import type { SiteContext } from '../site.js';
import { type Handler, int, invalidUser } from './params.js';

/** The service user's own id: asking for "my" badges (userid 0) answers its own, none. */
const SERVICE_USER_ID = 2;

/** SDG alignment of a course badge, as an agency would fill the badge's "Alignments" (badges/alignment.php). */
function alignment(site: SiteContext, badge: SimBadge) {
  const course = badge.courseId ? site.index.courseById.get(badge.courseId) : undefined;
  return (course?.sdgs ?? []).slice(0, 1).map((n, i) => ({
    ...{ id: badge.id * 10 + i, badgeid: badge.id, targetName: `SDG ${n}` },
    ...{ targetUrl: `https://sdgs.un.org/goals/goal${n}`, targetDescription: `Sustainable Development Goal ${n}` },
    ...{ targetFramework: 'UN Sustainable Development Goals', targetCode: String(n) },
  }));
}

/**
 * One issued badge as `user_badge_exporter` shapes it for a service user who may configure badges
 * (badges/classes/external/user_badge_exporter.php, lib/badgeslib.php badges_prepare_badge_for_external):
 * `issuercontact` is "" when the badge names no contact, `issuerurl` is the site root with its `/`.
 */
function badgeDto(site: SiteContext, i: SimIssuedBadge) {
  const b = site.index.badgeById.get(i.badgeId) as SimBadge;
  return {
    ...{ id: b.id, name: b.name, description: `Awarded for ${b.name}`, timecreated: 1_672_531_200 },
    ...{ timemodified: 1_672_531_200, usercreated: 2, usermodified: 2, issuername: site.data.siteName },
    ...{ issuerurl: `${site.siteUrl}/`, issuercontact: '', expiredate: null, expireperiod: b.expireperiod },
    ...{ type: b.courseId ? 2 : 1, courseid: b.courseId, message: `<p>Congratulations! You earned ${b.name}.</p>` },
    ...{ messagesubject: 'Congratulations! You earned a badge!', attachment: 1, notification: 1, nextcron: null },
    ...{ status: 3, issuedid: i.issuedid, uniquehash: i.uniquehash, dateissued: i.dateissued },
    ...{ dateexpire: i.dateexpire, visible: i.visible, email: 'learning@agency.org', version: '1.0' },
    ...{ language: 'en', imageauthorname: '', imageauthoremail: '', imageauthorurl: '', imagecaption: '' },
    badgeurl: `${site.siteUrl}/webservice/pluginfile.php/1/badges/badgeimage/${b.id}/f3`,
    alignment: alignment(site, b),
    relatedbadges: [],
  };
}

/**
 * `core_badges_get_user_badges`: another user's badges are only their public ones (`onlypublic` is forced,
 * badges/classes/external.php); unknown user: invaliduser (§1.4a).
 */
export const getUserBadges: Handler = (params, site) => {
  const userId = int(params, 'userid', 0) || SERVICE_USER_ID;
  if (userId === SERVICE_USER_ID) return { badges: [], warnings: [] };
  if (!site.index.userById.has(userId)) throw invalidUser();
  const courseId = int(params, 'courseid', 0);
  const badges = (site.index.issuedByUser.get(userId) ?? [])
    .filter((i) => i.visible === 1)
    .filter((i) => courseId === 0 || site.index.badgeById.get(i.badgeId)?.courseId === courseId)
    .sort((a, b) => b.dateissued - a.dateissued)
    .map((i) => badgeDto(site, i));
  return { badges, warnings: [] };
};
