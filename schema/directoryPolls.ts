/**
 * The operations every directory reader (each gateway, the curriculum subgraph) sends the registry on
 * every poll, by default every 2 s. Named here so the registry can log them at `debug`: at `info` they
 * would be most of its log (two lines per reader every 2 s, ~86,000 a day per gateway, all alike).
 */
export const DIRECTORY_POLL_OPERATION = 'GatewayDirectory';
export const ID_LISTS_POLL_OPERATION = 'GatewayIdLists';
export const DIRECTORY_POLL_OPERATIONS: readonly string[] = [DIRECTORY_POLL_OPERATION, ID_LISTS_POLL_OPERATION];
