import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED, requiresAnyRole } from '../../../../schema/authorization.js';
import type { RegistryContext } from '../../context.js';
import type { AgreementDraft } from '../agreements.js';
import {
  AgreementFilterInput,
  AgreementInput,
  AgreementStatusEnum,
  ProviderProfile,
  RecognitionAgreement,
  RecordChange,
} from '../model.js';
import type { AgreementStatus } from '../records.js';
import { type AgreementView, agreementView, changeView, type ProviderView, providerView } from '../views.js';
import { requireHistoryReader } from './history.js';

const draftOf = (input: AgreementInput): AgreementDraft => ({
  recognisingAgency: input.recognisingAgency.trim(),
  provider: input.provider.trim(),
  recognises: input.recognises,
  countsAs: input.countsAs,
  validFrom: input.validFrom,
  validUntil: input.validUntil ?? null,
});

const WRITERS = requiresAnyRole('AGENCY_MANAGER', 'REGISTRY_ADMIN');

/**
 * Inter-agency recognition agreements: public to read (which agency recognises what is policy, not personal
 * data); created and changed by the recognising agency's managers or registry admins, each change kept.
 */
@Resolver(() => RecognitionAgreement)
export class AgreementResolver {
  @Query(() => [RecognitionAgreement], { description: 'Recognition agreements, oldest first.' })
  async recognitionAgreements(
    @Ctx() ctx: RegistryContext,
    @Arg('filter', () => AgreementFilterInput, { nullable: true }) filter?: AgreementFilterInput | null,
  ): Promise<AgreementView[]> {
    const records = await ctx.recognition.book.agreements({
      recognisingAgency: filter?.recognisingAgency ?? null,
      provider: filter?.provider ?? null,
      status: (filter?.status as AgreementStatus | null | undefined) ?? null,
      inForce: filter?.inForce ?? null,
    });
    return records.map(agreementView);
  }

  @Query(() => RecognitionAgreement, { nullable: true })
  async recognitionAgreement(
    @Ctx() ctx: RegistryContext,
    @Arg('id', () => ID) id: string,
  ): Promise<AgreementView | null> {
    const record = await ctx.recognition.book.agreement(id);
    return record ? agreementView(record) : null;
  }

  @Directive(WRITERS)
  @Mutation(() => RecognitionAgreement, { description: "Creates an ACTIVE agreement of the caller's agency." })
  async createRecognitionAgreement(
    @Ctx() ctx: RegistryContext,
    @Arg('input', () => AgreementInput) input: AgreementInput,
  ): Promise<AgreementView> {
    return agreementView(await ctx.recognition.book.create(ctx.access, draftOf(input)));
  }

  @Directive(WRITERS)
  @Mutation(() => RecognitionAgreement, {
    description: 'Replaces the terms of an agreement; with `expectedVersion`, refused (CONFLICT) if it changed since.',
  })
  async updateRecognitionAgreement(
    @Ctx() ctx: RegistryContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AgreementInput) input: AgreementInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<AgreementView> {
    return agreementView(await ctx.recognition.book.update(ctx.access, id, draftOf(input), expectedVersion));
  }

  @Directive(WRITERS)
  @Mutation(() => RecognitionAgreement, { description: 'Suspends, reactivates or ends an agreement.' })
  async setRecognitionAgreementStatus(
    @Ctx() ctx: RegistryContext,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => AgreementStatusEnum) status: AgreementStatusEnum,
  ): Promise<AgreementView> {
    return agreementView(await ctx.recognition.book.setStatus(ctx.access, id, status as AgreementStatus));
  }

  @FieldResolver(() => ProviderProfile, { nullable: true, description: 'The issuer whose credentials it recognises.' })
  async provider(@Root() agreement: AgreementView, @Ctx() ctx: RegistryContext): Promise<ProviderView | null> {
    const record = await ctx.recognition.book.provider(agreement.record.provider);
    return record ? providerView(record) : null;
  }

  @Directive(AUTHENTICATED)
  @FieldResolver(() => [RecordChange], { nullable: true, description: 'Who created and changed it, and when (staff).' })
  history(@Root() agreement: AgreementView, @Ctx() ctx: RegistryContext): RecordChange[] {
    requireHistoryReader(ctx.access);
    return agreement.record.history.map(changeView);
  }
}
