import type { z } from 'zod';
import type { LmsKind } from '../../schema/lmsKind.js';
import type { AdapterDeps, AdapterImplementation, LmsCapability } from './adapter.js';
import type { SimulatorHandle } from './simulator.js';

/**
 * Which family of source a kind is. Learning management systems today; open-educational-resource
 * repositories and external course platforms join through the same registry of kinds.
 */
export type SourceCategory = 'LMS' | 'OER' | 'EXTERNAL';

/** An agency the sandbox (`npm start`) runs over this kind's simulator, with its own seeded data. */
export interface SandboxAgency {
  readonly code: string;
  readonly name: string;
  readonly seed: number;
}

/** A kind's wire-faithful fake upstream, and how the sandbox and the CLI use it. */
export interface SimulatorDescriptor {
  /** Starts the simulator on 127.0.0.1 (`port` 0: the OS picks). */
  start(options: { readonly seed: number; readonly port: number }): Promise<SimulatorHandle>;
  /** The credential the simulator accepts: a test fixture, never a real secret. */
  readonly secret: string;
  /**
   * The `lms` section of an agency config over a running simulator. `secret` goes where the credential
   * goes; the sandbox passes an environment reference (`${NAME}`), so config files never hold secrets.
   */
  settings(baseUrl: string, secret: string): Readonly<Record<string, unknown>>;
  /** The sandbox agencies served by this kind (one simulator each). */
  readonly sandboxAgencies: readonly SandboxAgency[];
}

/**
 * Everything Convergence knows about one kind of source, exported by its adapter folder (built-in) or by
 * a module named in an agency config (home-grown): the only place a kind is described.
 */
export interface AdapterDescriptor<C = unknown> {
  readonly kind: LmsKind;
  readonly category: SourceCategory;
  /** Human name, e.g. "SAP SuccessFactors Learning". */
  readonly title: string;
  /** The agency config's `lms` section; validated (every problem listed) before `connect` is called. */
  readonly configSchema: z.ZodType<C, z.ZodTypeDef, unknown>;
  readonly capabilities: ReadonlySet<LmsCapability>;
  /**
   * Why a capability is not declared, where the reason is the LMS's and worth telling users (the message
   * of its LMS_UNSUPPORTED error), e.g. that the LMS's API has no function for it.
   */
  readonly unsupported?: Partial<Readonly<Record<LmsCapability, string>>>;
  /**
   * Builds the adapter's implementation. Never called by users: `createAdapter(descriptor, config, deps)`
   * calls it and applies what every adapter needs (see `AdapterImplementation`).
   */
  connect(config: C, deps: AdapterDeps): AdapterImplementation;
  /** Optional: a fake upstream for tests, demos and the sandbox. */
  readonly simulator?: SimulatorDescriptor;
}

/**
 * A simulator of an upstream that is not a kind of source, such as the external learning platforms that
 * issue the credentials learners present. The registry of kinds lists these beside the kinds' own
 * simulators, so `convergence simulator --kind <name>` and the sandbox find every simulator in one place.
 */
export interface UpstreamSimulatorDescriptor {
  /** The `--kind` of `convergence simulator`; never an LMS kind. */
  readonly name: string;
  /** Human name, e.g. "External learning platforms". */
  readonly title: string;
  /** Starts the simulator on 127.0.0.1 (`port` 0: the OS picks). */
  start(options: { readonly seed: number; readonly port: number }): Promise<SimulatorHandle>;
}

/** Declares an upstream simulator (see `UpstreamSimulatorDescriptor`); returns it frozen. */
export function defineUpstreamSimulator(descriptor: UpstreamSimulatorDescriptor): UpstreamSimulatorDescriptor {
  return Object.freeze({ ...descriptor });
}

// A registered symbol, so descriptors made through another copy of the SDK are recognised too.
const DESCRIPTOR = Symbol.for('convergence.adapterDescriptor');

/** Declares a kind: returns the descriptor, frozen and marked so `lms.module` loading can find it. */
export function defineAdapter<C>(descriptor: AdapterDescriptor<C>): AdapterDescriptor<C> {
  return Object.freeze({ ...descriptor, [DESCRIPTOR]: true });
}

export function isAdapterDescriptor(value: unknown): value is AdapterDescriptor {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DESCRIPTOR] === true;
}
