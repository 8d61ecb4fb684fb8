import { afterEach, describe, expect, it } from 'vitest';
import {
  CORNERSTONE_SANDBOX_CREDENTIALS,
  type CornerstoneSimulatorHandle,
  startCornerstoneSimulator,
} from '../../../../adapters/cornerstone/index.js';
import { createCornerstoneDataset, SHARED_PEOPLE } from '../../../../adapters/cornerstone/simulator/index.js';

const open: CornerstoneSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(options: Parameters<typeof startCornerstoneSimulator>[0] = {}) {
  const simulator = await startCornerstoneSimulator(options);
  open.push(simulator);
  const tokenResponse = await fetch(`${simulator.url}/services/api/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...CORNERSTONE_SANDBOX_CREDENTIALS, grantType: 'client_credentials', scope: 'all' }),
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const get = async (path: string, bearer: string | null = access_token) => {
    const response = await fetch(
      `${simulator.url}${path}`,
      bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {},
    );
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  return { simulator, get };
}

describe('cornerstone simulator', () => {
  it('serves a deterministic dataset per seed, with the shared people in every seed', () => {
    const a = createCornerstoneDataset(5);
    expect(createCornerstoneDataset(5)).toEqual(a);
    expect(createCornerstoneDataset(6).learningObjects[0]?.id).not.toBe(a.learningObjects[0]?.id);
    expect(a.learningObjects).toHaveLength(60);
    expect(a.users).toHaveLength(120);
    expect(new Set(a.learningObjects.map((lo) => lo.type))).toEqual(
      new Set(['Online Course', 'Event', 'Video', 'Curriculum', 'Material']),
    );
    for (const seed of [1, 2, 99]) {
      const data = createCornerstoneDataset(seed);
      for (const person of SHARED_PEOPLE) {
        const user = data.users.find((u) => u.externalId === person.externalId);
        expect(user?.email).toBe(person.email);
        const transcripts = data.transcripts.filter((t) => t.userId === user?.id);
        expect(transcripts.length).toBeGreaterThanOrEqual(4);
        expect(transcripts.some((t) => t.group === 'Completed')).toBe(true);
        expect(data.certifications.some((c) => c.userId === user?.id)).toBe(true);
      }
    }
  });

  it('answers 401 with the error envelope without a valid bearer, and 400/401 for bad token requests', async () => {
    const { simulator, get } = await start();
    for (const bearer of [null, 'forged']) {
      const answer = await get('/services/api/x/users/v2/employees', bearer);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ status: '401', error: { code: '401' } });
      expect(answer.body.timeStamp).toMatch(/\+0000$/);
    }
    const bad = await fetch(`${simulator.url}/services/api/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'x', clientSecret: 'y', grantType: 'client_credentials' }),
    });
    expect(bad.status).toBe(401);
  });

  it('expires tokens after tokenTtlSeconds', async () => {
    const { get } = await start({ tokenTtlSeconds: 0.05 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await get('/services/api/x/users/v2/employees')).status).toBe(401);
  });

  it('throttles per URI with the documented 429 body and x-csod headers, and records the violation', async () => {
    const { simulator, get } = await start({
      limits: { windowMs: 60_000, perWindow: { '/services/api/x/users/v2/employees': 2 } },
    });
    const first = await get('/services/api/x/users/v2/employees');
    expect(first.headers.get('x-csod-throttling-rate-limit-urilevel')).toBe('120');
    expect(first.headers.get('x-csod-requests-remaining-urilevel')).toBe('119');
    await get('/services/api/x/users/v2/employees');
    const third = await get('/services/api/x/users/v2/employees');
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ status: '429', error: { message: 'CSOD Too many requests.', code: '429' } });
    expect(third.headers.get('retry-after')).toBeNull();
    expect(simulator.stats.violations).toHaveLength(1);
    expect((await get('/services/api/v1/transcripts/overview?externalId=UN-100001')).status).toBe(200);
  });

  it('refuses an Employee API page token after its lifetime', async () => {
    const { get } = await start({ pageTokenTtlMs: 30 });
    const first = await get('/services/api/x/users/v2/employees?pageSize=10');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const token = encodeURIComponent(first.body.nextpagetoken as string);
    const late = await get(`/services/api/x/users/v2/employees?pageSize=10&nextPageToken=${token}`);
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ status: '400', error: { message: 'The page token is invalid or has expired.' } });
  });

  it('pages each endpoint as documented', async () => {
    const { get } = await start({ odataMaxPageSize: 50 });
    const catalog = await get('/services/api/Catalog/GlobalSearch?PageNumber=3');
    expect(catalog.body).toMatchObject({ status: '200' });
    expect(catalog.body.data).toHaveLength(10);
    expect((await get('/services/api/Catalog/GlobalSearch?PageNumber=4')).body.data).toEqual([]);
    const employees = await get('/services/api/x/users/v2/employees?pageSize=100');
    expect(employees.body.data).toHaveLength(100);
    const token = employees.body.nextpagetoken as string;
    const rest = await get(
      `/services/api/x/users/v2/employees?pageSize=100&nextPageToken=${encodeURIComponent(token)}`,
    );
    expect(rest.body.data).toHaveLength(20);
    expect(rest.body.nextpagetoken).toBeUndefined();
    const view = await get('/services/api/x/odata/api/views/vw_rpt_user?$count=true&$select=user_id,user_email');
    expect(view.body['@odata.count']).toBe(120);
    expect(view.body.value).toHaveLength(50);
    expect(Object.keys((view.body.value as object[])[0]!)).toEqual(['user_id', 'user_email']);
    expect(view.body['@odata.nextLink']).toMatch(/\$skiptoken=/);
    const byExternalId = await get('/services/api/x/users/v2/employees?externalId=UN-100003');
    expect(byExternalId.body).toEqual([expect.objectContaining({ primaryEmail: 'lucia.fernandez@un.org' })]);
  });

  it('Transcript Search: modification windows of at most 24 h with the documented defaults, 50 a page', async () => {
    const { simulator, get } = await start({ seed: 4 });
    const search = (query: string) => get(`/services/api/LOTranscript/TranscriptSearch?${query}`);
    const data = (answer: { body: Record<string, unknown> }) => answer.body.data as Array<Record<string, unknown>>;
    // Seeded records were last modified in 2023–2024: nothing in the default window (the last 24 h).
    expect(data(await search(''))).toEqual([]);
    // A window over 24 h is refused; a reversed one too.
    const tooLong = await search('ModificationStartDate=2024-01-01T00:00:00Z&ModificationEndDate=2024-01-02T00:00:01Z');
    expect(tooLong.status).toBe(400);
    expect((tooLong.body.error as { message: string }).message).toMatch(/24 hours/);
    expect(
      (await search('ModificationStartDate=2024-01-02T00:00:00Z&ModificationEndDate=2024-01-01T00:00:00Z')).status,
    ).toBe(400);
    expect((await search('ModificationStartDate=yesterday')).status).toBe(400);

    // A record changed now is found by the default window, by a start alone (the next 24 h) and an end alone
    // (the previous 24 h), with its new modification time.
    const record = simulator.dataset.transcripts[0]!;
    expect(
      simulator.updateTranscript(record.userId, record.loId, {
        group: 'Completed',
        statusId: 1,
        label: 'Completed',
        completedAt: Date.now(),
      }),
    ).toBe(true);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    for (const query of ['', `ModificationStartDate=${hourAgo}`, `ModificationEndDate=${inAnHour}`]) {
      const found = data(await search(query));
      expect(
        found.map((i) => i.LoId),
        query,
      ).toEqual([record.loId]);
      expect(Date.parse(String(found[0]!.ModificationDate).replace(/\+0000$/, 'Z'))).toBeGreaterThan(
        Date.now() - 60_000,
      );
    }
    expect(data(await search(`ModificationEndDate=${hourAgo}`))).toEqual([]);

    // Paging: 50 items a page, in `pageNumber` order; a busy day of the seeded data spans two pages.
    const day = (ms: number) => Math.floor(ms / 86_400_000);
    const perDay = new Map<number, number>();
    for (const t of simulator.dataset.transcripts)
      perDay.set(day(t.modifiedAt), (perDay.get(day(t.modifiedAt)) ?? 0) + 1);
    const [busiest, count] = [...perDay].sort((a, b) => b[1] - a[1])[0]!;
    const from = new Date(busiest * 86_400_000).toISOString();
    const to = new Date((busiest + 1) * 86_400_000 - 1).toISOString();
    const small = await start({ seed: 4, searchPageSize: Math.max(1, count - 1) });
    const page1 = data(
      await small.get(
        `/services/api/LOTranscript/TranscriptSearch?ModificationStartDate=${from}&ModificationEndDate=${to}&pageNumber=1`,
      ),
    );
    const page2 = data(
      await small.get(
        `/services/api/LOTranscript/TranscriptSearch?ModificationStartDate=${from}&ModificationEndDate=${to}&pageNumber=2`,
      ),
    );
    expect(page1.length + page2.length).toBe(count);
    expect(page2.length).toBe(count - page1.length);
  });
});
