/** The simulator kinds, apart from the simulators themselves so the CLI can print usage without loading them. */
export const SIMULATOR_KINDS = ['moodle', 'cornerstone', 'successfactors'] as const;
export type SimulatorKind = (typeof SIMULATOR_KINDS)[number];

/** Simulators that are not an LMS: `platform`, the external learning platforms (credentials, status lists). */
export const OTHER_SIMULATOR_KINDS = ['platform'] as const;
export type OtherSimulatorKind = (typeof OTHER_SIMULATOR_KINDS)[number];
