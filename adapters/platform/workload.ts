/**
 * Course length from the free text platforms publish: Coursera's `workload` ("4-6 hours/week",
 * "Approx. 13 hours to complete") and edX's `effort` ("3–5 hours per week", "5:00" as Studio's
 * hours:minutes). A range counts at its middle; "per week" multiplies by the number of weeks when it is
 * known (from the text, "6 weeks", or from the run's dates). Unreadable text gives null, never a guess.
 */
const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const RANGE = new RegExp(String.raw`${NUMBER}\s*(?:-|–|—|to|à|a)\s*${NUMBER}`, 'i');
const CLOCK = /^\s*(\d{1,3}):([0-5]\d)\s*$/;
const HOURS = /\b(?:h|hr|hrs|hours?|heures?|horas?)\b/i;
const MINUTES = /\b(?:min|mins|minutes?|minutos?)\b/i;
const PER_WEEK = /(?:\/|\bper\b|\bpar\b|\ba la\b|\bpor\b|\ba\b)\s*(?:week|wk|semaine|semana)|\bweekly\b|\bhebdo/i;
const WEEKS = new RegExp(String.raw`${NUMBER}\s*(?:weeks?|semaines?|semanas?)\b`, 'i');

const num = (text: string) => Number(text.replace(',', '.'));

/** The amount of time the text names, in minutes (a range at its middle), or null. */
function amount(text: string): number | null {
  const clock = CLOCK.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const withoutWeeks = text.replace(WEEKS, ' ');
  const range = RANGE.exec(withoutWeeks);
  const single = new RegExp(NUMBER).exec(withoutWeeks);
  const value = range ? (num(range[1]!) + num(range[2]!)) / 2 : single ? num(single[1]!) : null;
  if (value === null || !Number.isFinite(value) || value <= 0) return null;
  if (HOURS.test(withoutWeeks)) return value * 60;
  if (MINUTES.test(withoutWeeks)) return value;
  return null;
}

export function workloadMinutes(text: string | null | undefined, weeksFromDates: number | null = null): number | null {
  if (!text?.trim()) return null;
  const minutes = amount(text);
  if (minutes === null) return null;
  const weekly = PER_WEEK.test(text);
  if (!weekly) return Math.round(minutes);
  const weeksInText = WEEKS.exec(text);
  const weeks = weeksInText ? num(weeksInText[1]!) : weeksFromDates;
  return weeks && weeks > 0 ? Math.round(minutes * weeks) : null;
}

/** Whole weeks between two ISO dates, or null. */
export function weeksBetween(start: string | null | undefined, end: string | null | undefined): number | null {
  const from = start ? Date.parse(start) : Number.NaN;
  const to = end ? Date.parse(end) : Number.NaN;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return null;
  return Math.max(1, Math.round((to - from) / (7 * 86_400_000)));
}
