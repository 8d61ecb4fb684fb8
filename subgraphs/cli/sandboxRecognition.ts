import { registryRequest } from '../registry/client.js';

/**
 * The sandbox's recognition setup (issue 14): the external platforms of the platform simulator registered as
 * providers with their curation facts, and one agreement per agency, each of a different kind:
 * - unicef (Cornerstone) counts Coursera's "Climate Action: Foundations" as one of its own climate courses;
 * - wfp (SuccessFactors) credits edX certificates of at least 10 hours with their hours;
 * - ilo (Moodle) credits Coursera's "Data Protection Essentials" as 8 hours (kept in Convergence: Moodle
 *   cannot record external learning);
 * - who (Moodle) credits LinkedIn Learning certificates of completion as 2 hours.
 */
export interface SandboxRecognition {
  /** Agreement ids by recognising agency. */
  readonly agreements: Readonly<Record<string, string>>;
  /** The unicef course Coursera's climate course counts as. */
  readonly unicefCourse: { readonly id: string; readonly title: string };
}

interface PlatformProvider {
  readonly slug: string;
  readonly name: string;
  readonly issuer: string;
}

const REGISTER_PROVIDER = `mutation($code: ID!, $input: ProviderInput!) { registerProvider(code: $code, input: $input) { code } }`;
const CREATE_AGREEMENT = `mutation($input: AgreementInput!) { createRecognitionAgreement(input: $input) { id recognisingAgency } }`;
const CLIMATE_COURSE = `{ courses(first: 1, orderBy: { field: TITLE, direction: ASC }, filter: { text: "Climate" }) { edges { node { id title } } } }`;

const PLATFORM_URLS: Readonly<Record<string, string>> = {
  coursera: 'https://www.coursera.org',
  edx: 'https://www.edx.org',
  'linkedin-learning': 'https://www.linkedin.com/learning',
};

/** A public catalogue query straight to one agency subgraph (no sign-in: the catalogue is public). */
async function firstClimateCourse(subgraphUrl: string): Promise<{ id: string; title: string }> {
  const response = await fetch(subgraphUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: CLIMATE_COURSE }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as {
    data?: { courses?: { edges?: { node: { id: string; title: string } }[] } };
  };
  const course = body.data?.courses?.edges?.[0]?.node;
  if (!course) throw new Error('the sandbox UNICEF catalogue has no climate course to recognise Coursera against');
  return course;
}

export async function seedSandboxRecognition(
  registryUrl: string,
  adminToken: string,
  platformUrl: string,
  unicefSubgraphUrl: string,
): Promise<SandboxRecognition> {
  const registry = { url: registryUrl, token: adminToken };
  const providers = (await (await fetch(`${platformUrl}/providers`)).json()) as PlatformProvider[];
  for (const provider of providers) {
    await registryRequest(registry, REGISTER_PROVIDER, {
      code: provider.slug,
      input: {
        name: provider.name,
        kind: 'EXTERNAL_PLATFORM',
        url: PLATFORM_URLS[provider.slug] ?? null,
        issuerIds: [provider.issuer],
        acceptedCredentialTypes: ['OpenBadgeCredential'],
        qualityCriteria: ['CURATED_COURSES', 'ASSESSED_COMPLETION', 'VERIFIABLE_CREDENTIALS', 'PUBLISHES_REVOCATION'],
      },
    });
  }
  const unicefCourse = await firstClimateCourse(unicefSubgraphUrl);
  const validFrom = '2024-01-01T00:00:00Z';
  const agreements = [
    {
      recognisingAgency: 'unicef',
      provider: 'coursera',
      recognises: { achievementIds: ['https://www.coursera.org/learn/climate-action-foundations'] },
      countsAs: { courseId: unicefCourse.id },
    },
    { recognisingAgency: 'wfp', provider: 'edx', recognises: { minimumHours: 10 }, countsAs: {} },
    {
      recognisingAgency: 'ilo',
      provider: 'coursera',
      recognises: { achievementIds: ['https://www.coursera.org/learn/data-protection-essentials'] },
      countsAs: { hours: 8 },
    },
    {
      recognisingAgency: 'who',
      provider: 'linkedin-learning',
      recognises: { credentialTypes: ['CertificateOfCompletion'] },
      countsAs: { hours: 2 },
    },
  ];
  const ids: Record<string, string> = {};
  for (const input of agreements) {
    const created = await registryRequest<{ createRecognitionAgreement: { id: string; recognisingAgency: string } }>(
      registry,
      CREATE_AGREEMENT,
      { input: { ...input, validFrom } },
    );
    ids[created.createRecognitionAgreement.recognisingAgency] = created.createRecognitionAgreement.id;
  }
  return { agreements: ids, unicefCourse };
}
