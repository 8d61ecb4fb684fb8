import { createHash } from 'node:crypto';
import type { SimBadge, SimCourse, SimEnrolment, SimIssuedBadge } from './dataset.js';
import { DAY, EPOCH_2023 } from './seedData.js';

type Rand = () => number;

/** The site badge and a badge for about a third of the courses, some with an expiry. */
export function makeBadges(rand: Rand, courses: readonly SimCourse[], englishTitles: Map<number, string>): SimBadge[] {
  const badges: SimBadge[] = [{ id: 1, name: 'Digital Learner', courseId: null, expireperiod: null }];
  for (const course of courses) {
    if (course.id === 2 || rand() < 0.35) {
      const title = englishTitles.get(course.id) ?? course.shortname;
      badges.push({
        id: badges.length + 1,
        name: `${title} Certified`,
        courseId: course.id,
        expireperiod: rand() < 0.4 ? 365 * DAY : null,
      });
    }
  }
  return badges;
}

export function issueBadges(
  rand: Rand,
  seed: number,
  badges: readonly SimBadge[],
  enrolments: readonly SimEnrolment[],
): SimIssuedBadge[] {
  const issued: SimIssuedBadge[] = [];
  const holders = new Set<number>();
  const byCourse = new Map(badges.flatMap((b) => (b.courseId ? [[b.courseId, b] as const] : [])));
  const issue = (badge: SimBadge, userId: number, when: number) => {
    const dateissued = when + 3_600;
    issued.push({
      badgeId: badge.id,
      userId,
      issuedid: issued.length + 1,
      uniquehash: createHash('sha1').update(`${seed}:${badge.id}:${userId}`).digest('hex'),
      dateissued,
      dateexpire: badge.expireperiod ? dateissued + badge.expireperiod : null,
      // Most learners keep their badges public; a few make a later one private.
      visible: !holders.has(userId) || rand() < 0.92 ? 1 : 0,
    });
    holders.add(userId);
  };
  const completions = new Map<number, number>();
  for (const e of enrolments) {
    if (!e.completed) continue;
    completions.set(e.userId, (completions.get(e.userId) ?? 0) + 1);
    const badge = byCourse.get(e.courseId);
    if (badge) issue(badge, e.userId, e.timecompleted || EPOCH_2023 + 400 * DAY);
  }
  const siteBadge = badges[0] as SimBadge;
  for (const [userId, count] of completions) if (count >= 3) issue(siteBadge, userId, EPOCH_2023 + 700 * DAY);
  return issued;
}
