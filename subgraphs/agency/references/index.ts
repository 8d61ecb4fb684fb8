import { courseVisible, learnerVisibility, recordRead } from '../access.js';
import type { AgencyContext } from '../context.js';
import { ownLocalId } from '../ids.js';

/**
 * `__resolveReference` for every entity (type-graphql has no decorator for them). The gateway sends an
 * agency only the representations it owns; anything else resolves to null. Personal entities follow the
 * same row-level rules as the root fields: someone else's record resolves to null, and a caller without
 * a gateway assertion of a learner or manager gets an error.
 */
type Reference<K extends string> = Readonly<Record<K, string>>;

/** Loads a personal entity and returns it only when the caller may read its learner's records. */
async function personal<T extends { learnerLocalId: string }>(
  ctx: AgencyContext,
  load: () => Promise<T | null> | null,
): Promise<T | null> {
  const visible = await learnerVisibility(ctx);
  const record = await load();
  if (!record || !visible(record.learnerLocalId)) return null;
  recordRead(ctx, record.learnerLocalId);
  return record;
}

export const referenceResolvers = {
  Agency: {
    __resolveReference: (ref: Reference<'code'>, ctx: AgencyContext) =>
      ref.code === ctx.agency.code ? ctx.agency : null,
  },
  Course: {
    __resolveReference: async (ref: Reference<'id'>, ctx: AgencyContext) => {
      const localId = ownLocalId(ctx, ref.id, 'course');
      const course = localId === null ? null : await ctx.courses.load(localId);
      return course && courseVisible(ctx, course.visibility, true) ? course : null;
    },
  },
  Learner: {
    __resolveReference: (ref: Reference<'id'>, ctx: AgencyContext) => {
      const localId = ownLocalId(ctx, ref.id, 'learner');
      return personal(ctx, () =>
        localId === null ? null : ctx.learners.load(localId).then((l) => l && { ...l, learnerLocalId: l.localId }),
      );
    },
  },
  Enrollment: {
    __resolveReference: (ref: Reference<'id'>, ctx: AgencyContext) => {
      const localId = ownLocalId(ctx, ref.id, 'enrollment');
      return personal(ctx, () => (localId === null ? null : ctx.enrollments.load(localId)));
    },
  },
  Credential: {
    __resolveReference: (ref: Reference<'id'>, ctx: AgencyContext) => {
      const localId = ownLocalId(ctx, ref.id, 'credential');
      return personal(ctx, () => (localId === null ? null : ctx.credentials.load(localId)));
    },
  },
};
