import { parseGlobalId } from '../../../schema/globalId.js';
import { type RegistryClientOptions, RegistryRequestError, registryRequest } from '../../registry/client.js';
import type { InsightsStore } from '../store/insightsStore.js';
import type { RecognitionRow } from '../store/recognitions.js';

/** Reads the recognitions of one agency (the registry's feed, without persons). */
export type RecognitionReader = (agency: string) => Promise<readonly RecognitionRow[]>;

const FEED_QUERY = `query RecognitionFeed($agency: String!) {
  recognitionFeed(agency: $agency) { id provider status countsAs { kind courseId } hours enrollmentId recordedAt }
}`;

interface FeedItem {
  readonly id: string;
  readonly provider: string;
  readonly status: string;
  readonly countsAs: { readonly kind: string; readonly courseId: string | null };
  readonly hours: number | null;
  readonly enrollmentId: string | null;
  readonly recordedAt: string | null;
}

/** The local id of a global id of `agency` (`who:course:42` → `42`); null for anything else. */
function localIdOf(globalId: string | null, agency: string, type: 'course' | 'enrollment'): string | null {
  const parsed = globalId ? parseGlobalId(globalId) : null;
  return parsed && parsed.agency === agency && parsed.type === type ? parsed.localId : null;
}

/**
 * The registry's `recognitionFeed` over its GraphQL API, with the harvest's credential (the registry's
 * `harvestToken`, or its admin token): the channel the harvest already reads the directory through, never
 * the registry's database. A registry that cannot be read fails the agency's run, which resumes after its
 * last checkpoint next time: a snapshot never claims an `asOf` its recognitions do not have.
 */
export function registryRecognitionReader(options: RegistryClientOptions): RecognitionReader {
  return async (agency) => {
    const data = await registryRequest<{ recognitionFeed: FeedItem[] }>(options, FEED_QUERY, { agency }).catch(
      (error: unknown) => {
        if (error instanceof RegistryRequestError && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED')) {
          throw new Error(
            `the registry refused its recognition feed to this credential (${error.code}): give \`registry.token\` the registry's harvestToken or admin token`,
          );
        }
        throw error;
      },
    );
    return data.recognitionFeed.map((item) => ({
      id: item.id,
      provider: item.provider,
      status: item.status,
      courseLocalId: item.countsAs.kind === 'COURSE' ? localIdOf(item.countsAs.courseId, agency, 'course') : null,
      hours: item.hours,
      enrollmentLocalId: localIdOf(item.enrollmentId, agency, 'enrollment'),
      recordedAt: item.recordedAt ? new Date(item.recordedAt) : null,
    }));
  };
}

/**
 * The recognitions step of an agency's run (harvestAgency.ts), after its enrolments, so that a recognition
 * recorded as one of them takes that enrolment's learner key. One registry call; the records stored.
 */
export async function harvestRecognitions(
  store: InsightsStore,
  source: { readonly code: string; readonly recognitions?: RecognitionReader | undefined },
  runId: string,
  call: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<number> {
  const { code, recognitions } = source;
  if (!recognitions) return 0;
  const rows = await call(() => recognitions(code));
  await store.replaceRecognitions(code, runId, rows);
  return rows.length;
}
