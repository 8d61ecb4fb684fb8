import { LmsError } from '../core/errors.js';
import type { MoodleClient } from './client.js';
import type { MoodleCourseDto, MoodleReportDto } from './dto.js';
import type { CourseMembership } from './roster.js';
import { decodeEntities } from './text.js';

/** Rows per `core_reportbuilder_retrieve_report` page. */
const REPORT_PAGE = 5000;

const SOURCES = {
  completions: 'core_course\\reportbuilder\\datasource\\participants',
  badges: 'core_badges\\reportbuilder\\datasource\\badges',
} as const;

/**
 * Every row of a custom report (reportbuilder/classes/external/reports/retrieve.php): the first page says
 * how many rows there are, the others are then asked for together. Cells are formatted text
 * (`format_string`, so `&` comes as `&amp;`). The report must be the one the README describes: its data
 * source and its two columns are checked on every page, since a wrong id would count nonsense.
 */
async function readReport(client: MoodleClient, reportId: number, kind: keyof typeof SOURCES): Promise<string[][]> {
  const page = async (n: number) => {
    const answer: MoodleReportDto = await client.retrieveReport(reportId, n, REPORT_PAGE);
    if (answer.details?.source !== SOURCES[kind] || answer.data?.headers?.length !== 2) {
      throw new LmsError(
        'LMS_BAD_RESPONSE',
        `Moodle custom report ${reportId} is not the ${kind} report Convergence expects (see the README, Moodle section).`,
      );
    }
    return answer.data;
  };
  const first = await page(0);
  const pages = Math.ceil(first.totalrowcount / REPORT_PAGE);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 1)));
  return [first, ...rest].flatMap((data) =>
    data.rows.map((row) => row.columns.map((cell) => decodeEntities(String(cell ?? '')).trim())),
  );
}

const byShortname = (scope: ReadonlyMap<number, MoodleCourseDto>) =>
  new Map([...scope.values()].map((c) => [c.shortname, c.id] as const));

/**
 * The completions report: source "Course participants", conditions "Enrolment status is Active" and
 * "Course completion: Completed is Yes", columns "Course short name" and "Username". One row per
 * completed active enrolment; usernames are matched to the course roster, which then carries them.
 */
export async function readCompletions(
  client: MoodleClient,
  reportId: number,
  memberships: readonly CourseMembership[],
  scope: ReadonlyMap<number, MoodleCourseDto>,
): Promise<Map<number, Set<number>>> {
  const courseIds = byShortname(scope);
  const usersOf = new Map(
    memberships.map((m) => [m.courseId, new Map([...m.all.values()].map((e) => [e.username ?? '', e.userId]))]),
  );
  const completed = new Map(memberships.map((m) => [m.courseId, new Set<number>()]));
  for (const [shortname = '', username = ''] of await readReport(client, reportId, 'completions')) {
    const courseId = courseIds.get(shortname);
    const userId = courseId === undefined ? undefined : usersOf.get(courseId)?.get(username);
    if (courseId !== undefined && userId !== undefined) completed.get(courseId)?.add(userId);
  }
  return completed;
}

/**
 * The badges report: source "Badges", condition "Badge issued: Visible is Yes", columns "Course short name"
 * and "Date issued" aggregated by Count. Public course badges of the courses in scope.
 */
export async function readBadgeCounts(
  client: MoodleClient,
  reportId: number,
  scope: ReadonlyMap<number, MoodleCourseDto>,
): Promise<number> {
  const courseIds = byShortname(scope);
  let total = 0;
  for (const [shortname = '', count = ''] of await readReport(client, reportId, 'badges')) {
    // Aggregated counts may come formatted ("1,234"); digits only.
    if (courseIds.has(shortname)) total += Number(count.replace(/\D/g, '')) || 0;
  }
  return total;
}
