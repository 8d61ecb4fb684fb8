export { type AccessNotes, accessNotes, accessSummary, type Outcome, requestIdFrom } from './access.js';
export { Drainer } from './drain.js';
export { type ServeOptions, type Serving, type ServingSettings, serveApollo, servingSettingsSchema } from './serve.js';
