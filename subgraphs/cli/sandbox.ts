import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxAgency as SandboxAgencySpec, SimulatorDescriptor } from '../../adapters/core/descriptor.js';
import { BUILT_IN_ADAPTERS, UPSTREAM_SIMULATORS } from '../../adapters/kinds.js';
import { AssertionSigner } from '../../gateway/auth/assertion.js';
import type { LmsKind } from '../../schema/lmsKind.js';
import { DEFAULT_ASSERTION_ISSUER } from '../../schema/principal.js';
import { LOOPBACK_DESTINATIONS } from '../registry/gate/destination.js';
import { SANDBOX_GATEWAY_AUDIENCE } from './identityProvider.js';
import { type ProcessHandle, startCliProcess } from './processes.js';
import { type SandboxRecognition, seedSandboxRecognition } from './sandboxRecognition.js';
import { registerSandboxAgencies } from './sandboxRegistry.js';

interface SandboxPlan extends SandboxAgencySpec {
  readonly kind: LmsKind;
  readonly simulator: SimulatorDescriptor;
}

/**
 * The sandbox's agencies, from the registry of kinds: every sandbox agency of every kind's simulator, in
 * code order (their ports follow that order), each over a simulator with its own seeded data.
 */
export const SANDBOX_AGENCIES: readonly SandboxPlan[] = BUILT_IN_ADAPTERS.flatMap((descriptor) => {
  const simulator = descriptor.simulator;
  return simulator ? simulator.sandboxAgencies.map((a) => ({ ...a, kind: descriptor.kind, simulator })) : [];
}).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

export interface SandboxOptions {
  /** Gateway port. @default 4000; 0 lets the OS pick every port (tests). */
  readonly gatewayPort?: number;
  readonly echo?: boolean;
  /** Gateway settings merged into its config (timeouts in tests). */
  readonly gateway?: Readonly<Record<string, unknown>>;
  /** Only these sandbox agencies (codes), for tests that need a few. @default all of them */
  readonly agencies?: readonly string[];
  /** Curriculum settings merged into its config (a short refresh interval in tests). */
  readonly curriculum?: Readonly<Record<string, unknown>>;
  /**
   * The insights subgraph harvests every agency once at start, so that KPIs answer out of the box. Tests
   * that count LMS calls, or do not read KPIs, turn it off: a harvest walks every LMS in the background.
   * @default true
   */
  readonly harvestOnStart?: boolean;
}

export interface SandboxAgency {
  readonly code: string;
  readonly kind: LmsKind;
  readonly simulator: ProcessHandle;
  readonly subgraph: ProcessHandle;
}

export interface Sandbox extends AsyncDisposable {
  readonly gateway: ProcessHandle;
  /** The agency registry; the gateway's directory follows it. */
  readonly registry: ProcessHandle;
  /** The registry admin bearer token of this sandbox run (random each time). */
  readonly adminToken: string;
  /** The sandbox OpenID Provider (oidc-provider) whose access tokens the gateway accepts. */
  readonly identityProvider: ProcessHandle;
  /** The curriculum subgraph (near-duplicates, SDG coverage); the gateway routes its fields to it. */
  readonly curriculum: ProcessHandle;
  /** Its private signing keys (JWKS), for tests that craft edge-case tokens. */
  readonly identityKeysFile: string;
  /** The gateway's audit trail of personal-data reads (JSON lines). */
  readonly auditLogFile: string;
  /** The gateway's public assertion keys, as agency subgraphs and the registry read them. */
  readonly gatewayJwksFile: string;
  /** The gateway's assertion key (PKCS#8 PEM), for another gateway instance over the same agencies. */
  readonly gatewayAssertionKey: string;
  readonly agencies: readonly SandboxAgency[];
  /**
   * Simulators of upstreams, by name: `platform`, the external learning platforms (the `platform` kind's
   * simulator, which also serves the sandbox's platform agency its catalogue).
   */
  readonly upstreams: Readonly<Record<string, ProcessHandle>>;
  /** The insights subgraph (harvested KPIs); it harvests every agency once at start. */
  readonly insights: ProcessHandle;
  /** Providers and agreements registered at start-up (sandboxRecognition.ts). */
  readonly recognition: SandboxRecognition;
  stop(): Promise<void>;
}

/** A `${NAME}` environment reference for a config file. */
const envRef = (name: string): string => `\${${name}}`;

/** Starts simulators, one agency subgraph per simulator, and the gateway, all as real processes. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const ephemeral = options.gatewayPort === 0;
  const dir = mkdtempSync(join(tmpdir(), 'convergence-sandbox-'));
  const started: ProcessHandle[] = [];
  const track = async (promise: Promise<ProcessHandle>) => {
    const handle = await promise;
    started.push(handle);
    return handle;
  };
  const stop = async () => {
    await Promise.all(started.map((p) => p.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  const echo = options.echo ?? false;
  const plans = options.agencies
    ? SANDBOX_AGENCIES.filter((a) => options.agencies?.includes(a.code))
    : SANDBOX_AGENCIES;
  try {
    // The gateway's assertion key is made here so that every subgraph can be given its public JWKS before
    // the gateway starts (agencies need not reach the gateway: it is the gateway that calls them).
    const assertionKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const gatewayJwksFile = join(dir, 'gateway-jwks.json');
    const signer = await AssertionSigner.create({ privateKeyPem: assertionKey, issuer: DEFAULT_ASSERTION_ISSUER });
    writeFileSync(gatewayJwksFile, JSON.stringify(signer.jwks()));
    const gatewayTrust = { jwksFile: gatewayJwksFile };
    const identityKeysFile = join(dir, 'identity-provider-keys.json');
    const identityProvider = await track(
      startCliProcess(
        'identity-provider',
        ['identity-provider', '--port', String(ephemeral ? 0 : 4002), '--keys', identityKeysFile],
        { echo },
      ),
    );
    const simulators = await Promise.all(
      plans.map((a, i) =>
        track(
          startCliProcess(
            `${a.code}-${a.kind}-simulator`,
            ['simulator', '--kind', a.kind, '--seed', String(a.seed), '--port', String(ephemeral ? 0 : 4200 + i)],
            { echo },
          ),
        ),
      ),
    );
    // Upstreams that are not an LMS (the registry of kinds lists them): the external learning platforms.
    const upstreamHandles = await Promise.all(
      UPSTREAM_SIMULATORS.map((u, i) =>
        track(
          startCliProcess(
            `${u.name}-simulator`,
            ['simulator', '--kind', u.name, '--seed', '1', '--port', String(ephemeral ? 0 : 4290 + i)],
            { echo },
          ),
        ),
      ),
    );
    // The external platforms' simulator is the `platform` kind's: it serves the sandbox's platform agency its
    // catalogue and issues the credentials learners present (recognition below).
    const platformAgency = plans.findIndex((a) => a.kind === 'platform');
    const upstreams: Record<string, ProcessHandle> = {
      ...Object.fromEntries(UPSTREAM_SIMULATORS.map((u, i) => [u.name, upstreamHandles[i]!])),
      ...(platformAgency >= 0 ? { platform: simulators[platformAgency]! } : {}),
    };
    const secretVarOf = (code: string) => `${code.toUpperCase().replace(/-/g, '_')}_LMS_SECRET`;
    const agencyConfigs: string[] = [];
    const subgraphs = await Promise.all(
      plans.map((a, i) => {
        // Environment names take no hyphens (agency codes may: `sdg-oer`).
        const secretVar = secretVarOf(a.code);
        const config = {
          agency: { code: a.code, name: a.name },
          port: ephemeral ? 0 : 4100 + i,
          logLevel: 'warn',
          // The credential as an environment reference: config files hold `${...}`, never the secret itself.
          lms: a.simulator.settings(simulators[i]!.url, envRef(secretVar)),
          gateway: gatewayTrust,
          // The registry gate's first catalogue read waits for a whole walk (30 s, as the gate does); calls
          // through the gateway still stop when the gateway's budget is spent.
          limits: { maxRequestMs: 30_000 },
        };
        const path = join(dir, `agency-${a.code}.json`);
        writeFileSync(path, JSON.stringify(config, null, 2));
        agencyConfigs.push(path);
        return track(
          startCliProcess(`${a.code}-subgraph`, ['agency', '--config', path], {
            echo,
            env: { [secretVar]: a.simulator.secret },
          }),
        );
      }),
    );
    // The registry owns the directory: the sandbox registers its agencies through the same gate as anyone.
    const adminToken = randomBytes(24).toString('base64url');
    // Gateways read the directory with a read-only token: they cannot change registrations.
    const tokenEnv = {
      REGISTRY_ADMIN_TOKEN: adminToken,
      REGISTRY_DIRECTORY_TOKEN: randomBytes(24).toString('base64url'),
      // The insights harvest's own read-only credential: the directory and the recognition feed.
      REGISTRY_HARVEST_TOKEN: randomBytes(24).toString('base64url'),
    };
    const registryPath = join(dir, 'registry.json');
    const registryConfig = {
      port: ephemeral ? 0 : 4001,
      logLevel: 'warn',
      adminToken: envRef('REGISTRY_ADMIN_TOKEN'),
      directoryToken: envRef('REGISTRY_DIRECTORY_TOKEN'),
      harvestToken: envRef('REGISTRY_HARVEST_TOKEN'),
      store: { kind: 'sqlite', path: join(dir, 'registry.sqlite') },
      health: { intervalMs: 5_000 },
      // The sandbox registers every agency the moment it starts, on a machine busy starting the rest: the
      // gate's first catalogue read of a freshly started OAI-PMH agency walks its whole repository.
      gateTimeoutMs: 30_000,
      // Every sandbox agency answers on loopback; a production registry calls public addresses only.
      allowedDestinations: LOOPBACK_DESTINATIONS,
      gateway: gatewayTrust,
      // The platform simulator issues credentials from loopback over http: the sandbox's verifier may fetch
      // there. Never in production (README "Credential verification").
      // Status lists are not cached, so a revocation at the simulator shows at once.
      recognition: { verifier: { allowHttp: true, allowPrivateNetwork: true, statusCacheMs: 0 } },
    };
    writeFileSync(registryPath, JSON.stringify(registryConfig, null, 2));
    const registry = await track(
      startCliProcess('registry', ['registry', '--config', registryPath], { echo, env: tokenEnv }),
    );
    await registerSandboxAgencies(
      registry.url,
      adminToken,
      plans.map((a, i) => ({
        code: a.code,
        name: a.name,
        lmsKind: a.kind,
        url: subgraphs[i]!.url,
      })),
    );
    const platform = upstreams.platform;
    const unicef = plans.findIndex((a) => a.code === 'unicef');
    const recognition =
      platform && unicef >= 0
        ? await seedSandboxRecognition(registry.url, adminToken, platform.url, subgraphs[unicef]!.url)
        : { agreements: {}, unicefCourse: { id: '', title: '' } };
    // The harvested KPIs (issue 15): the insights subgraph harvests every agency through the same LMS
    // connections as their subgraphs, into an embedded store, once at start (KPIs answer out of the box).
    const insightsPath = join(dir, 'insights.json');
    writeFileSync(
      insightsPath,
      JSON.stringify(
        {
          port: ephemeral ? 0 : 4004,
          logLevel: 'warn',
          store: { kind: 'pglite', path: join(dir, 'insights') },
          gateway: gatewayTrust,
          agencies: agencyConfigs,
          // The harvest's own registry credential: the directory and the recognition feed it counts.
          registry: { url: registry.url, token: envRef('REGISTRY_HARVEST_TOKEN') },
          harvest: { onStart: options.harvestOnStart ?? true, intervalMs: 600_000 },
        },
        null,
        2,
      ),
    );
    const insights = await track(
      startCliProcess('insights', ['insights', '--config', insightsPath], {
        echo,
        env: {
          ...tokenEnv,
          ...Object.fromEntries(plans.map((a) => [secretVarOf(a.code), a.simulator.secret])),
        },
      }),
    );
    // The curriculum reads the directory as the gateway does, and every agency's public catalogue once
    // before it listens: the gateway starts with its fields answerable.
    const curriculumPath = join(dir, 'curriculum.json');
    const curriculumConfig = {
      port: ephemeral ? 0 : 4003,
      logLevel: 'warn',
      registry: { url: registry.url, token: envRef('REGISTRY_DIRECTORY_TOKEN'), pollIntervalMs: 5_000 },
      // Catalogues are re-read every 5 minutes (the default); new registrations at the next directory poll.
      refreshIntervalMs: 300_000,
      ...options.curriculum,
    };
    writeFileSync(curriculumPath, JSON.stringify(curriculumConfig, null, 2));
    const curriculum = await track(
      startCliProcess('curriculum', ['curriculum', '--config', curriculumPath], { echo, env: tokenEnv }),
    );
    const auditLogFile = join(dir, 'audit.log');
    const { auth: authOverrides, ...gatewayOverrides } = (options.gateway ?? {}) as { auth?: object };
    const subgraphUrls = { curriculum: curriculum.url, insights: insights.url };
    const gatewayConfig = {
      port: options.gatewayPort ?? 4000,
      logLevel: 'warn',
      registry: { url: registry.url, token: envRef('REGISTRY_DIRECTORY_TOKEN'), pollIntervalMs: 1_000 },
      auth: {
        issuers: [{ issuer: identityProvider.url, audience: SANDBOX_GATEWAY_AUDIENCE }],
        assertion: { privateKey: envRef('GATEWAY_ASSERTION_KEY') },
        audit: { destination: auditLogFile },
        ...authOverrides,
      },
      subgraphUrls,
      ...gatewayOverrides,
    };
    const gatewayPath = join(dir, 'gateway.json');
    writeFileSync(gatewayPath, JSON.stringify(gatewayConfig, null, 2));
    const gateway = await track(
      startCliProcess('gateway', ['gateway', '--config', gatewayPath], {
        echo,
        env: { ...tokenEnv, GATEWAY_ASSERTION_KEY: assertionKey },
      }),
    );
    const agencies = plans.map((a, i) => ({
      code: a.code,
      kind: a.kind,
      simulator: simulators[i]!,
      subgraph: subgraphs[i]!,
    }));
    return {
      gateway,
      registry,
      adminToken,
      identityProvider,
      curriculum,
      identityKeysFile,
      auditLogFile,
      gatewayJwksFile,
      gatewayAssertionKey: assertionKey,
      agencies,
      upstreams,
      insights,
      recognition,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
