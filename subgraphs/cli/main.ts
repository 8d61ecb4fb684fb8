/**
 * `convergence <command>`: starts any single process from a config file, or the whole sandbox.
 *
 *   sandbox   [--port 4000]                     simulators, agency subgraphs and the gateway on loopback
 *   gateway   --config gateway.yaml             the one GraphQL endpoint
 *   agency    --config agency.yaml              one agency subgraph next to its LMS
 *   simulator --kind moodle --seed 1 --port 0   a wire-faithful fake LMS with seeded data
 *   registry  --config registry.yaml            the agency registry subgraph and its store
 *   curriculum --config curriculum.yaml         near-duplicates and SDG coverage over the agencies' catalogues
 *   register | suspend | activate | remove | list | check   registry administration (see USAGE)
 *   identity-provider [--port 4002] [--keys file]          the sandbox OpenID Provider
 *   token     --as <e-mail> [--issuer url]               an access token from the sandbox provider
 *   insights  --config insights.yaml            the harvested-KPI subgraph (harvests on a schedule)
 *   harvest   [status|worker] --config insights.yaml [--agency who] [--full]   harvest agencies now
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { useCompactHeap } from '../../gateway/heap.js';
import { ConfigError } from '../../schema/config/configError.js';
import { HOME_GROWN_KIND, LMS_KINDS } from '../../schema/lmsKind.js';
import { UsageError } from './usageError.js';

// The kinds come from the generated list (schema/lmsKinds.generated.ts), not from the registry of kinds
// itself: loading every adapter just to print usage would double the start-up of one-shot commands. The
// upstream simulators (adapters/kinds.ts UPSTREAM_SIMULATORS) are named in prose; a wrong --kind lists them all.
const USAGE = `usage: convergence <command> [options]
  sandbox   [--port 4000]
  gateway   --config <file.yaml|file.json>
  agency    --config <file.yaml|file.json>
  simulator --kind <${LMS_KINDS.filter((kind) => kind !== HOME_GROWN_KIND).join('|')}> [--seed 1] [--port 0]
  registry  --config <file.yaml|file.json>
  curriculum --config <file.yaml|file.json>
  register  --code <code> --name <name> --kind <${LMS_KINDS.join('|')}> --url <subgraph-url>
            [--acronym WHO] [--contact <e-mail>]
  suspend | activate | remove <code>
  list      [--status active|suspended]
  check     <subgraph-url> [--code <code>]
  identity-provider [--port 4002] [--keys <private-jwks.json>]
  token     --as <e-mail> [--issuer http://127.0.0.1:4002]   prints an access token for the gateway
  insights  --config <insights.yaml>
  harvest   --config <insights.yaml> [--agency <code>] [--full]   one harvest cycle now, with progress
  harvest status --config <insights.yaml>    each agency's last success, duration, items and lag
  harvest worker --config <insights.yaml>    a pg-boss worker sharing the harvest (PostgreSQL store)
  Admin commands take --registry <url> --token <admin token>, or CONVERGENCE_REGISTRY_URL and
  CONVERGENCE_ADMIN_TOKEN from the environment.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) fail(`--${name} must be a non-negative integer`);
  return parsed;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      kind: { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean' },
      registry: { type: 'string' },
      token: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      url: { type: 'string' },
      acronym: { type: 'string' },
      contact: { type: 'string' },
      status: { type: 'string' },
      as: { type: 'string' },
      issuer: { type: 'string' },
      keys: { type: 'string' },
      agency: { type: 'string' },
      full: { type: 'boolean' },
    },
  });
  const [command, argument] = positionals;
  if (values.help || !command) fail('');
  const needConfig = () => values.config ?? fail(`${command} needs --config <file>`);
  // Each command loads only its own modules: one-shot admin commands start in about half the time.
  switch (command) {
    case 'sandbox':
      return (await import('./sandboxCommand.js')).runSandbox(integer(values.port, 'port', 4000));
    case 'gateway':
      // Before the gateway's modules load, so that every collection from the first one follows it.
      useCompactHeap();
      return (await import('./gateway.js')).runGateway(needConfig());
    case 'agency':
      return (await import('./agency.js')).runAgency(needConfig());
    case 'registry':
      return (await import('./registry.js')).runRegistry(needConfig());
    case 'curriculum':
      return (await import('./curriculum.js')).runCurriculum(needConfig());
    case 'register':
    case 'suspend':
    case 'activate':
    case 'remove':
    case 'list':
      return (await import('./registryAdmin.js')).runAdminCommand(command, argument, values);
    case 'identity-provider':
      return (await import('./identityProvider.js')).runIdentityProvider(
        integer(values.port, 'port', 4002),
        values.keys,
      );
    case 'token':
      return (await import('./token.js')).runToken(values.as, values.issuer ?? process.env.CONVERGENCE_ISSUER_URL);
    case 'insights':
      return (await import('./insights.js')).runInsights(needConfig());
    case 'harvest':
      if (argument === 'status') return (await import('./harvest.js')).runHarvestStatus(values);
      if (argument === 'worker') return (await import('./harvestWorker.js')).runHarvestWorker(values);
      if (argument !== undefined) fail(`unknown harvest command: ${argument}`);
      return (await import('./harvest.js')).runHarvestCommand(values);
    case 'check':
      return (await import('./registryAdmin.js')).runCheck(argument, values);
    case 'simulator':
      return (await import('./simulator.js')).runSimulator(
        values.kind,
        integer(values.seed, 'seed', 1),
        integer(values.port, 'port', 0),
      );
    default:
      fail(`unknown command: ${command}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) fail(error.message);
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`convergence: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
