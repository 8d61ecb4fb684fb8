import { HOME_GROWN_KIND, type LmsKind } from '../schema/lmsKind.js';
import type { AdapterDescriptor, UpstreamSimulatorDescriptor } from './core/descriptor.js';
import type { SimulatorHandle } from './core/simulator.js';
import { cornerstoneAdapter } from './cornerstone/index.js';
import { moodleAdapter } from './moodle/index.js';
import { platformSimulator } from './platform/index.js';
import { successFactorsAdapter } from './successfactors/index.js';

/**
 * The registry of kinds: every built-in kind of source, one line each, in the order GraphQL lists them.
 * The CLI, the sandbox and the simulator command loop over it, and `npm run schema:print` derives the
 * GraphQL `LmsKind` enum from it (plus `custom`, the kind of every home-grown adapter, loaded from a
 * module named in the agency config). Adding a kind: its own folder exporting a descriptor, one line
 * here, then `npm run schema:print`.
 */
export const BUILT_IN_ADAPTERS: readonly AdapterDescriptor[] = [
  moodleAdapter,
  cornerstoneAdapter,
  successFactorsAdapter,
];

/** Every kind, in enum order: the built-in ones, then `custom`. What `schema/lmsKinds.generated.ts` holds. */
export const kindsOfRegistry = (): readonly string[] => [...BUILT_IN_ADAPTERS.map((d) => d.kind), HOME_GROWN_KIND];

/** The built-in descriptor of a kind, or undefined (`custom`, or not a kind at all). */
export function builtInAdapter(kind: unknown): AdapterDescriptor | undefined {
  return BUILT_IN_ADAPTERS.find((descriptor) => descriptor.kind === kind);
}

/** Built-in kinds that have a simulator, for `convergence simulator --kind` and the sandbox. */
export function simulatedKinds(): LmsKind[] {
  return BUILT_IN_ADAPTERS.filter((d) => d.simulator).map((d) => d.kind);
}

/**
 * Simulators of upstreams that are not a kind of source, one line each: the external learning platforms
 * (credentials that learners present; issue 14). Run by `convergence simulator --kind <name>` and the sandbox.
 */
export const UPSTREAM_SIMULATORS: readonly UpstreamSimulatorDescriptor[] = [platformSimulator];

/** Every `convergence simulator --kind`: the simulated kinds, then the upstream simulators. */
export function simulatorNames(): string[] {
  return [...simulatedKinds(), ...UPSTREAM_SIMULATORS.map((s) => s.name)];
}

/** How to start the simulator named `name` (a kind or an upstream simulator), or undefined. */
export function simulatorStarter(
  name: unknown,
): { readonly name: string; start(options: { seed: number; port: number }): Promise<SimulatorHandle> } | undefined {
  const adapter = BUILT_IN_ADAPTERS.find((d) => d.kind === name && d.simulator);
  if (adapter?.simulator) return { name: adapter.kind, start: adapter.simulator.start };
  return UPSTREAM_SIMULATORS.find((s) => s.name === name);
}
