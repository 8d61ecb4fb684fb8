import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../gateway/directory.js';
import { RegistryDirectorySource } from '../../gateway/registrySource.js';
import { type RunningGateway, startGateway } from '../../gateway/server.js';
import { Secret } from '../../schema/config/secret.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { type RunningRegistry, startRegistry } from '../../subgraphs/registry/server.js';
import { createRegistryKeyv } from '../../subgraphs/registry/store/backends.js';
import { RegistryStore } from '../../subgraphs/registry/store/registryStore.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

const TOKEN = 'test-admin-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'registry-subgraph-'));
let registry: RunningRegistry;
let gateway: RunningGateway;
let source: RegistryDirectorySource;
let fao: RunningAgencySubgraph;

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
  fao = await startAgencySubgraph({
    agency: { code: 'fao', name: 'FAO', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(3, 12)),
  });
  registry = await startRegistry({
    store: new RegistryStore(createRegistryKeyv({ kind: 'sqlite', path: join(dir, 'r.sqlite') })),
    adminToken: new Secret(TOKEN),
    health: { intervalMs: 200 },
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
  });
});
afterAll(async () => {
  source?.stop();
  await gateway?.stop();
  await registry?.stop();
  await fao?.stop();
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
  it('refuses mutations without the admin credential, or with a wrong one', async () => {
    const anonymous = await gql(gateway.url, REGISTER, { input: faoInput() });
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const wrong = await gql(gateway.url, REGISTER, { input: faoInput() }, 'not-the-token-at-all');
    expect(wrong.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('registers through the gateway (Authorization forwarded), then routes to the agency', async () => {
    const answer = await gql(gateway.url, REGISTER, { input: faoInput() }, TOKEN);
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
    const admin = await gql(gateway.url, '{ registeredAgency(code: "fao") { registration { contact } } }', {}, TOKEN);
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
