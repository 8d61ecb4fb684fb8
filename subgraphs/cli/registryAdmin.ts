import { LMS_KINDS, lmsKindName, parseLmsKind } from '../../schema/lmsKind.js';
import {
  AGENCY_FIELDS,
  type RegistryClientOptions,
  RegistryRequestError,
  registryRequest,
} from '../registry/client.js';
import { loadRegistryClientSettings } from '../registry/config.js';
import { ANY_DESTINATION, DestinationPolicy } from '../registry/gate/destination.js';
import { postGraphQL } from '../registry/gate/fetch.js';
import { formatGateReport, runRegistrationGate } from '../registry/gate/index.js';
import { UsageError } from './usageError.js';

/** Flags of the admin commands; `--registry`/`--token` fall back to CONVERGENCE_REGISTRY_URL/_ADMIN_TOKEN. */
export interface AdminFlags {
  readonly registry?: string | undefined;
  readonly token?: string | undefined;
  readonly code?: string | undefined;
  readonly name?: string | undefined;
  readonly kind?: string | undefined;
  readonly url?: string | undefined;
  readonly acronym?: string | undefined;
  readonly contact?: string | undefined;
  readonly status?: string | undefined;
}

interface AgencyRow {
  code: string;
  name: string;
  acronym: string | null;
  lmsKind: string;
  status: string;
  registeredAt: string;
  health: { status: string; lastError: string | null; latencyMs: number | null };
  registration?: { subgraphUrl: string; contact: string | null } | null;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function client(flags: AdminFlags): RegistryClientOptions {
  const settings = loadRegistryClientSettings();
  const url = flags.registry ?? settings.url;
  if (!url) throw new UsageError('give the registry URL with --registry <url> or CONVERGENCE_REGISTRY_URL');
  return { url, token: flags.token ?? settings.token };
}

const need = (value: string | undefined, flag: string) => {
  if (!value) throw new UsageError(`--${flag} is required`);
  return value;
};

function describeAgency(a: AgencyRow): string {
  const health = `${a.health.status}${a.health.latencyMs !== null ? ` ${a.health.latencyMs}ms` : ''}`;
  const url = a.registration ? `  ${a.registration.subgraphUrl}` : '';
  const error = a.health.lastError ? `  (${a.health.lastError})` : '';
  return `${a.code.padEnd(16)} ${a.status.padEnd(9)} ${a.lmsKind.padEnd(14)} ${health.padEnd(14)} ${a.name}${url}${error}`;
}

/** `register`, `suspend`, `activate`, `remove`, `list`: admin calls to a running registry. */
export async function runAdminCommand(
  command: string,
  positional: string | undefined,
  flags: AdminFlags,
): Promise<void> {
  const options = client(flags);
  try {
    switch (command) {
      case 'register': {
        const kind = parseLmsKind(need(flags.kind, 'kind'));
        if (!kind) throw new UsageError(`--kind must be one of ${LMS_KINDS.join(', ')}`);
        const input = {
          code: need(flags.code, 'code'),
          name: need(flags.name, 'name'),
          lmsKind: lmsKindName(kind),
          subgraphUrl: need(flags.url ?? positional, 'url'),
          acronym: flags.acronym ?? null,
          contact: flags.contact ?? null,
        };
        const data = await registryRequest<{ registerAgency: AgencyRow }>(
          options,
          `mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { ${AGENCY_FIELDS} } }`,
          { input },
        );
        return out(`registered: ${describeAgency(data.registerAgency)}`);
      }
      case 'suspend':
      case 'activate':
      case 'remove': {
        const code = need(flags.code ?? positional, 'code');
        const field = `${command}Agency`;
        const data = await registryRequest<Record<string, AgencyRow>>(
          options,
          `mutation($code: String!) { ${field}(code: $code) { ${AGENCY_FIELDS} } }`,
          { code },
        );
        const done = { suspend: 'suspended', activate: 'activated', remove: 'removed' }[command];
        return out(`${done}: ${describeAgency(data[field]!)}`);
      }
      case 'list': {
        const status = flags.status?.toUpperCase() ?? null;
        const registration = options.token ? 'registration { subgraphUrl contact }' : '';
        const data = await registryRequest<{ registeredAgencies: AgencyRow[] }>(
          options,
          `query($status: AgencyStatus) { registeredAgencies(status: $status) { ${AGENCY_FIELDS} ${registration} } }`,
          { status },
        );
        out(`${'CODE'.padEnd(16)} ${'STATUS'.padEnd(9)} ${'LMS'.padEnd(14)} ${'HEALTH'.padEnd(14)} NAME`);
        for (const agency of data.registeredAgencies) out(describeAgency(agency));
        return out(`${data.registeredAgencies.length} agencies`);
      }
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (error) {
    if (!(error instanceof RegistryRequestError)) throw error;
    const lines = [
      `${command} failed (${error.code}): ${error.reasons.length ? 'the registry refused it' : error.message}`,
    ];
    for (const reason of error.reasons) lines.push(`  - ${reason}`);
    process.stderr.write(`${lines.join('\n')}\n`);
    process.exitCode = 1;
  }
}

/** `check <subgraph-url> [--code x]`: the registration gate, run from here, with a readable report. */
export async function runCheck(url: string | undefined, flags: AdminFlags): Promise<void> {
  const anywhere = new DestinationPolicy(ANY_DESTINATION);
  const target = need(url ?? flags.url, 'url');
  let code = flags.code;
  if (!code) {
    // Without --code, ask the subgraph which agency it serves, then hold it to that. Whatever the URL
    // answers (an HTML page, nothing), the gate below reports why; the probe never fails the command.
    const probe = await postGraphQL(target, '{ agencies { code } }', undefined, 5_000, anywhere);
    const agencies = probe.ok ? (probe.body.data as { agencies?: { code?: unknown }[] } | null)?.agencies : undefined;
    const named = Array.isArray(agencies) ? agencies[0]?.code : undefined;
    code = typeof named === 'string' ? named : 'unknown';
  }
  const report = await runRegistrationGate(code, target, { destinations: anywhere });
  out(formatGateReport(report));
  if (!report.ok) process.exitCode = 1;
}
