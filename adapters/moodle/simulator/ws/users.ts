import type { SimUser } from '../dataset.js';
import type { SiteContext } from '../site.js';
import { type Handler, invalidParameter, list, SimException } from './params.js';

/**
 * `user_get_user_details` for the service user, in `user_description()` order (user/externallib.php).
 * A hidden e-mail is left out, and with it the user from any search by e-mail, since both search
 * functions drop users whose searched field came back empty.
 */
export function userDto(site: SiteContext, u: SimUser) {
  return {
    ...{ id: u.id, username: u.username, firstname: u.firstname, lastname: u.lastname },
    ...{ fullname: `${u.firstname} ${u.lastname}`, ...(u.emailHidden ? {} : { email: u.email }) },
    ...{ department: '', idnumber: u.idnumber, firstaccess: u.lastaccess - 86_400, lastaccess: u.lastaccess },
    ...{ auth: 'oauth2', suspended: false, confirmed: true, lang: 'en', theme: '', timezone: '99', mailformat: 1 },
    ...{ description: '', descriptionformat: 1, country: '' },
    ...{ profileimageurlsmall: `${site.siteUrl}/theme/image.php/boost/core/1/u/f2` },
    ...{ profileimageurl: `${site.siteUrl}/theme/image.php/boost/core/1/u/f1` },
  };
}

type Field = 'id' | 'idnumber' | 'username' | 'email';

/**
 * `field IN (...)` as the site's database compares it: PostgreSQL exactly, MySQL's default
 * `utf8mb4_unicode_ci` ignoring case. Only e-mail and ID number are affected: usernames are stored
 * lower-case and ids are numbers.
 */
function equalsInDb(site: SiteContext, stored: string, wanted: string): boolean {
  return site.options.emailMatching === 'mysql' ? stored.toLowerCase() === wanted.toLowerCase() : stored === wanted;
}

/**
 * `sql_like($field, :value, false)`: case-insensitive LIKE with `\` as the escape character; `%` matches
 * any run of characters and `_` any one (lib/dml/pgsql_native_moodle_database.php `ILIKE ... ESCAPE '\'`,
 * mysqli `LOWER(f) LIKE LOWER(:v) COLLATE utf8mb4_bin ESCAPE '\'`).
 */
export function likeInsensitive(stored: string, pattern: string): boolean {
  let regex = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) {
      i += 1;
      regex += (pattern[i] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (ch === '%') regex += '[\\s\\S]*';
    else if (ch === '_') regex += '[\\s\\S]';
    else regex += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${regex}$`, 'i').test(stored);
}

const fieldOf = (u: SimUser, field: Field): string => String(u[field]);
/** The searched field must come back non-empty, else the user is dropped (`!empty($userdetails[$field])`). */
const answered = (u: SimUser, field: string) =>
  field === 'email' ? !u.emailHidden && u.email !== '' : field === 'idnumber' ? u.idnumber !== '' : true;

/** Unknown values are simply absent (§1.3.4); a value with surrounding spaces is refused (PARAM_RAW_TRIMMED). */
export const getUsersByField: Handler = (params, site) => {
  const field = String(params.field ?? '');
  if (!['id', 'idnumber', 'username', 'email'].includes(field)) {
    throw new SimException(
      'coding_exception',
      'codingerror',
      'Coding error detected, it must be fixed by a programmer',
    );
  }
  const values = list(params.values).map(String);
  if (field === 'email' && values.some((v) => v !== v.trim())) throw invalidParameter();
  return site.data.users
    .filter((u) => values.some((v) => equalsInDb(site, fieldOf(u, field as Field), v)))
    .filter((u) => answered(u, field))
    .map((u) => userDto(site, u));
};

/**
 * `core_user_get_users`: criteria ANDed; `email`, `firstname` and `lastname` with case-insensitive LIKE,
 * the others with `=`; unknown keys become warnings; a key given twice is an error.
 */
export const getUsers: Handler = (params, site) => {
  const criteria = list(params.criteria) as { key?: unknown; value?: unknown }[];
  const warnings: { item: string; warningcode: string; message: string }[] = [];
  const tests: ((u: SimUser) => boolean)[] = [];
  const keys: string[] = [];
  for (const criterion of criteria) {
    const key = String(criterion?.key ?? '');
    const value = String(criterion?.value ?? '').trim();
    if (keys.includes(key)) throw new SimException('moodle_exception', 'keyalreadyset', 'error/keyalreadyset');
    keys.push(key);
    if (key === 'email') tests.push((u) => likeInsensitive(u.email, value));
    else if (key === 'firstname' || key === 'lastname') tests.push((u) => likeInsensitive(u[key], value));
    else if (key === 'id') tests.push((u) => String(u.id) === value);
    else if (key === 'idnumber' || key === 'username') tests.push((u) => equalsInDb(site, u[key], value));
    else {
      const message = `The search key '${key}' is not supported, look at the web service documentation`;
      warnings.push({ item: key, warningcode: 'invalidfieldparameter', message });
      keys.pop();
    }
  }
  const users = site.data.users
    .filter((u) => tests.every((test) => test(u)))
    .filter((u) => keys.every((key) => answered(u, key)))
    .map((u) => userDto(site, u));
  return { users, warnings };
};
