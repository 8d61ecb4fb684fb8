import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../../../schema/disclosure.js';
import { apiError } from '../../../schema/errors.js';
import type { CredentialVerifier, Verdict } from '../credentials/index.js';
import type { RegistryStore } from '../store/registryStore.js';
import {
  actorOf,
  personKeyOf,
  type RegistryAccess,
  recognitionScope,
  requireLearner,
  requireManagerOf,
} from './access.js';
import type { AgencyWriter, ExternalLearningCall } from './agencyWriter.js';
import { AgreementBook } from './agreementBook.js';
import { creditedHours, inForce, recognises } from './agreements.js';
import { type RecognitionFilter, type RecognitionTally, tally } from './counts.js';
import type { AgreementRecord, PersonRecord, RecognitionRecord, RecordingAttempt } from './records.js';
import type { RecognitionStore } from './store.js';

export interface RecognitionServiceOptions {
  readonly store: RecognitionStore;
  readonly registrations: RegistryStore;
  readonly verifier: CredentialVerifier;
  readonly writer: AgencyWriter;
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Counts under this are withheld from analysts. @default 5 (schema/disclosure.ts) */
  readonly suppressionThreshold?: number;
}

/** What presenting a credential gives the learner. */
export interface Presentation {
  readonly verdict: Verdict;
  /** Every agreement in force that recognises the credential (any agency). */
  readonly applicable: readonly AgreementRecord[];
  /** The recognitions asked for: one per applicable agreement of the agencies named (default: the learner's). */
  readonly recognitions: readonly RecognitionRecord[];
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const notFound = (id: string) => apiError('NOT_FOUND', `No recognition has the id \`${id}\`.`);

/**
 * Recognised learning (issue 14): agreements and provider profiles (AgreementBook), presenting a credential
 * (verify, find the agreements that apply, keep a recognition per agreement), recording a recognition in the
 * recognising agency's LMS, and reading recognitions by role.
 *
 * Recording is a state machine kept in the store, so a failure half-way leaves a state a retry completes:
 * PENDING → RECORDING is written before the LMS is called, RECORDED after it answered; a retry from
 * RECORDING calls the LMS again with the same idempotency key (the recognition's id), and the adapter finds
 * the record it wrote instead of writing a second one. Within a process, attempts on one recognition run
 * one at a time, so a double click waits and then sees RECORDED.
 */
export class RecognitionService {
  readonly book: AgreementBook;
  readonly #store: RecognitionStore;
  readonly #options: RecognitionServiceOptions;
  readonly #now: () => Date;
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(options: RecognitionServiceOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#now = options.now ?? (() => new Date());
    this.book = new AgreementBook(options.store, options.registrations, this.#now);
  }

  async present(
    access: RegistryAccess,
    credential: string,
    agencies?: readonly string[] | null,
  ): Promise<Presentation> {
    const person = requireLearner(access);
    const now = this.#now();
    const verdict = await this.#options.verifier.verify(credential, {
      presenter: {
        emails: person.email ? [person.email] : [],
        identifiers: person.indexNumber ? [{ identityType: 'ext:unIndexNumber', value: person.indexNumber }] : [],
      },
      now,
    });
    const summary = verdict.credential;
    if (verdict.status !== 'VERIFIED' || !summary) return { verdict, applicable: [], recognitions: [] };
    const providers = new Map((await this.#store.providers()).map((p) => [p.code, p]));
    const applicable = (await this.#store.agreements()).filter((agreement) => {
      const provider = providers.get(agreement.provider);
      return provider !== undefined && recognises(agreement, provider, summary, now);
    });
    const home = access.principal.kind === 'user' ? access.principal.agency : null;
    const wanted = new Set(agencies?.length ? agencies : home ? [home] : applicable.map((a) => a.recognisingAgency));
    const digest = sha256(summary.id ? `id:${summary.id}` : `text:${credential.trim()}`);
    const personKey = personKeyOf(person);
    const recognitions: RecognitionRecord[] = [];
    for (const agreement of applicable.filter((a) => wanted.has(a.recognisingAgency))) {
      const id = `rcg_${sha256(`${agreement.id}|${digest}|${personKey}`).slice(0, 24)}`;
      const fresh = this.#newRecognition(
        id,
        agreement,
        person,
        personKey,
        digest,
        verdict,
        providers.get(agreement.provider)?.name,
      );
      recognitions.push(
        await this.#store.updateRecognition(id, (current) => {
          // Presented again: the same recognition, with the latest verdict while it is still to be recorded.
          const next = current
            ? current.status === 'PENDING'
              ? { ...current, verdict: fresh.verdict }
              : current
            : fresh;
          return { next, result: next };
        }),
      );
    }
    this.#options.logger?.info(
      { verdict: verdict.status, applicable: applicable.length, recognitions: recognitions.length },
      'credential presented',
    );
    return { verdict, applicable, recognitions };
  }

  #newRecognition(
    id: string,
    agreement: AgreementRecord,
    person: PersonRecord,
    personKey: string,
    digest: string,
    verdict: Verdict,
    providerName: string | undefined,
  ): RecognitionRecord {
    const summary = verdict.credential!;
    const what = summary.achievement?.name ?? summary.name ?? 'Recognised learning';
    const who = summary.issuer.name ?? providerName ?? agreement.provider;
    return {
      id,
      agreementId: agreement.id,
      agency: agreement.recognisingAgency,
      provider: agreement.provider,
      person,
      personKey,
      credential: {
        digest,
        id: summary.id,
        format: verdict.format,
        issuerId: summary.issuer.id,
        issuerName: summary.issuer.name,
        achievementId: summary.achievement?.id ?? null,
        achievementName: summary.achievement?.name ?? summary.name,
        hours: summary.hours,
        validFrom: summary.validFrom,
        validUntil: summary.validUntil,
        statusEntries: summary.statusEntries,
      },
      verdict: {
        status: verdict.status,
        checkedAt: verdict.checkedAt,
        reasons: verdict.reasons.map(({ check, code, message }) => ({ check, code, message })),
      },
      countsAs: agreement.countsAs,
      hours: creditedHours(agreement, summary),
      title: `${what} — ${who}`.slice(0, 250),
      status: 'PENDING',
      recordedInLms: null,
      notRecordedReason: null,
      enrollmentId: null,
      presentedAt: this.#now().toISOString(),
      recordedAt: null,
      attempts: [],
    };
  }

  /** One attempt at a time per recognition in this process (a double click waits for the first). */
  async #locked<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(id) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    this.#locks.set(id, settled);
    try {
      return await run;
    } finally {
      if (this.#locks.get(id) === settled) this.#locks.delete(id);
    }
  }

  async #attempt(
    id: string,
    attempt: RecordingAttempt,
    change: Partial<RecognitionRecord> = {},
  ): Promise<RecognitionRecord> {
    return this.#store.updateRecognition(id, (current) => {
      if (!current) throw notFound(id);
      const next: RecognitionRecord = { ...current, ...change, attempts: [...current.attempts, attempt] };
      return { next, result: next };
    });
  }

  /** Writes a recognition into the recognising agency's LMS (its manager only); see the class comment. */
  async record(access: RegistryAccess, id: string): Promise<RecognitionRecord> {
    const found = await this.#store.recognition(id);
    if (!found) throw notFound(id);
    const assertion = requireManagerOf(access, found.agency);
    const by = actorOf(access);
    return this.#locked(id, async () => {
      const current = (await this.#store.recognition(id)) ?? found;
      if (current.status === 'RECORDED') return current;
      if (current.status === 'REVOKED') {
        throw apiError(
          'CREDENTIAL_NOT_VERIFIED',
          'The credential was revoked or suspended; the recognition cannot be recorded.',
          {
            reasons: ['REVOKED'],
            retryable: false,
          },
        );
      }
      const now = this.#now();
      const agreement = await this.#store.agreement(current.agreementId);
      if (!agreement || !inForce(agreement, now)) {
        throw apiError('CONFLICT', `The agreement ${current.agreementId} is no longer in force; nothing was recorded.`);
      }
      const status = await this.#options.verifier.recheckStatus(current.credential.statusEntries, now);
      if (status.outcome === 'FAILED') {
        await this.#attempt(
          id,
          { at: now.toISOString(), by, outcome: 'REVOKED', code: status.reason },
          { status: 'REVOKED' },
        );
        throw apiError(
          'CREDENTIAL_NOT_VERIFIED',
          `The issuer no longer vouches for the credential: ${status.message}.`,
          {
            reasons: [status.reason],
            retryable: false,
          },
        );
      }
      if (status.outcome === 'UNVERIFIABLE') {
        throw apiError('CREDENTIAL_NOT_VERIFIED', `The credential's status cannot be checked now: ${status.message}.`, {
          reasons: [status.reason],
          retryable: true,
        });
      }
      const registration = await this.#options.registrations.get(current.agency);
      if (registration?.status !== 'ACTIVE') {
        throw apiError('AGENCY_UNAVAILABLE', `${current.agency} is not an active registered agency.`, {
          agency: current.agency,
        });
      }
      // Durable before the LMS is called: a crash from here on leaves RECORDING, which a retry completes.
      await this.#attempt(id, { at: now.toISOString(), by, outcome: 'STARTED', code: null }, { status: 'RECORDING' });
      const outcome = await this.#options.writer(registration.subgraphUrl, this.#call(current), assertion);
      const at = this.#now().toISOString();
      if (outcome.ok) {
        return this.#attempt(
          id,
          { at, by, outcome: 'RECORDED', code: null },
          {
            status: 'RECORDED',
            recordedInLms: true,
            enrollmentId: outcome.enrollmentId,
            recordedAt: at,
            notRecordedReason: null,
          },
        );
      }
      if (outcome.code === 'LMS_UNSUPPORTED') {
        // The LMS cannot record it (Moodle): recognised in Convergence only, with the LMS's reason.
        return this.#attempt(
          id,
          { at, by, outcome: 'KEPT_IN_CONVERGENCE', code: outcome.code },
          { status: 'RECORDED', recordedInLms: false, notRecordedReason: outcome.message, recordedAt: at },
        );
      }
      await this.#attempt(id, { at, by, outcome: 'FAILED', code: outcome.code });
      throw apiError(
        outcome.code,
        `${outcome.message} The recognition stays RECORDING; recording it again completes it.`,
        {
          agency: current.agency,
          ...(outcome.lms ? { lms: outcome.lms } : {}),
        },
      );
    });
  }

  #call(recognition: RecognitionRecord): ExternalLearningCall {
    const { person, countsAs } = recognition;
    return {
      agency: recognition.agency,
      learner: {
        ...(person.indexNumber ? { indexNumber: person.indexNumber } : {}),
        ...(person.email ? { email: person.email } : {}),
      },
      idempotencyKey: recognition.id,
      title: recognition.title,
      provider: recognition.credential.issuerName ?? recognition.provider,
      // The credential's issuance is when the learning was completed; else when it was presented.
      completedAt: recognition.credential.validFrom ?? recognition.presentedAt,
      courseId: countsAs.kind === 'COURSE' ? countsAs.courseId : null,
      hours: recognition.hours,
    };
  }

  /** One recognition, for the learner it belongs to or a manager of its agency. */
  async recognition(access: RegistryAccess, id: string): Promise<RecognitionRecord> {
    const scope = recognitionScope(access);
    const record = await this.#store.recognition(id);
    const visible =
      record && scope.kind === 'personal' && (record.personKey === scope.personKey || record.agency === scope.agency);
    if (!record || !visible) throw notFound(id);
    return record;
  }

  /**
   * Every recognition of an agency, for the insights harvest's feed (feed.ts checks the caller and leaves
   * the person out).
   */
  ofAgency(agency: string): Promise<RecognitionRecord[]> {
    return this.#store.recognitionsOfAgency(agency);
  }

  /** Recognitions by role: one by one for learners and managers, counts only (small ones withheld) for analysts. */
  async recognitions(access: RegistryAccess, filter: RecognitionFilter): Promise<RecognitionTally> {
    const scope = recognitionScope(access);
    if (scope.kind === 'personal') {
      const mine = scope.personKey ? await this.#store.recognitionsOfPerson(scope.personKey) : [];
      const agency = scope.agency ? await this.#store.recognitionsOfAgency(scope.agency) : [];
      const records = [...new Map([...mine, ...agency].map((r) => [r.id, r])).values()];
      return tally(records, filter, null);
    }
    const agencies = filter.agencies?.length ? filter.agencies : await this.#store.agenciesWithRecognitions();
    const records = (await Promise.all(agencies.map((a) => this.#store.recognitionsOfAgency(a)))).flat();
    return tally(records, filter, this.#options.suppressionThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD);
  }
}
