import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED, requiresRole } from '../../../../schema/authorization.js';
import type { RegistryContext } from '../../context.js';
import { ProviderInput, ProviderProfile, RecordChange } from '../model.js';
import type { QualityCriterion } from '../records.js';
import { changeView, type ProviderView, providerView } from '../views.js';
import { requireHistoryReader } from './history.js';

const draftOf = (input: ProviderInput) => ({
  ...input,
  qualityCriteria: (input.qualityCriteria as QualityCriterion[] | null | undefined) ?? null,
});

/** Provider profiles: public to read; curated by registry admins. */
@Resolver(() => ProviderProfile)
export class ProviderResolver {
  @Query(() => [ProviderProfile], { description: 'Providers of credentials, with their curation facts.' })
  async providerProfiles(@Ctx() ctx: RegistryContext): Promise<ProviderView[]> {
    return (await ctx.recognition.book.providers()).map(providerView);
  }

  @Query(() => ProviderProfile, { nullable: true })
  async providerProfile(
    @Ctx() ctx: RegistryContext,
    @Arg('code', () => ID) code: string,
  ): Promise<ProviderView | null> {
    const record = await ctx.recognition.book.provider(code);
    return record ? providerView(record) : null;
  }

  @Directive(requiresRole('REGISTRY_ADMIN'))
  @Mutation(() => ProviderProfile, { description: 'Registers a provider of credentials (registry admins).' })
  async registerProvider(
    @Ctx() ctx: RegistryContext,
    @Arg('code', () => ID) code: string,
    @Arg('input', () => ProviderInput) input: ProviderInput,
  ): Promise<ProviderView> {
    return providerView(await ctx.recognition.book.saveProvider(ctx.access, code, draftOf(input), true));
  }

  @Directive(requiresRole('REGISTRY_ADMIN'))
  @Mutation(() => ProviderProfile, { description: 'Changes the fields given of a provider profile (registry admins).' })
  async updateProvider(
    @Ctx() ctx: RegistryContext,
    @Arg('code', () => ID) code: string,
    @Arg('input', () => ProviderInput) input: ProviderInput,
  ): Promise<ProviderView> {
    return providerView(await ctx.recognition.book.saveProvider(ctx.access, code, draftOf(input), false));
  }

  @FieldResolver(() => [String], { description: 'Agencies with an agreement in force recognising this provider.' })
  acceptedBy(@Root() provider: ProviderView, @Ctx() ctx: RegistryContext): Promise<string[]> {
    return ctx.recognition.book.acceptedBy(provider.code);
  }

  @Directive(AUTHENTICATED)
  @FieldResolver(() => [RecordChange], { nullable: true, description: 'Who changed the profile and when (staff).' })
  history(@Root() provider: ProviderView, @Ctx() ctx: RegistryContext): RecordChange[] {
    requireHistoryReader(ctx.access);
    return provider.record.history.map(changeView);
  }
}
