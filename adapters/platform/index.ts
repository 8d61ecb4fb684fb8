import { defineUpstreamSimulator } from '../core/descriptor.js';
import { startPlatformSimulator } from './simulator/index.js';

/**
 * External learning platforms (Coursera-, edX-, LinkedIn-Learning-like): not a kind of source — no
 * adapter reads them — but issuers of the OB 3.0 credentials learners present (issue 14). Only a simulator.
 */
export const platformSimulator = defineUpstreamSimulator({
  name: 'platform',
  title: 'External learning platforms (credential issuers)',
  start: ({ seed, port }) => startPlatformSimulator({ seed, port }),
});

export * from './simulator/index.js';
