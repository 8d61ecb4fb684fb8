import { type LmsKind, lmsKindName } from '../../../schema/lmsKind.js';
import { compareWithContract } from './contract.js';
import { COUNTS_QUERY, checkCountsAnswer } from './counts.js';
import type { DestinationPolicy } from './destination.js';
import { graphqlErrors, postGraphQL } from './fetch.js';
import { checkEntityAnswer, checkSmokeAnswer, ENTITY_QUERY, SMOKE_QUERY } from './smoke.js';
import { codeProblems, redactUrl, urlProblems } from './url.js';

export type GateStep = 'code' | 'url' | 'sdl' | 'contract' | 'smoke' | 'entities' | 'counts';

export interface GateCheck {
  readonly step: GateStep;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

export interface GateReport {
  readonly ok: boolean;
  readonly code: string;
  readonly url: string;
  readonly checks: readonly GateCheck[];
  /** Every reason for a refusal, in step order. Empty when ok. */
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
  /** What the subgraph says about itself (from the smoke query). */
  readonly observed?: { readonly name: string; readonly lmsKind: LmsKind };
  readonly elapsedMs: number;
}

export interface GateOptions {
  /** Per request to the candidate. @default 5000 */
  readonly timeoutMs?: number;
  /** For the count check, which lists every course's enrolments. @default 20000 */
  readonly countsTimeoutMs?: number;
  /** Which addresses may be called. @default public addresses only */
  readonly destinations?: DestinationPolicy;
}

const SDL_QUERY = '{ _service { sdl } }';

/**
 * The registration gate, shared by `registerAgency` and `convergence check`: code and URL, then the
 * candidate's `_service { sdl }` against the canonical contract, then a smoke query and a reference
 * read, then the count check (do the statistics count every enrolment the courses list?). Stops at the
 * first failed step that later steps depend on, and reports every problem it saw.
 */
export async function runRegistrationGate(code: string, url: string, options: GateOptions = {}): Promise<GateReport> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 5_000;
  const checks: GateCheck[] = [];
  const warnings: string[] = [];
  let observed: GateReport['observed'];
  const record = (step: GateStep, problems: readonly string[]) => {
    checks.push({ step, ok: problems.length === 0, problems });
    return problems.length === 0;
  };
  const report = (): GateReport => {
    const reasons = checks.flatMap((c) => c.problems);
    const base = {
      ok: reasons.length === 0,
      code,
      url: redactUrl(url),
      checks,
      reasons,
      warnings,
      elapsedMs: Math.round(performance.now() - started),
    };
    return observed ? { ...base, observed } : base;
  };

  const codeOk = record('code', codeProblems(code));
  if (!record('url', urlProblems(url))) return report();

  const sdlAnswer = await postGraphQL(url, SDL_QUERY, undefined, timeoutMs, options.destinations);
  if (!sdlAnswer.ok) {
    record('sdl', [sdlAnswer.reason]);
    return report();
  }
  const service = (sdlAnswer.body.data as { _service?: { sdl?: unknown } } | null | undefined)?._service;
  if (typeof service?.sdl !== 'string') {
    const errors = graphqlErrors(sdlAnswer.body);
    record('sdl', [
      `subgraph does not answer { _service { sdl } } (not a federation subgraph)${errors.length ? `: ${errors.join('; ')}` : ''}`,
    ]);
    return report();
  }
  record('sdl', []);
  const comparison = compareWithContract(service.sdl);
  warnings.push(...comparison.warnings);
  const contractOk = record('contract', comparison.problems);
  if (!contractOk || !codeOk) return report();

  const smokeAnswer = await postGraphQL(url, SMOKE_QUERY, undefined, timeoutMs, options.destinations);
  if (!smokeAnswer.ok) {
    record('smoke', [smokeAnswer.reason]);
    return report();
  }
  const errors = graphqlErrors(smokeAnswer.body).map((m) => `smoke query: the subgraph answered an error: ${m}`);
  const smoke = checkSmokeAnswer(smokeAnswer.body, code);
  observed = smoke.agency;
  if (!record('smoke', [...errors, ...smoke.problems])) return report();

  const first = smoke.courseIds[0];
  if (first) {
    const entityAnswer = await postGraphQL(
      url,
      ENTITY_QUERY,
      { r: [{ __typename: 'Course', id: first }] },
      timeoutMs,
      options.destinations,
    );
    record('entities', entityAnswer.ok ? checkEntityAnswer(entityAnswer.body, first) : [entityAnswer.reason]);
  } else {
    warnings.push('the catalogue is empty: reference resolution was not checked');
  }

  const countsAnswer = await postGraphQL(
    url,
    COUNTS_QUERY,
    undefined,
    options.countsTimeoutMs ?? 20_000,
    options.destinations,
  );
  const counts = countsAnswer.ok
    ? checkCountsAnswer(countsAnswer.body, code)
    : { problems: [], warnings: [`counts not checked: ${countsAnswer.reason}`] };
  warnings.push(...counts.warnings);
  record('counts', counts.problems);
  return report();
}

/** A readable multi-line report, for `convergence check`. */
export function formatGateReport(report: GateReport): string {
  const lines = [`Conformance gate for agency "${report.code}" at ${report.url}`];
  for (const check of report.checks) {
    lines.push(`  ${check.ok ? 'PASS' : 'FAIL'}  ${check.step}`);
    for (const problem of check.problems) lines.push(`          - ${problem}`);
  }
  for (const warning of report.warnings) lines.push(`  WARN  ${warning}`);
  if (report.observed) lines.push(`  subgraph says: ${report.observed.name} (${lmsKindName(report.observed.lmsKind)})`);
  lines.push(
    report.ok
      ? `READY to register (${report.elapsedMs} ms)`
      : `REFUSED: ${report.reasons.length} problem(s) (${report.elapsedMs} ms)`,
  );
  return lines.join('\n');
}
