import { startSandbox } from './sandbox.js';

const EXAMPLE = `{
  courses(first: 5, orderBy: { field: TITLE, direction: ASC }) {
    totalCount
    edges { node { id title language sdgs agency { code name lmsKind } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const TRANSCRIPT = `{
  enrollments(filter: { learner: { email: "amina.diallo@un.org" } }, first: 10) {
    totalCount
    edges { node { id status sourceStatus course { title agency { code } } credentials { title kind issuedAt } } }
  }
}`;

/** `convergence sandbox`: everything on loopback, then prints the endpoint and example queries. */
export async function runSandbox(gatewayPort: number): Promise<void> {
  process.stdout.write(
    'Starting the Convergence sandbox (simulators, agency subgraphs, registry, curriculum, insights, gateway)...\n',
  );
  const sandbox = await startSandbox({ gatewayPort });
  const url = sandbox.gateway.url;
  const lines = [
    '',
    `Convergence is serving one GraphQL endpoint: ${url}`,
    '',
    `Agency registry (subgraph, admin API): ${sandbox.registry.url}`,
    `  admin token of this run: ${sandbox.adminToken}`,
    `  e.g. CONVERGENCE_REGISTRY_URL=${sandbox.registry.url} CONVERGENCE_ADMIN_TOKEN=${sandbox.adminToken} npm run cli -- list`,
    '',
    'Agencies (registered at start-up; the gateway follows the registry):',
    ...sandbox.agencies.map(
      (a) => `  ${a.code.padEnd(8)} ${a.kind.padEnd(15)} simulator ${a.simulator.url}  subgraph ${a.subgraph.url}`,
    ),
    '',
    'Try the catalogue across every agency:',
    `  curl -s ${url} -H 'content-type: application/json' \\`,
    `    -d '${JSON.stringify({ query: EXAMPLE.replace(/\s+/g, ' ') })}'`,
    '',
    `Sign in (a real OpenID Provider at ${sandbox.identityProvider.url}, sandbox accounts, any password):`,
    '  learners amina.diallo@un.org kenji.sato@un.org lucia.fernandez@un.org power.learner@un.org',
    '  managers learning.manager@{ilo,unicef,wfp,who}.int   analyst analyst@unssc.org   admin registry.admin@un.org',
    `  TOKEN=$(npm run -s cli -- token --as amina.diallo@un.org --issuer ${sandbox.identityProvider.url})`,
    '',
    "Then one learner's own transcript across agencies:",
    `  curl -s ${url} -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" \\`,
    `    -d '${JSON.stringify({ query: TRANSCRIPT.replace(/\s+/g, ' ') })}'`,
    '',
    `Curriculum (near-duplicates across agencies and languages, SDG coverage): ${sandbox.curriculum.url}`,
    '  through the gateway: { duplicateClusters(filter: { sdgs: [13] }) { totalCount clusters { score courses { title language agency { code } } } } }',
    '  { sdgCoverage(language: "fr") { goals { sdg courseCount } gaps { language goalsWithoutCourse } } }',
    '',
    `Learning KPIs (harvested from every agency at start; insights subgraph ${sandbox.insights.url}):`,
    `  dashboard: ${url.replace(/\/graphql$/, '')}/dashboard#token=$(npm run -s cli -- token --as analyst@unssc.org --issuer ${sandbox.identityProvider.url})`,
    '  as analyst@unssc.org: { learningStats { kpis { enrolments completionRate medianDaysToCompletion } asOf { code asOf } } }',
    '  { learningBreakdown(by: SDG) { rows { key kpis { enrolments completions courses } } } }   { harvestFreshness { code lagSeconds } }',
    '',
    `Every read of personal records is audited in ${sandbox.auditLogFile}`,
    '',
    `Recognised learning: the external-platform simulator at ${sandbox.upstreams.platform?.url ?? '(not running)'} issues credentials`,
    `  curl -s -X POST ${sandbox.upstreams.platform?.url ?? ''}/__sim/credentials -H 'content-type: application/json' \\`,
    `    -d '{"provider":"coursera","achievementId":"https://www.coursera.org/learn/climate-action-foundations","recipient":{"email":"kenji.sato@un.org"},"format":"vc-jwt"}'`,
    '  then, signed in as kenji.sato@un.org (UNICEF), mutation { presentCredential(credential: "<the credential>") { ... } }',
    '  and as learning.manager@unicef.int, mutation { recordRecognition(id: "<recognition id>") { status enrollmentId } }',
    '',
    'Press Ctrl+C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping the sandbox...\n');
    await sandbox.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
