import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authConfigSchema, createGatewayAuth } from '../../gateway/auth/index.js';
import { AgencyDirectory } from '../../gateway/directory.js';
import { RegistryDirectorySource } from '../../gateway/registrySource.js';
import { type RunningGateway, SUPERGRAPH_FILE, startGateway } from '../../gateway/server.js';
import { Secret } from '../../schema/config/secret.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { type RunningRegistry, startRegistry } from '../../subgraphs/registry/server.js';
import { createRegistryKeyv } from '../../subgraphs/registry/store/backends.js';
import { RegistryStore } from '../../subgraphs/registry/store/registryStore.js';
import { ALLOW_LOOPBACK } from '../support/loopback.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';
import { TestIssuer } from '../support/testIssuer.js';

const TOKEN = 'test-admin-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'registry-subgraph-'));
let registry: RunningRegistry;
let gateway: RunningGateway;
let source: RegistryDirectorySource;
let fao: RunningAgencySubgraph;
let issuer: TestIssuer;
/** Access tokens of a REGISTRY_ADMIN and of a learner, from a trusted issuer. */
let ADMIN_JWT: string;
let LEARNER_JWT: string;

type Answer = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
};
async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

const REGISTER = `mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { code status health { status } } }`;
const faoInput = () => ({
  code: 'fao',
  name: 'FAO',
  lmsKind: 'CUSTOM',
  subgraphUrl: fao.url,
  contact: 'learning@fao.org',
});

beforeAll(async () => {
  issuer = await TestIssuer.start();
  ADMIN_JWT = await issuer.sign({ roles: ['REGISTRY_ADMIN'] });
  LEARNER_JWT = await issuer.sign({ roles: ['LEARNER'] });
  const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const auth = await createGatewayAuth(
    authConfigSchema.parse({
      issuers: [{ issuer: issuer.url, audience: 'gateway' }],
      audit: { destination: join(dir, 'audit.log') },
    }),
    supergraphSdl,
  );
  const jwksFile = join(dir, 'gateway-jwks.json');
  writeFileSync(jwksFile, JSON.stringify(auth.signer.jwks()));
  fao = await startAgencySubgraph({
    agency: { code: 'fao', name: 'FAO', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(3, 12)),
  });
  registry = await startRegistry({
    ...ALLOW_LOOPBACK,
    store: new RegistryStore(createRegistryKeyv({ kind: 'sqlite', path: join(dir, 'r.sqlite') })),
    adminToken: new Secret(TOKEN),
    health: { intervalMs: 200 },
    gateway: { jwksFile, issuer: auth.signer.issuer },
  });
  const directory = new AgencyDirectory();
  source = new RegistryDirectorySource(directory, { url: registry.url, token: TOKEN, pollIntervalMs: 100 });
  await source.start();
  gateway = await startGateway({
    directory,
    agencyTimeoutMs: 2000,
    deadlineMs: 4000,
    cursorSecret: 'test-secret-0123456789',
    subgraphUrls: { registry: registry.url },
    supergraphSdl,
    auth,
  });
});
afterAll(async () => {
  source?.stop();
  await gateway?.stop();
  await registry?.stop();
  await fao?.stop();
  await issuer?.[Symbol.asyncDispose]();
  rmSync(dir, { recursive: true, force: true });
});

const until = async (check: () => Promise<boolean>, timeoutMs = 5000) => {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
};

describe('registry subgraph behind the gateway (in-process)', () => {
  it('refuses mutations without a REGISTRY_ADMIN token, or with a bad or other-role one', async () => {
    const anonymous = await gql(gateway.url, REGISTER, { input: faoInput() });
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    // The registry's own admin token is not an access token of a trusted issuer: refused at the gateway.
    const opaque = await gql(gateway.url, REGISTER, { input: faoInput() }, TOKEN);
    expect(opaque.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const learner = await gql(gateway.url, REGISTER, { input: faoInput() }, LEARNER_JWT);
    expect(learner.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('registers through the gateway (REGISTRY_ADMIN asserted to the registry), then routes to the agency', async () => {
    const answer = await gql(gateway.url, REGISTER, { input: faoInput() }, ADMIN_JWT);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.registerAgency).toMatchObject({ code: 'fao', status: 'ACTIVE' });
    await until(async () => {
      const page = await gql(gateway.url, '{ courses(first: 50) { totalCount } }');
      return (page.data?.courses as { totalCount: number } | undefined)?.totalCount === 12;
    });
  });

  it('joins registry fields onto the learning contract’s agencies, with health', async () => {
    await until(async () => {
      const answer = await gql(gateway.url, '{ agencies { code name status acronym health { status latencyMs } } }');
      const first = (answer.data?.agencies as { health: { status: string } }[] | undefined)?.[0];
      return first?.health.status === 'UP';
    });
    const admin = await gql(
      gateway.url,
      '{ registeredAgency(code: "fao") { registration { contact } } }',
      {},
      ADMIN_JWT,
    );
    expect(admin.data?.registeredAgency).toEqual({ registration: { contact: 'learning@fao.org' } });
    const anonymous = await gql(gateway.url, '{ registeredAgency(code: "fao") { code registration { contact } } }');
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a duplicate code with CONFLICT', async () => {
    const again = await gql(registry.url, REGISTER, { input: faoInput() }, TOKEN);
    expect(again.errors?.[0]?.extensions.code).toBe('CONFLICT');
  });

  it('answers malformed input with BAD_USER_INPUT and the reasons', async () => {
    const input = { ...faoInput(), code: 'Not A Code', name: ' ' };
    const refused = await gql(registry.url, REGISTER, { input }, TOKEN);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reasons: [expect.stringMatching(/not a lowercase slug/), 'name must not be empty'],
    });
  });

  it('refuses a registration whose name or LMS kind disagrees with what the subgraph serves', async () => {
    const input = { ...faoInput(), code: 'fao2' };
    await using other = await startAgencySubgraph({
      agency: { code: 'fao2', name: 'FAO two', lmsKind: 'moodle' },
      adapter: createMemoryAdapter(memoryData(4, 2)),
    });
    const refused = await gql(registry.url, REGISTER, { input: { ...input, subgraphUrl: other.url } }, TOKEN);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'REGISTRATION_REFUSED',
      reasons: [
        'the subgraph names the agency "FAO two", the registration "FAO"; they must match',
        'the subgraph says its LMS is MOODLE, the registration CUSTOM; they must match',
      ],
    });
  });

  it('refuses with REGISTRATION_REFUSED and the reasons', async () => {
    const input = { ...faoInput(), code: 'wfp', subgraphUrl: 'ftp://127.0.0.1/graphql' };
    const refused = await gql(registry.url, REGISTER, { input }, TOKEN);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'REGISTRATION_REFUSED',
      reasons: [expect.stringMatching(/scheme "ftp" is not allowed/)],
    });
  });

  it('re-runs the gate when the subgraph URL changes, and keeps the old one on refusal', async () => {
    const update = 'mutation($input: UpdateAgencyInput!) { updateAgency(code: "fao", input: $input) { acronym } }';
    const refused = await gql(registry.url, update, { input: { subgraphUrl: 'http://u:p@127.0.0.1:1/' } }, TOKEN);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'REGISTRATION_REFUSED' });
    const renamed = await gql(registry.url, update, { input: { acronym: 'FAO' } }, TOKEN);
    expect(renamed.data?.updateAgency).toEqual({ acronym: 'FAO' });
    const url = await gql(
      registry.url,
      '{ registeredAgency(code: "fao") { registration { subgraphUrl } } }',
      {},
      TOKEN,
    );
    expect(url.data?.registeredAgency).toEqual({ registration: { subgraphUrl: fao.url } });
  });

  it('suspends: the agency stops getting traffic', async () => {
    const suspended = await gql(registry.url, 'mutation { suspendAgency(code: "fao") { status } }', {}, TOKEN);
    expect(suspended.data?.suspendAgency).toEqual({ status: 'SUSPENDED' });
    await until(async () => {
      const page = await gql(gateway.url, '{ courses(first: 50) { totalCount } }');
      return (page.data?.courses as { totalCount: number } | undefined)?.totalCount === 0;
    });
    const activated = await gql(registry.url, 'mutation { activateAgency(code: "fao") { status } }', {}, TOKEN);
    expect(activated.data?.activateAgency).toEqual({ status: 'ACTIVE' });
    await until(async () => {
      const page = await gql(gateway.url, '{ courses(first: 50) { totalCount } }');
      return (page.data?.courses as { totalCount: number } | undefined)?.totalCount === 12;
    });
    const removed = await gql(registry.url, 'mutation { removeAgency(code: "fao") { code } }', {}, TOKEN);
    expect(removed.data?.removeAgency).toEqual({ code: 'fao' });
    const gone = await gql(registry.url, 'mutation { removeAgency(code: "fao") { code } }', {}, TOKEN);
    expect(gone.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
