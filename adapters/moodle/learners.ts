import { normaliseEmail } from '../core/query.js';
import type { LearnerMatchQuery, LearnerRecord } from '../core/records.js';
import type { MoodleClient } from './client.js';
import { mapUser } from './mapper.js';

/** `\`, `%` and `_` taken literally by `sql_like(..., ESCAPE '\')` (lib/dml/*_native_moodle_database.php). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * One person's accounts: by ID number (the UN index number), else by e-mail.
 *
 * E-mail: Moodle stores addresses as typed, and `core_user_get_users_by_field` compares them exactly on
 * PostgreSQL (`email IN (...)`, user/externallib.php), so a lower-cased query misses `Amina.Diallo@UN.org`.
 * `core_user_get_users` with `criteria[email]` uses a case-insensitive LIKE on every database; its `%` and
 * `_` are wildcards, so the address is escaped, and each answer is confirmed to be that address. A user
 * whose e-mail the service user may not see is not returned by either function: it cannot be found by
 * e-mail.
 */
export async function findMoodleLearners(client: MoodleClient, match: LearnerMatchQuery): Promise<LearnerRecord[]> {
  if (match.indexNumber) {
    const index = match.indexNumber;
    const found = (await client.getUsersByField('idnumber', [index])).filter((u) => u.idnumber?.trim() === index);
    if (found.length > 0 || !match.email) return found.map(mapUser);
  }
  if (!match.email) return [];
  const wanted = normaliseEmail(match.email);
  const { users } = await client.getUsers([{ key: 'email', value: escapeLike(wanted) }]);
  return users.filter((u) => u.email !== undefined && normaliseEmail(u.email) === wanted).map(mapUser);
}
