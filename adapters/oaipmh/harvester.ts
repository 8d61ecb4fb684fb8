import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { LmsError } from '../core/errors.js';
import type { ListRecordsArgs, OaiPmhClient } from './client.js';
import type { OaiPmhConfig } from './config.js';
import type { Granularity, ListRecordsPageDto, MetadataFormatDto, MetadataFormatKind, RecordDto } from './dto.js';
import { mapRecord } from './mapper.js';
import { formatOfNamespace } from './metadata.js';
import { applyPage, type HarvestMode, type PendingWalk, type RepositoryInfo, type Snapshot } from './snapshot.js';
import { type ListPosition, walkList } from './walk.js';

export interface HarvesterDeps {
  readonly client: OaiPmhClient;
  readonly config: OaiPmhConfig;
  readonly logger: Logger;
  readonly now: () => number;
}

/** The richest readable format the repository offers (LOM before oai_dc), or the configured one. */
export function chooseFormat(
  offered: readonly MetadataFormatDto[],
  wanted: OaiPmhConfig['metadataFormat'],
): { readonly metadataPrefix: string; readonly format: MetadataFormatKind } {
  const readable = offered
    .map((f) => ({ metadataPrefix: f.metadataPrefix, format: formatOfNamespace(f.metadataNamespace) }))
    .filter((f): f is { metadataPrefix: string; format: MetadataFormatKind } => f.format !== null);
  const order: readonly MetadataFormatKind[] = wanted === 'auto' ? ['lom', 'oai_dc'] : [wanted];
  for (const format of order) {
    const found = readable.find((f) => f.format === format);
    if (found) return found;
  }
  throw new LmsError(
    'LMS_UNSUPPORTED',
    wanted === 'auto'
      ? 'The repository offers no metadata format this adapter reads (IEEE LOM or oai_dc).'
      : `The repository does not offer the configured metadata format ${wanted}.`,
  );
}

/** `from` in the repository's granularity (§3.3.1): a day, or a second without fraction. */
export function formatFrom(instant: string, granularity: Granularity): string {
  const iso = new Date(instant).toISOString();
  return granularity === 'YYYY-MM-DD' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

type Plan =
  | { readonly kind: 'resume'; readonly pending: PendingWalk }
  | { readonly kind: 'full' }
  | { readonly kind: 'incremental'; readonly from: string };

function plan(snapshot: Snapshot, deps: HarvesterDeps, forced: HarvestMode | undefined): Plan {
  const { pending, repository } = snapshot;
  const now = deps.now();
  const tokenAlive = pending && (!pending.position.expirationDate || Date.parse(pending.position.expirationDate) > now);
  if (pending && tokenAlive && forced !== 'full') return { kind: 'resume', pending };
  if (forced === 'full' || !repository || !snapshot.complete || snapshot.fullDue || !snapshot.watermark) {
    return { kind: 'full' };
  }
  // Without persistent deletions, only a full harvest shows what was deleted (§2.5.1).
  const deletionsUnreliable = repository.deletedRecord !== 'persistent';
  const fullAge = now - (snapshot.fullHarvestedAt ?? 0);
  if (deletionsUnreliable && fullAge >= deps.config.fullHarvestEveryMs) return { kind: 'full' };
  return { kind: 'incremental', from: formatFrom(snapshot.watermark, repository.granularity) };
}

async function identifyRepository(deps: HarvesterDeps): Promise<RepositoryInfo> {
  const identity = await deps.client.identify();
  const chosen = chooseFormat(await deps.client.listMetadataFormats(), deps.config.metadataFormat);
  return { granularity: identity.granularity, deletedRecord: identity.deletedRecord, ...chosen };
}

/** Mapping problems (no title, an id too long for a global id) are skips too, decided at harvest time. */
function screen(page: ListRecordsPageDto): ListRecordsPageDto {
  const records: RecordDto[] = [];
  const skipped = [...page.skipped];
  for (const record of page.records) {
    const mapped = record.deleted ? null : mapRecord(record);
    if (mapped && 'skipped' in mapped) skipped.push({ identifier: record.identifier, reason: mapped.skipped });
    else records.push(record);
  }
  return { ...page, records, skipped };
}

/**
 * One harvest: continues an interrupted list, or reads the repository in full, or reads what changed
 * since the watermark. Returns the next snapshot whether or not it succeeded — pages read before a
 * failure are kept, and the failure is returned with it, for the adapter to decide whether stale data
 * may be served.
 */
export async function harvest(
  snapshot: Snapshot,
  deps: HarvesterDeps,
  forced?: HarvestMode,
): Promise<{ readonly snapshot: Snapshot; readonly error: LmsError | null }> {
  const records: Record<string, RecordDto> = { ...snapshot.records };
  const skipped: Record<string, string> = { ...snapshot.skipped };
  const decided = plan(snapshot, deps, forced);
  const full = decided.kind === 'full' || (decided.kind === 'resume' && decided.pending.full);
  const seenIds = new Set<string>(decided.kind === 'resume' ? decided.pending.seenIds : []);
  let repository = snapshot.repository;
  let pending: PendingWalk | null = decided.kind === 'resume' ? decided.pending : null;
  const counts = { pages: 0, upserted: 0, deleted: 0, skipped: 0 };

  const finish = (
    changes: Partial<Snapshot>,
    error: LmsError | null,
    walk?: { shifted: boolean; restarts: number },
  ) => ({
    snapshot: {
      ...snapshot,
      revision: randomUUID(),
      repository,
      records,
      skipped,
      pending,
      ...changes,
      lastHarvest: {
        mode: full ? ('full' as const) : ('incremental' as const),
        resumed: decided.kind === 'resume',
        ...counts,
        shifted: walk?.shifted ?? false,
        restarts: walk?.restarts ?? 0,
        error: error ? { code: error.code, message: error.message } : null,
      },
    },
    error,
  });

  try {
    if (decided.kind === 'full' || !repository) repository = await identifyRepository(deps);
    const args: ListRecordsArgs =
      decided.kind === 'resume'
        ? decided.pending.args
        : {
            metadataPrefix: repository.metadataPrefix,
            ...(decided.kind === 'incremental' ? { from: decided.from } : {}),
            ...(deps.config.set ? { set: deps.config.set } : {}),
          };
    const onPage = (page: ListRecordsPageDto, next: ListPosition | null) => {
      const effect = applyPage(records, skipped, screen(page), seenIds);
      counts.pages += 1;
      counts.upserted += effect.upserted;
      counts.deleted += effect.deleted;
      counts.skipped += effect.skipped.length;
      for (const skip of effect.skipped) deps.logger.warn(skip, 'OAI-PMH record skipped');
      pending = next ? { full, args, position: next, seenIds: full ? [...seenIds] : [] } : null;
    };
    const walk = await walkList({
      client: deps.client,
      format: repository.format,
      args,
      ...(decided.kind === 'resume' ? { resumeAt: decided.pending.position } : {}),
      maxPages: deps.config.maxPagesPerHarvest,
      logger: deps.logger,
      onPage,
    });
    pending = null;
    if (full && !walk.shifted) {
      // A complete, unmoved full list is the repository: whatever it did not mention is gone.
      for (const id of Object.keys(records)) if (!seenIds.has(id)) delete records[id];
      for (const id of Object.keys(skipped)) if (!seenIds.has(id)) delete skipped[id];
    }
    const now = deps.now();
    // A list that moved may have skipped items: an incremental harvest keeps its old `from` to read them
    // again; a full one is repeated (fullDue) and removes nothing meanwhile.
    const keepOldFrom = walk.shifted && !full && snapshot.watermark !== null;
    return finish(
      {
        watermark: keepOldFrom ? snapshot.watermark : walk.firstResponseDate,
        complete: snapshot.complete || full,
        harvestedAt: now,
        ...(full ? { fullHarvestedAt: now, fullDue: walk.shifted } : {}),
      },
      null,
      walk,
    );
  } catch (error) {
    const lmsError =
      error instanceof LmsError
        ? error
        : new LmsError('LMS_BAD_RESPONSE', 'The repository answered with data the adapter could not read.', {
            cause: error,
          });
    deps.logger.warn({ code: lmsError.code, pages: counts.pages }, 'OAI-PMH harvest failed; pages read are kept');
    return finish({}, lmsError);
  }
}
