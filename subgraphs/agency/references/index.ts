import type { AgencyContext } from '../context.js';
import { ownLocalId } from '../ids.js';

/**
 * `__resolveReference` for every entity (type-graphql has no decorator for them). The gateway sends an
 * agency only the representations it owns; anything else resolves to null.
 */
type Reference<K extends string> = Readonly<Record<K, string>>;

export const referenceResolvers = {
  Agency: {
    __resolveReference: (ref: Reference<'code'>, ctx: AgencyContext) =>
      ref.code === ctx.agency.code ? ctx.agency : null,
  },
  Course: {
    __resolveReference: (ref: Reference<'id'>, ctx: AgencyContext) => {
      const localId = ownLocalId(ctx, ref.id, 'course');
      return localId === null ? null : ctx.courses.load(localId);
    },
  },
  Learner: {
    __resolveReference: (ref: Reference<'id'>, ctx: AgencyContext) => {
      const localId = ownLocalId(ctx, ref.id, 'learner');
      return localId === null ? null : ctx.learners.load(localId);
    },
  },
  Enrollment: {
    __resolveReference: (ref: Reference<'id'>, ctx: AgencyContext) => {
      const localId = ownLocalId(ctx, ref.id, 'enrollment');
      return localId === null ? null : ctx.enrollments.load(localId);
    },
  },
  Credential: {
    __resolveReference: (ref: Reference<'id'>, ctx: AgencyContext) => {
      const localId = ownLocalId(ctx, ref.id, 'credential');
      return localId === null ? null : ctx.credentials.load(localId);
    },
  },
};
