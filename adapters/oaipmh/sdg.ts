/**
 * Subjects that name a Sustainable Development Goal, as OER repositories write them: the UN's SDG
 * metadata IRIs (`http://metadata.un.org/sdg/4`, targets `…/sdg/4.1` and indicators `…/sdg/4.1.1` count
 * for their goal — the UN SDG linked-data vocabulary, metadata.un.org/sdg), "SDG 4", "Goal 4: Quality
 * education", "Sustainable Development Goal 4", and the same in the other UN languages ("ODD 4",
 * "Objectif 4 : …", "ODS 4", "ЦУР 4", "可持续发展目标4", "هدف التنمية المستدامة 4"). A goal name alone
 * ("Quality education") is a plain topic: names are too generic to tell an SDG subject from a theme.
 *
 * These are regular expressions over one short subject string, not over XML.
 */
const PATTERNS: readonly RegExp[] = [
  /^https?:\/\/metadata\.un\.org\/sdg\/(\d{1,2})(?:[./?#]|$)/,
  /^(?:un\s+)?sdgs?\s*[-#:.]?\s*(\d{1,2})(?!\d)/,
  /^(?:sustainable\s+development|global)\s+goal\s*[-#:]?\s*(\d{1,2})(?!\d)/,
  // "Goal 4: Quality education" and its translations: a numbered goal at the start of a subject.
  /^(?:goal|objectif|objetivo|цель)\s*[-#n°º№]*\s*(\d{1,2})(?!\d)/,
  /^(?:ال)?هدف\s*(\d{1,2})(?!\d)/,
  /^目标\s*(\d{1,2})(?!\d)/,
  /^(?:odd|ods|objectif\s+de\s+développement\s+durable|objetivo\s+de\s+desarrollo\s+sostenible)\s*[-#:n°º.]*\s*(\d{1,2})(?!\d)/,
  /^(?:цур|цель\s+устойчивого\s+развития)\s*[-#:№.]*\s*(\d{1,2})(?!\d)/,
  /^可持续发展目标\s*(\d{1,2})(?!\d)/,
  /^(?:ال)?هدف\s+التنمية\s+المستدامة\s*(\d{1,2})(?!\d)/,
];

/** Eastern Arabic and Persian digits as ASCII, full-width forms folded by NFKC. */
function normalise(subject: string): string {
  return subject
    .normalize('NFKC')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .trim()
    .toLowerCase();
}

/** The goal (1–17) a subject names, or null when it names none. */
export function sdgOfSubject(subject: string): number | null {
  const text = normalise(subject);
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (!match?.[1]) continue;
    const goal = Number(match[1]);
    return goal >= 1 && goal <= 17 ? goal : null;
  }
  return null;
}

/** Splits subjects into SDG numbers (sorted, unique) and the remaining topics. */
export function splitSubjects(subjects: readonly string[]): { sdgs: number[]; topics: string[] } {
  const sdgs = new Set<number>();
  const topics: string[] = [];
  for (const subject of subjects) {
    const goal = sdgOfSubject(subject);
    if (goal !== null) sdgs.add(goal);
    else if (subject.trim() && !topics.includes(subject.trim())) topics.push(subject.trim());
  }
  return { sdgs: [...sdgs].sort((a, b) => a - b), topics };
}
