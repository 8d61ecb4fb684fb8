import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import { requiresRole } from '../../../schema/authorization.js';
import { requireAdmin } from '../auth.js';
import type { RegistryContext } from '../context.js';
import { RegisterAgencyInput, RegisteredAgency, UpdateAgencyInput } from '../model.js';
import type { UpdateRequest } from '../service.js';
import { type AgencyView, agencyView } from '../views.js';

/** GraphQL nulls mean "leave as is" for updates, except contact/acronym which may be cleared with "". */
function changesOf(input: UpdateAgencyInput): UpdateRequest {
  const changes: { -readonly [K in keyof UpdateRequest]: UpdateRequest[K] } = {};
  if (input.name) changes.name = input.name;
  if (input.lmsKind) changes.lmsKind = input.lmsKind;
  if (input.subgraphUrl) changes.subgraphUrl = input.subgraphUrl;
  if (input.acronym != null) changes.acronym = input.acronym || null;
  if (input.contact != null) changes.contact = input.contact || null;
  return changes;
}

/** Admin-only changes. Every mutation resolves only after the store acknowledged the write. */
@Resolver()
export class RegistryMutationResolver {
  @Directive(requiresRole('REGISTRY_ADMIN'))
  @Mutation(() => RegisteredAgency, {
    description:
      'Runs the registration gate, then registers the agency as ACTIVE: gateways route to it within seconds.',
  })
  async registerAgency(
    @Ctx() ctx: RegistryContext,
    @Arg('input', () => RegisterAgencyInput) input: RegisterAgencyInput,
  ): Promise<AgencyView> {
    requireAdmin(ctx.caller);
    const record = await ctx.service.register({
      code: input.code,
      name: input.name,
      acronym: input.acronym ?? null,
      lmsKind: input.lmsKind,
      subgraphUrl: input.subgraphUrl,
      contact: input.contact ?? null,
    });
    return agencyView(record);
  }

  @Directive(requiresRole('REGISTRY_ADMIN'))
  @Mutation(() => RegisteredAgency)
  async updateAgency(
    @Ctx() ctx: RegistryContext,
    @Arg('code', () => String) code: string,
    @Arg('input', () => UpdateAgencyInput) input: UpdateAgencyInput,
  ): Promise<AgencyView> {
    requireAdmin(ctx.caller);
    return agencyView(await ctx.service.update(code, changesOf(input)));
  }

  @Directive(requiresRole('REGISTRY_ADMIN'))
  @Mutation(() => RegisteredAgency, { description: 'Stops routing to the agency; its registration is kept.' })
  async suspendAgency(@Ctx() ctx: RegistryContext, @Arg('code', () => String) code: string): Promise<AgencyView> {
    requireAdmin(ctx.caller);
    return agencyView(await ctx.service.suspend(code));
  }

  @Directive(requiresRole('REGISTRY_ADMIN'))
  @Mutation(() => RegisteredAgency, { description: 'Routes to a suspended agency again, after the gate passes.' })
  async activateAgency(@Ctx() ctx: RegistryContext, @Arg('code', () => String) code: string): Promise<AgencyView> {
    requireAdmin(ctx.caller);
    return agencyView(await ctx.service.activate(code));
  }

  @Directive(requiresRole('REGISTRY_ADMIN'))
  @Mutation(() => RegisteredAgency, { description: 'Deletes the registration; returns what was removed.' })
  async removeAgency(@Ctx() ctx: RegistryContext, @Arg('code', () => String) code: string): Promise<AgencyView> {
    requireAdmin(ctx.caller);
    return agencyView(await ctx.service.remove(code));
  }
}
