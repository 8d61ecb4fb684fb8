/** Page-size rules shared by the agency subgraphs and the gateway's merge. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
