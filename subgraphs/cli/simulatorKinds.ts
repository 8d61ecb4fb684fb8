/** The simulator kinds, apart from the simulators themselves so the CLI can print usage without loading them. */
export const SIMULATOR_KINDS = ['moodle', 'cornerstone', 'successfactors'] as const;
export type SimulatorKind = (typeof SIMULATOR_KINDS)[number];
