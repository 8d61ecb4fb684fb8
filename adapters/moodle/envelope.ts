import { LmsError, type LmsErrorCode, type UpstreamInfo } from '../core/errors.js';
import type { MoodleExceptionDto, MoodleWarningDto } from './dto.js';

// Error codes of the HTTP 200 envelopes (lms-apis.md §1.2 table); anything else is a bad response.
const EXCEPTION_CODES: Readonly<Record<string, LmsErrorCode>> = {
  invalidtoken: 'LMS_UNAUTHENTICATED',
  accessexception: 'LMS_UNAUTHENTICATED',
  nopermissions: 'LMS_FORBIDDEN',
  requireloginerror: 'LMS_FORBIDDEN',
  invalidparameter: 'LMS_BAD_REQUEST',
  invalidrecord: 'LMS_NOT_FOUND',
  invaliduser: 'LMS_NOT_FOUND',
  invalidcourseid: 'LMS_NOT_FOUND',
};

export function isMoodleException(body: unknown): body is MoodleExceptionDto {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'exception' in body;
}

/**
 * Moodle answers errors with HTTP 200 and `{exception, errorcode, message}` (§1.2); `errorcode` can be
 * missing (§1.4a: get_courses_by_field with an unknown id). The localized `message` and `debuginfo` are
 * never copied; the vendor code (or the exception class when there is none) goes into `upstream`.
 */
export function mapException(body: unknown, upstream: UpstreamInfo): LmsError | undefined {
  if (!isMoodleException(body)) return undefined;
  const vendorCode = typeof body.errorcode === 'string' && body.errorcode ? body.errorcode : undefined;
  const code = (vendorCode && EXCEPTION_CODES[vendorCode]) || 'LMS_BAD_RESPONSE';
  const label =
    vendorCode ??
    String(body.exception)
      .replace(/[^\w.-]/g, '')
      .slice(0, 60);
  return new LmsError(code, `Moodle answered with an exception (${label}).`, {
    upstream: { ...upstream, vendorCode: label },
  });
}

/** The partial failures next to the data (§1.2 "Warnings pattern"): not errors, reported to the logger. */
export function warningsOf(body: unknown): readonly MoodleWarningDto[] {
  if (typeof body !== 'object' || body === null || !('warnings' in body)) return [];
  const warnings = (body as { warnings?: unknown }).warnings;
  return Array.isArray(warnings) ? (warnings as MoodleWarningDto[]) : [];
}
