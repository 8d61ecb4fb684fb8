import { type ErrorCode, isErrorCode } from '../../schema/errorCodes.js';

/** A minimal admin client of the registry's GraphQL API, for the CLI, the sandbox and tests. */
export interface RegistryClientOptions {
  readonly url: string;
  readonly token?: string | undefined;
  /** @default 30000 (registration runs the gate against the candidate first) */
  readonly timeoutMs?: number;
}

export interface GraphQLResponse<T> {
  readonly data?: T | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string; reasons?: string[] } }[];
}

export class RegistryRequestError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly reasons: readonly string[],
  ) {
    super(message);
    this.name = 'RegistryRequestError';
  }
}

export const AGENCY_FIELDS =
  'code name acronym lmsKind status registeredAt health { status lastError latencyMs checkedAt }';

export async function registryRequest<T>(
  options: RegistryClientOptions,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
    const why = typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : 'network error';
    throw new RegistryRequestError(
      `the registry at ${options.url} is unreachable (${why})`,
      'REGISTRY_UNREACHABLE',
      [],
    );
  }
  const body = (await response.json().catch(() => ({}))) as GraphQLResponse<T>;
  const error = body.errors?.[0];
  if (error) {
    const given = error.extensions?.code;
    const code = isErrorCode(given) ? given : 'INTERNAL_SERVER_ERROR';
    throw new RegistryRequestError(error.message, code, error.extensions?.reasons ?? []);
  }
  if (!body.data)
    throw new RegistryRequestError(
      `registry answered HTTP ${response.status} without data`,
      'INTERNAL_SERVER_ERROR',
      [],
    );
  return body.data;
}
