import { AGENCY_CODE_PATTERN } from '../../../schema/globalId.js';

/** Why an agency code cannot be registered, or an empty list. */
export function codeProblems(code: string): string[] {
  return AGENCY_CODE_PATTERN.test(code)
    ? []
    : [`agency code "${code}" is not a lowercase slug of 2–16 characters (letters, digits, "-"), e.g. "who"`];
}

/**
 * Why a subgraph URL cannot be registered, or an empty list: it must parse, use http or https, and carry no
 * credentials (they would end up in the registry, in logs and in every gateway's directory).
 */
export function urlProblems(raw: string): string[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [`subgraph URL "${redactUrl(raw)}" is not an absolute URL`];
  }
  const problems: string[] = [];
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`subgraph URL scheme "${url.protocol.replace(/:$/, '')}" is not allowed; use http or https`);
  }
  if (url.username || url.password) {
    problems.push('subgraph URL must not contain credentials (user:password@); the gateway does not send them');
  }
  if (url.hash) problems.push('subgraph URL must not have a #fragment');
  return problems;
}

/** The URL without user info, safe to print in a refusal. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
      return url.toString().replace('://', '://[credentials removed]@');
    }
    return url.toString();
  } catch {
    return raw.replace(/\/\/[^/@]*@/, '//[credentials removed]@').slice(0, 200);
  }
}
