import { DestinationPolicy, LOOPBACK_DESTINATIONS } from '../../subgraphs/registry/gate/destination.js';

/**
 * Test agencies answer on 127.0.0.1, which a registry refuses by default (SSRF guard, README "Registry
 * config"). Every test registry and gate run allows loopback through these, and only these.
 */
export const ALLOW_LOOPBACK = { allowedDestinations: LOOPBACK_DESTINATIONS };

/** The same, as gate options for `runRegistrationGate`. */
export const LOOPBACK_GATE = { destinations: new DestinationPolicy(LOOPBACK_DESTINATIONS) };
