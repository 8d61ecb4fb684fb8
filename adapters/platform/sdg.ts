/**
 * Sustainable Development Goals a course names. Platform catalogues have no SDG field (Coursera's domains,
 * edX's organisations and LinkedIn's classifications are subject trees), so goals come from explicit
 * mentions in the title, description or classification names: "SDG 13", "SDGs 5 and 10", "Goal 4",
 * "Sustainable Development Goal 6", "ODD 13" / "ODS 13" (French, Spanish). A theme without a goal number
 * ("climate") is not a goal: guessing would make the SDG filter lie.
 */
const MENTION =
  /\b(?:SDGs?|ODDs?|ODSs?|Sustainable\s+Development\s+Goals?|Objectifs?\s+de\s+d[ée]veloppement\s+durable|Objetivos?\s+de\s+Desarrollo\s+Sostenible|Goals?)\s*((?:\d{1,2}(?:\s*(?:,|and|et|y|&)\s*)?)+)/gi;

export function sdgsMentioned(texts: readonly (string | null | undefined)[]): number[] {
  const goals = new Set<number>();
  for (const text of texts) {
    for (const match of (text ?? '').matchAll(MENTION)) {
      for (const number of match[1]?.match(/\d{1,2}/g) ?? []) {
        const goal = Number(number);
        if (goal >= 1 && goal <= 17) goals.add(goal);
      }
    }
  }
  return [...goals].sort((a, b) => a - b);
}
