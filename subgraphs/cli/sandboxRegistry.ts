import { type LmsKind, lmsKindName } from '../../schema/lmsKind.js';
import { registryRequest } from '../registry/client.js';

export interface SandboxRegistration {
  readonly code: string;
  readonly name: string;
  readonly lmsKind: LmsKind;
  readonly url: string;
}

const REGISTER = 'mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { code } }';

/** Registers the sandbox's agencies at start-up (each passes the registration gate like any other). */
export async function registerSandboxAgencies(
  registryUrl: string,
  token: string,
  agencies: readonly SandboxRegistration[],
): Promise<void> {
  await Promise.all(
    agencies.map((a) =>
      registryRequest({ url: registryUrl, token }, REGISTER, {
        input: {
          code: a.code,
          name: a.name,
          lmsKind: lmsKindName(a.lmsKind),
          subgraphUrl: a.url,
          acronym: a.code.toUpperCase(),
        },
      }),
    ),
  );
}
