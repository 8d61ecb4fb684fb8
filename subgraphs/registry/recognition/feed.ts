import { Arg, Ctx, Directive, Field, Float, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { requiresRole } from '../../../schema/authorization.js';
import { apiError } from '../../../schema/errors.js';
import type { RegistryContext } from '../context.js';
import { isRegistryAdmin, type RegistryAccess } from './access.js';
import { RecognisedAs, RecognitionStatusEnum } from './model.js';
import type { RecognitionRecord } from './records.js';
import { recognisedAsView } from './views.js';

/**
 * The recognitions of one agency as the insights harvest counts them (issue 15, "recognised learning"):
 * what was recognised, where, when and for how many hours, never who. The person, their key, the credential
 * and the recording history stay in the registry; the harvest links a recognition to a learner only through
 * the LMS enrolment it was recorded as, which the harvest already holds under a pseudonymous key.
 */
@ObjectType({ description: 'A recognition without its person: what the insights harvest counts.' })
export class RecognitionFeedItem {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The recognising agency.' }) agency!: string;
  @Field(() => String, { description: 'The provider profile code of the issuer (platform or agency).' })
  provider!: string;
  @Field(() => RecognitionStatusEnum) status!: RecognitionStatusEnum;
  @Field(() => RecognisedAs) countsAs!: RecognisedAs;
  @Field(() => Float, { nullable: true, description: 'Hours credited.' }) hours!: number | null;
  @Field(() => String, { nullable: true, description: "The issuer's achievement (the external course)." })
  achievementId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The LMS enrolment that holds it, once recorded there.' })
  enrollmentId!: string | null;
  @Field(() => Boolean, { nullable: true }) recordedInLms!: boolean | null;
  @Field(() => Date) presentedAt!: Date;
  @Field(() => Date, { nullable: true }) recordedAt!: Date | null;
}

/** The feed is for the harvest's own credential and registry admins: row by row, unlike analysts' counts. */
export function requireFeedReader(access: RegistryAccess): void {
  if (access.caller.kind === 'harvester' || isRegistryAdmin(access)) return;
  if (access.caller.kind === 'anonymous' && access.principal.kind === 'anonymous') {
    throw apiError('UNAUTHENTICATED', 'The recognition feed needs the harvest or admin credential.');
  }
  throw apiError('FORBIDDEN', 'The recognition feed is for the insights harvest and registry admins.');
}

export function feedItem(record: RecognitionRecord): RecognitionFeedItem {
  return {
    id: record.id,
    agency: record.agency,
    provider: record.provider,
    status: record.status as RecognitionStatusEnum,
    countsAs: recognisedAsView(record.countsAs),
    hours: record.hours,
    achievementId: record.credential.achievementId,
    enrollmentId: record.enrollmentId,
    recordedInLms: record.recordedInLms,
    presentedAt: new Date(record.presentedAt),
    recordedAt: record.recordedAt ? new Date(record.recordedAt) : null,
  };
}

@Resolver()
export class RecognitionFeedResolver {
  @Directive(requiresRole('REGISTRY_ADMIN'))
  @Query(() => [RecognitionFeedItem], {
    description:
      "An agency's recognitions without their persons, oldest first, for the insights harvest (its harvest token) and registry admins.",
  })
  async recognitionFeed(
    @Ctx() ctx: RegistryContext,
    @Arg('agency', () => String) agency: string,
  ): Promise<RecognitionFeedItem[]> {
    requireFeedReader(ctx.access);
    const records = await ctx.recognition.ofAgency(agency.trim());
    return records.sort((a, b) => a.presentedAt.localeCompare(b.presentedAt) || a.id.localeCompare(b.id)).map(feedItem);
  }
}
