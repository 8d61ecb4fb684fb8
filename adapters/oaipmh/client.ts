import { LmsError, type UpstreamInfo } from '../core/errors.js';
import { createLmsHttpClient, type RawResponse } from '../core/http.js';
import type { OaiPmhAuth } from './config.js';
import {
  type IdentifyDto,
  type ListRecordsPageDto,
  type MetadataFormatDto,
  type MetadataFormatKind,
  OAI_NS,
  type RecordDto,
  type SkippedRecordDto,
} from './dto.js';
import { type OaiEnvelope, oaiError, readEnvelope } from './envelope.js';
import { readIdentify, readListRecords, readMetadataFormats, readRecord } from './responses.js';
import { child } from './xml.js';

export interface OaiPmhClientOptions {
  readonly baseUrl: string;
  readonly agency: string;
  /** @default GET */
  readonly httpMethod?: 'GET' | 'POST';
  readonly auth?: OaiPmhAuth;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly backoffBaseMs?: number;
  /** @default 200000 */
  readonly maxRecordChars?: number;
}

/** The first request of a list: what to harvest. */
export interface ListRecordsArgs {
  readonly metadataPrefix: string;
  readonly from?: string;
  readonly until?: string;
  readonly set?: string;
}

/** A list request, or its continuation; `format` says how to read the records either way. */
export type ListRecordsRequest =
  | { readonly format: MetadataFormatKind; readonly args: ListRecordsArgs }
  | { readonly format: MetadataFormatKind; readonly resumptionToken: string };

interface Located {
  readonly upstream: UpstreamInfo;
}

function authorization(auth: OaiPmhAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if (auth.kind === 'bearer') return { authorization: `Bearer ${auth.token.reveal()}` };
  const pair = Buffer.from(`${auth.username}:${auth.password.reveal()}`).toString('base64');
  return { authorization: `Basic ${pair}` };
}

/** OAI-PMH answers XML; a 2xx body that axios parsed as JSON, or no body at all, is not an answer. */
function interpretXml(raw: RawResponse): LmsError | { readonly data: unknown } | undefined {
  if (raw.status >= 300) return undefined;
  if (typeof raw.data !== 'string' || raw.data.length === 0) {
    return new LmsError('LMS_BAD_RESPONSE', 'The repository answered with a body that is not XML.', {
      upstream: raw.upstream,
    });
  }
  return { data: raw.data };
}

/**
 * One method per OAI-PMH verb the adapter uses (§4), DTOs out. Requests go to the single base URL with
 * `verb` and its arguments, as a GET query or a form-encoded POST (§3.1.1); both are safe to retry.
 * Every call runs through the shared LMS HTTP client (timeouts, retries honouring Retry-After — the
 * protocol's flow control, §3.1.2.2 — circuit breaker, one HTTP-status mapping).
 */
export function createOaiPmhClient(options: OaiPmhClientOptions) {
  const http = createLmsHttpClient({
    lmsKind: 'OAIPMH',
    agency: options.agency,
    baseUrl: options.baseUrl,
    interpret: interpretXml,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.backoffBaseMs !== undefined ? { backoffBaseMs: options.backoffBaseMs } : {}),
  });
  const limits = { maxRecordChars: options.maxRecordChars ?? 200_000 };
  const headers = { accept: 'text/xml, application/xml;q=0.9', ...authorization(options.auth) };

  /** Sends one verb; an OAI error answer comes back as a value, the caller decides what it means. */
  async function call(verb: string, args: Record<string, string | undefined>): Promise<OaiEnvelope & Located> {
    const params: Record<string, string> = { verb };
    for (const [name, value] of Object.entries(args)) if (value !== undefined) params[name] = value;
    const raw =
      options.httpMethod === 'POST'
        ? await http.requestRaw({
            method: 'POST',
            url: '',
            data: new URLSearchParams(params).toString(),
            headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
            idempotent: true,
          })
        : await http.requestRaw({ method: 'GET', url: '', params, headers });
    return { ...readEnvelope(raw.data as string, verb, raw.upstream), upstream: raw.upstream };
  }

  return {
    async identify(): Promise<IdentifyDto> {
      const envelope = await call('Identify', {});
      if (envelope.kind === 'error') throw oaiError(envelope.codes, envelope.upstream);
      return readIdentify(envelope.body, envelope.responseDate, envelope.upstream);
    },

    async listMetadataFormats(): Promise<MetadataFormatDto[]> {
      const envelope = await call('ListMetadataFormats', {});
      if (envelope.kind === 'error') throw oaiError(envelope.codes, envelope.upstream);
      return readMetadataFormats(envelope.body);
    },

    /** One page of a list. `noRecordsMatch` is an empty, complete list (an incremental harvest with no change). */
    async listRecords(request: ListRecordsRequest): Promise<ListRecordsPageDto> {
      const args = 'resumptionToken' in request ? { resumptionToken: request.resumptionToken } : { ...request.args };
      const envelope = await call('ListRecords', args);
      if (envelope.kind === 'error') {
        if (envelope.codes.includes('noRecordsMatch')) {
          // An empty list is a complete one: an incremental harvest with nothing new, or a continued list
          // that shrank to nothing under the walk. Read it as a last page (an empty token).
          const end = { value: '', expirationDate: null, completeListSize: null, cursor: null };
          return { responseDate: envelope.responseDate, records: [], skipped: [], itemCount: 0, resumptionToken: end };
        }
        throw oaiError(envelope.codes, envelope.upstream);
      }
      return readListRecords(envelope.body, envelope.responseDate, request.format, limits);
    },

    /** One item; null when the repository has no such identifier (`idDoesNotExist`). */
    async getRecord(
      identifier: string,
      metadataPrefix: string,
      format: MetadataFormatKind,
    ): Promise<RecordDto | SkippedRecordDto | null> {
      const envelope = await call('GetRecord', { identifier, metadataPrefix });
      if (envelope.kind === 'error') {
        if (envelope.codes.includes('idDoesNotExist')) return null;
        throw oaiError(envelope.codes, envelope.upstream);
      }
      const record = child(envelope.body, 'record', OAI_NS);
      if (!record) {
        throw new LmsError('LMS_BAD_RESPONSE', 'The repository answered GetRecord without a record.', {
          upstream: envelope.upstream,
        });
      }
      return readRecord(record, format, limits);
    },

    dispose: () => http.dispose(),
  };
}

export type OaiPmhClient = ReturnType<typeof createOaiPmhClient>;
