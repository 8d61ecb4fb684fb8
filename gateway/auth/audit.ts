import { type Logger, pino } from 'pino';
import { describePrincipal, type Principal } from '../../schema/principal.js';

/** One read of personal records: who read whose records, where, which fields. Never the contents. */
export interface PersonalRead {
  readonly requestId: string;
  readonly principal: Principal;
  /** Global ids of the learner accounts whose records were returned. */
  readonly learners: readonly string[];
  readonly agencies: readonly string[];
  /** `Type.field` coordinates read. */
  readonly fields: readonly string[];
  readonly operationName: string | null;
}

/**
 * The audit trail of personal-data reads (UN Personal Data Protection and Privacy Principles:
 * accountability), one JSON line per request that returned someone's records, to stdout or appended to a
 * file. File writes are synchronous: an acknowledged answer has its audit line on disk.
 */
export class AuditLog {
  readonly #logger: Logger;

  constructor(destination: string) {
    const stream =
      destination === 'stdout'
        ? pino.destination({ fd: 1, sync: true })
        : pino.destination({ dest: destination, sync: true, mkdir: true });
    this.#logger = pino(
      { base: { log: 'audit' }, timestamp: pino.stdTimeFunctions.isoTime, messageKey: 'event' },
      stream,
    );
  }

  record(read: PersonalRead): void {
    this.#logger.info(
      {
        requestId: read.requestId,
        who: describePrincipal(read.principal),
        whose: [...read.learners].sort(),
        agencies: [...read.agencies].sort(),
        fields: [...read.fields].sort(),
        operation: read.operationName,
      },
      'personal_data_read',
    );
  }

  flush(): void {
    this.#logger.flush();
  }
}
