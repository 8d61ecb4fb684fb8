/** The measured query: the first catalogue page, as a portal's course list asks for it. */
export const CATALOGUE_PAGE = `query CataloguePage {
  courses(first: 20, orderBy: { field: TITLE, direction: ASC }) {
    totalCount
    edges { cursor node { id title agency { code } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
export const CATALOGUE_BODY = JSON.stringify({ query: CATALOGUE_PAGE, operationName: 'CataloguePage' });
const PAGE_SIZE = 20;

interface PageAnswer {
  data?: { courses?: { totalCount: number; edges: { node: { agency: { code: string } } }[] } };
  errors?: unknown[];
}

/**
 * One real request before measuring, since a bench of error responses would measure nothing: a full
 * page, no errors, the expected total, and only courses of the agencies asked.
 */
export async function checkCataloguePage(url: string, expectedTotal: number, codes: readonly string[]): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: CATALOGUE_BODY,
  });
  const answer = (await response.json()) as PageAnswer;
  const page = answer.data?.courses;
  const problem = answer.errors
    ? `errors ${JSON.stringify(answer.errors)}`
    : !page
      ? 'no data'
      : page.totalCount !== expectedTotal
        ? `totalCount ${page.totalCount}, expected ${expectedTotal}`
        : page.edges.length !== PAGE_SIZE
          ? `${page.edges.length} edges`
          : page.edges.some((e) => !codes.includes(e.node.agency.code))
            ? 'a course from an agency not asked'
            : undefined;
  if (problem) throw new Error(`Catalogue page from ${url} is wrong: ${problem}.`);
}
