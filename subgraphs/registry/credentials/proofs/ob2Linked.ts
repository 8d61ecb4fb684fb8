import { idOf, isObject, type JsonObject } from '../../../../adapters/core/credentials/json.js';
import type { DocumentSource } from '../fetch/documentSource.js';
import type { ReasonCode } from '../reasons.js';
import { type CheckResult, notPassed } from '../verdict.js';

/** A linked Open Badges 2.0 document (BadgeClass, Profile, key), or the check it makes fail. */
export type LinkedDocument =
  | { readonly ok: true; readonly document: JsonObject }
  | { readonly ok: false; readonly check: CheckResult };

/**
 * Loads a linked OB 2.0 document by URL, or takes it embedded; a fetched document must carry the id it
 * was fetched by (otherwise it "points elsewhere").
 */
export async function linkedDocument(reference: unknown, documents: DocumentSource): Promise<LinkedDocument> {
  if (isObject(reference)) return { ok: true, document: reference };
  const url = idOf(reference);
  if (!url) return fail('KEY_NOT_FOUND', 'a linked Open Badges document is not named by URL');
  const fetched = await documents.load(url, 'key');
  if (!fetched.ok) return fail(fetched.problem.code, fetched.problem.message);
  if (!isObject(fetched.document) || idOf(fetched.document) !== url) {
    return fail('DID_DOCUMENT_MISMATCH', `the document at ${url} describes another id`);
  }
  return { ok: true, document: fetched.document };
}

function fail(code: ReasonCode, message: string): LinkedDocument {
  return { ok: false, check: notPassed(code, message) };
}
