import { DateTimeResolver } from 'graphql-scalars';

/** ISO 8601 UTC timestamps (`DateTime`), mapped from JS `Date` (DESIGN.md §3). */
export const DateTime = DateTimeResolver;
