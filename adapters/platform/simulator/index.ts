import { type SimulatorHandle, type SimulatorProtocol, startSimulator } from '../../core/simulator.js';
import { createPlatformIssuer, type PlatformIssuer } from './issuers.js';
import { createPlatformCredentialProtocol } from './protocol.js';
import { PLATFORM_PROVIDERS } from './providers.js';

export type { Recipient } from './credentials.js';
export type { IssuedCredential, PlatformCredentialFormat } from './protocol.js';
export { PLATFORM_PROVIDERS, type PlatformProvider, type SeededAchievement } from './providers.js';

export interface PlatformSimulatorOptions {
  /** Seed of the issuers' keys. @default 1 */
  readonly seed?: number;
  /** @default 0 (the OS picks) */
  readonly port?: number;
}

export interface PlatformSimulatorHandle extends SimulatorHandle {
  /** The issuers, by provider slug: their did:web, key, DID document and profile. */
  readonly issuers: ReadonlyMap<string, PlatformIssuer>;
}

/**
 * The external learning platform simulator (Coursera-, edX- and LinkedIn-Learning-like providers): a
 * loopback server that publishes each provider's did:web DID document, issuer profile and Bitstring Status
 * Lists, and issues OB 3.0 credentials signed by both mechanisms (protocol.ts lists the endpoints).
 *
 * The issuer DIDs contain the port, which is known only once the server listens, so the protocol is a
 * stand-in until the issuers are made; nothing reaches it before `startSimulator` resolves.
 */
export async function startPlatformSimulator(options: PlatformSimulatorOptions = {}): Promise<PlatformSimulatorHandle> {
  let inner: SimulatorProtocol | undefined;
  const ready = (): SimulatorProtocol => {
    if (!inner) throw new Error('platform simulator is still starting');
    return inner;
  };
  const handle = await startSimulator(
    {
      route: (request) => ready().route(request),
      handle: (request, context) => ready().handle(request, context),
      control: (request) => ready().control?.(request),
      reset: () => inner?.reset?.(),
    },
    options.port !== undefined ? { port: options.port } : {},
  );
  const issuers = await Promise.all(
    PLATFORM_PROVIDERS.map((p) => createPlatformIssuer(p, handle.url, options.seed ?? 1)),
  );
  inner = createPlatformCredentialProtocol(issuers);
  return Object.assign(handle, { issuers: new Map(issuers.map((issuer) => [issuer.provider.slug, issuer])) });
}
