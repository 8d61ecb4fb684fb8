import { type SimulatorHandle, type SimulatorProtocol, startSimulator } from '../../core/simulator.js';
import type { SimElement, SimPlatform } from './catalogueData.js';
import { createCatalogueProtocol, isCataloguePath } from './catalogueProtocol.js';
import { type CatalogueInjection, type CatalogueSimulatorOptions, CatalogueState } from './catalogueState.js';
import { createPlatformIssuer, type PlatformIssuer } from './issuers.js';
import { createPlatformCredentialProtocol } from './protocol.js';
import { PLATFORM_PROVIDERS } from './providers.js';

export type { Recipient } from './credentials.js';
export type { IssuedCredential, PlatformCredentialFormat } from './protocol.js';
export { PLATFORM_PROVIDERS, type PlatformProvider, type SeededAchievement } from './providers.js';

export interface PlatformSimulatorOptions {
  /** Seed of the issuers' keys and of the seeded catalogues. @default 1 */
  readonly seed?: number;
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** The catalogues' edX throttle (catalogueState.ts). @default 20 per 60000 ms */
  readonly edxThrottle?: CatalogueSimulatorOptions['edxThrottle'];
}

export interface PlatformSimulatorHandle extends SimulatorHandle {
  /** The issuers, by provider slug: their did:web, key, DID document and profile. */
  readonly issuers: ReadonlyMap<string, PlatformIssuer>;
  /** The catalogues (issue 16), in-process: the same operations as `/__sim/catalogue/…`. */
  readonly catalogue: {
    list(platform: SimPlatform): readonly SimElement[];
    upsert(platform: SimPlatform, element: SimElement, at?: number): void;
    remove(platform: SimPlatform, key: string): boolean;
    inject(injection: CatalogueInjection): void;
  };
}

/**
 * One server for both halves of a platform: its catalogue APIs (catalogue*.ts, the `platform` kind's
 * source) and its credential issuing (`/providers/…`). Their paths do not collide; controls are tried
 * catalogue first (`/__sim/catalogue/…`), then credentials.
 */
function bothHalves(credentials: SimulatorProtocol, catalogue: SimulatorProtocol): SimulatorProtocol {
  const half = (pathname: string) => (isCataloguePath(pathname) ? catalogue : credentials);
  return {
    route: (request) => half(request.url.pathname).route(request),
    handle: (request, context) => half(request.url.pathname).handle(request, context),
    control: async (request) => (await catalogue.control?.(request)) ?? credentials.control?.(request),
    reset: () => {
      catalogue.reset?.();
      credentials.reset?.();
    },
  };
}

/**
 * The external learning platform simulator (Coursera-, edX- and LinkedIn-Learning-like providers): a
 * loopback server that publishes each provider's did:web DID document, issuer profile and Bitstring Status
 * Lists, and issues OB 3.0 credentials signed by both mechanisms (protocol.ts lists the endpoints); and
 * serves the three platforms' catalogue APIs (catalogueApis.ts), which the `platform` kind reads.
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
  const catalogue = new CatalogueState({
    seed: options.seed ?? 1,
    ...(options.edxThrottle ? { edxThrottle: options.edxThrottle } : {}),
  });
  inner = bothHalves(createPlatformCredentialProtocol(issuers), createCatalogueProtocol(catalogue));
  return Object.assign(handle, {
    issuers: new Map(issuers.map((issuer) => [issuer.provider.slug, issuer])),
    catalogue: {
      list: (platform: SimPlatform) => catalogue.list(platform),
      upsert: catalogue.upsert.bind(catalogue),
      remove: catalogue.remove.bind(catalogue),
      inject: catalogue.inject.bind(catalogue),
    },
  });
}
