import { absoluteId, idOf, isObject, type JsonObject, values } from '../../../../adapters/core/credentials/json.js';
import type { DocumentSource } from '../fetch/documentSource.js';
import type { ReasonCode } from '../reasons.js';
import { didKeyDocument, normaliseDidKeyUrl } from './didKey.js';
import { didWebDocumentUrl } from './didWeb.js';

/** A verification method with the controller document that vouches for it. */
export interface ResolvedKey {
  /** The verification method, ids absolute. */
  readonly method: JsonObject;
  readonly controllerId: string;
  /** The controller document, with relative ids made absolute. */
  readonly controller: JsonObject;
}

export type KeyResolution =
  | { readonly ok: true; readonly key: ResolvedKey }
  | { readonly ok: false; readonly code: ReasonCode; readonly message: string };

export interface KeyResolverOptions {
  readonly documents: DocumentSource;
  readonly allowHttp: boolean;
}

type Problem = Extract<KeyResolution, { ok: false }>;

const problem = (code: ReasonCode, message: string): Problem => ({ ok: false, code, message });

/**
 * Dereferences a verification method URL (`did:key:…#…`, `did:web:…#…`, `https://issuer/profile#key`,
 * or the URL of a standalone key document) and checks that its controller document really vouches for it:
 * the document is the one that was asked for (its `id`), it contains the key, the key names that document
 * as its controller, and lists the key under `assertionMethod`. A document that "points elsewhere" on any
 * of these is DID_DOCUMENT_MISMATCH / KEY_NOT_FOUND / KEY_NOT_AUTHORISED, never a usable key.
 */
export async function resolveVerificationMethod(url: string, options: KeyResolverOptions): Promise<KeyResolution> {
  const methodId = normaliseDidKeyUrl(url);
  const base = methodId.split('#')[0] ?? methodId;
  const loaded = await loadControllerOf(base, methodId, options);
  if (!loaded.ok) return loaded;
  const controllerId = idOf(loaded.controller);
  if (!controllerId) return problem('DID_DOCUMENT_MISMATCH', `the document at ${base} has no id`);
  const normalised = withAbsoluteIds(loaded.controller, controllerId);
  const method = findMethod(normalised, methodId) ?? loaded.standalone;
  if (!method) return problem('KEY_NOT_FOUND', `${controllerId} does not contain the key ${methodId}`);
  if (idOf(method.controller) !== controllerId) {
    return problem('DID_DOCUMENT_MISMATCH', `the key ${methodId} names another controller than ${controllerId}`);
  }
  const authorised = values(normalised.assertionMethod).some((entry) => idOf(entry) === methodId);
  if (!authorised) {
    return problem('KEY_NOT_AUTHORISED', `${controllerId} does not list ${methodId} for assertions`);
  }
  return { ok: true, key: { method, controllerId, controller: normalised } };
}

type Loaded =
  | {
      readonly ok: true;
      readonly controller: JsonObject;
      /** The key, when it was fetched as a document of its own rather than found in the controller's. */
      readonly standalone?: JsonObject;
    }
  | Problem;

/**
 * The controller document behind an id (a did:key, a did:web, or an https issuer profile), ids made
 * absolute; used when a JWS names its key only by a thumbprint and the issuer's keys must be searched.
 */
export async function resolveController(
  id: string,
  options: KeyResolverOptions,
): Promise<{ readonly ok: true; readonly controller: JsonObject } | Problem> {
  const loaded = await loadControllerOf(id, null, options);
  if (!loaded.ok) return loaded;
  return { ok: true, controller: withAbsoluteIds(loaded.controller, id) };
}

/** `methodId` null: `base` must be a controller document, not a standalone key. */
async function loadControllerOf(base: string, methodId: string | null, options: KeyResolverOptions): Promise<Loaded> {
  if (base.startsWith('did:key:')) {
    const document = await didKeyDocument(base);
    return document
      ? { ok: true, controller: document }
      : problem('KEY_TYPE_UNSUPPORTED', `${base} is not an Ed25519 did:key`);
  }
  if (base.startsWith('did:web:')) {
    const location = didWebDocumentUrl(base, options.allowHttp);
    if (!location) return problem('DID_DOCUMENT_MISMATCH', `${base} is not a well-formed did:web`);
    return fetchExpecting(location, base, options);
  }
  if (base.startsWith('did:')) return problem('DID_METHOD_UNSUPPORTED', `the DID method of ${base} is not supported`);
  if (!/^https?:\/\//.test(base)) return problem('KEY_NOT_FOUND', `${methodId ?? base} cannot be dereferenced`);
  const fetched = await options.documents.load(base, 'key');
  if (!fetched.ok) return problem(fetched.problem.code, fetched.problem.message);
  if (!isObject(fetched.document)) return problem('DID_DOCUMENT_MISMATCH', `${base} is not a JSON object`);
  // A standalone key document (its id is the key URL itself): its controller document vouches for it.
  if (methodId !== null && idOf(fetched.document) === methodId && methodId === base) {
    const controllerId = idOf(fetched.document.controller);
    if (!controllerId) return problem('DID_DOCUMENT_MISMATCH', `the key ${methodId} names no controller`);
    if (controllerId === base) return problem('DID_DOCUMENT_MISMATCH', `the key ${methodId} controls itself`);
    const controller = await loadControllerOf(controllerId, null, options);
    return controller.ok ? { ok: true, controller: controller.controller, standalone: fetched.document } : controller;
  }
  if (idOf(fetched.document) !== base) {
    return problem('DID_DOCUMENT_MISMATCH', `the document at ${base} describes ${idOf(fetched.document) ?? 'nothing'}`);
  }
  return { ok: true, controller: fetched.document };
}

async function fetchExpecting(location: string, expectedId: string, options: KeyResolverOptions): Promise<Loaded> {
  const fetched = await options.documents.load(location, 'key');
  if (!fetched.ok) return problem(fetched.problem.code, fetched.problem.message);
  if (!isObject(fetched.document) || idOf(fetched.document) !== expectedId) {
    return problem('DID_DOCUMENT_MISMATCH', `the DID document for ${expectedId} describes another DID`);
  }
  return { ok: true, controller: fetched.document };
}

const RELATIONSHIPS = ['verificationMethod', 'assertionMethod', 'authentication', 'capabilityInvocation'] as const;

export function findMethod(document: JsonObject, methodId: string): JsonObject | null {
  for (const relationship of RELATIONSHIPS) {
    for (const entry of values(document[relationship])) {
      if (isObject(entry) && entry.id === methodId) return entry;
    }
  }
  return null;
}

/** Relative references (`#key-1`) in a controller document, made absolute against its id. */
function withAbsoluteIds(document: JsonObject, documentId: string): JsonObject {
  const out: JsonObject = { ...document };
  for (const relationship of RELATIONSHIPS) {
    if (document[relationship] === undefined) continue;
    out[relationship] = values(document[relationship]).map((entry) => {
      if (typeof entry === 'string') return absoluteId(entry, documentId);
      if (!isObject(entry)) return entry;
      const id = idOf(entry);
      const controller = idOf(entry.controller);
      return {
        ...entry,
        ...(id ? { id: absoluteId(id, documentId) } : {}),
        ...(controller ? { controller: absoluteId(controller, documentId) } : {}),
      };
    });
  }
  return out;
}
