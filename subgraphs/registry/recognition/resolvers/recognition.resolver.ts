import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED, requiresRole } from '../../../../schema/authorization.js';
import { apiError } from '../../../../schema/errors.js';
import type { RegistryContext } from '../../context.js';
import type { RecognitionFilter } from '../counts.js';
import {
  CredentialPresentation,
  Recognition,
  RecognitionAgreement,
  RecognitionFilterInput,
  RecognitionsResult,
} from '../model.js';
import type { RecognitionStatus } from '../records.js';
import {
  type AgreementView,
  agreementView,
  type RecognitionView,
  recognitionView,
  type TallyView,
  tallyView,
  verificationView,
} from '../views.js';

/** A credential larger than this is refused before it is read (the verifier's own cap is 512 KiB). */
const MAX_PRESENTED_CHARACTERS = 1_048_576;

const filterOf = (input?: RecognitionFilterInput | null): RecognitionFilter => ({
  agencies: input?.agencies ?? null,
  statuses: (input?.statuses as RecognitionStatus[] | null | undefined) ?? null,
  provider: input?.provider ?? null,
});

@Resolver(() => Recognition)
export class RecognitionResolver {
  @Directive(requiresRole('LEARNER'))
  @Mutation(() => CredentialPresentation, {
    description:
      'Verifies a credential the signed-in learner presents (JSON, a JWT, or the URL of a hosted Open Badges 2.0 ' +
      "assertion) as theirs, finds the agreements that recognise it, and keeps a recognition for each agreement of the agencies asked (default: the learner's own). " +
      'Presenting the same credential again gives the same recognitions.',
  })
  async presentCredential(
    @Ctx() ctx: RegistryContext,
    @Arg('credential', () => String) credential: string,
    @Arg('agencies', () => [String], { nullable: true }) agencies?: string[] | null,
  ): Promise<CredentialPresentation> {
    if (credential.length > MAX_PRESENTED_CHARACTERS) {
      throw apiError('BAD_USER_INPUT', `A presented credential has at most ${MAX_PRESENTED_CHARACTERS} characters.`);
    }
    const presentation = await ctx.recognition.present(ctx.access, credential, agencies);
    return {
      verification: verificationView(presentation.verdict),
      applicableAgreements: presentation.applicable.map(agreementView),
      recognitions: presentation.recognitions.map(recognitionView),
    };
  }

  @Directive(requiresRole('AGENCY_MANAGER'))
  @Mutation(() => Recognition, {
    description:
      "Records a recognition in the recognising agency's LMS (its managers). Idempotent: recording again, or twice at once, records once; after a failure half-way, recording again completes it.",
  })
  async recordRecognition(@Ctx() ctx: RegistryContext, @Arg('id', () => ID) id: string): Promise<RecognitionView> {
    return recognitionView(await ctx.recognition.record(ctx.access, id));
  }

  @Directive(AUTHENTICATED)
  @Query(() => RecognitionsResult, {
    description:
      "Recognised learning: a learner's own across agencies, an agency's for its managers (both one by one in `items`); counts only for analysts, small ones withheld.",
  })
  async recognitions(
    @Ctx() ctx: RegistryContext,
    @Arg('filter', () => RecognitionFilterInput, { nullable: true }) filter?: RecognitionFilterInput | null,
  ): Promise<TallyView> {
    return tallyView(await ctx.recognition.recognitions(ctx.access, filterOf(filter)));
  }

  @Directive(AUTHENTICATED)
  @Query(() => Recognition, {
    nullable: true,
    description: 'One recognition: its learner, or a manager of its agency.',
  })
  async recognition(@Ctx() ctx: RegistryContext, @Arg('id', () => ID) id: string): Promise<RecognitionView> {
    return recognitionView(await ctx.recognition.recognition(ctx.access, id));
  }

  @FieldResolver(() => RecognitionAgreement, { nullable: true })
  async agreement(@Root() recognition: RecognitionView, @Ctx() ctx: RegistryContext): Promise<AgreementView | null> {
    const record = await ctx.recognition.book.agreement(recognition.record.agreementId);
    return record ? agreementView(record) : null;
  }
}

@Resolver(() => RecognitionsResult)
export class RecognitionsResultResolver {
  @FieldResolver(() => [Recognition], {
    nullable: true,
    description: "One by one: the learner's own and the manager's agency's. Analysts get counts only (FORBIDDEN here).",
  })
  items(@Root() result: TallyView): RecognitionView[] {
    if (!result.tally.items)
      throw apiError('FORBIDDEN', 'Analysts see counts of recognitions, not who was recognised.');
    return result.tally.items.map(recognitionView);
  }
}
