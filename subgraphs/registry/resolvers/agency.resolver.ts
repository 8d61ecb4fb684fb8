import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { requiresRole } from '../../../schema/authorization.js';
import { requireAdmin, requireDirectoryReader } from '../auth.js';
import type { RegistryContext } from '../context.js';
import { AgencyHealth, AgencyStatus, GateReportResult, RegisteredAgency, Registration } from '../model.js';
import { type AgencyView, agencyView } from '../views.js';

@Resolver(() => RegisteredAgency)
export class RegisteredAgencyResolver {
  @Query(() => [RegisteredAgency], { description: 'Registered agencies in code order, optionally by status.' })
  async registeredAgencies(
    @Ctx() ctx: RegistryContext,
    @Arg('status', () => AgencyStatus, { nullable: true }) status?: AgencyStatus | null,
  ): Promise<AgencyView[]> {
    const records = await ctx.service.store.list();
    return records.filter((r) => !status || r.status === status).map(agencyView);
  }

  @Directive(requiresRole('REGISTRY_ADMIN'))
  @Query(() => [RegisteredAgency], {
    description:
      'What gateways route to: the ACTIVE agencies. Admins and gateways (directory token) only, even when empty, so a gateway with a wrong token learns it.',
  })
  async activeAgencyDirectory(@Ctx() ctx: RegistryContext): Promise<AgencyView[]> {
    requireDirectoryReader(ctx.caller);
    return (await ctx.service.store.list()).filter((r) => r.status === 'ACTIVE').map(agencyView);
  }

  @Query(() => RegisteredAgency, { nullable: true, description: 'One registered agency, whatever its status.' })
  async registeredAgency(
    @Ctx() ctx: RegistryContext,
    @Arg('code', () => String) code: string,
  ): Promise<AgencyView | null> {
    const record = await ctx.service.store.get(code);
    return record ? agencyView(record) : null;
  }

  @Directive(requiresRole('REGISTRY_ADMIN'))
  @Query(() => GateReportResult, {
    description: 'Runs the registration gate against a candidate subgraph without registering it. Admin only.',
  })
  async checkAgencySubgraph(
    @Ctx() ctx: RegistryContext,
    @Arg('code', () => String) code: string,
    @Arg('subgraphUrl', () => String) subgraphUrl: string,
  ): Promise<GateReportResult> {
    requireAdmin(ctx.caller);
    const report = await ctx.service.check(code, subgraphUrl);
    return {
      ok: report.ok,
      reasons: [...report.reasons],
      warnings: [...report.warnings],
      checks: report.checks.map((c) => ({ step: c.step, ok: c.ok, problems: [...c.problems] })),
      elapsedMs: report.elapsedMs,
    };
  }

  @FieldResolver(() => AgencyHealth)
  health(@Root() agency: AgencyView, @Ctx() ctx: RegistryContext): AgencyHealth {
    return { ...ctx.health.get(agency.code) };
  }

  @Directive(requiresRole('REGISTRY_ADMIN'))
  @FieldResolver(() => Registration, {
    nullable: true,
    description: 'Registry admins and gateways only (others get FORBIDDEN or UNAUTHENTICATED).',
  })
  registration(@Root() agency: AgencyView, @Ctx() ctx: RegistryContext): Registration {
    requireDirectoryReader(ctx.caller);
    const { subgraphUrl, contact, updatedAt } = agency.record;
    // Contacts are personal data: gateways (directory token) get the URL only.
    return { subgraphUrl, contact: ctx.caller.kind === 'admin' ? contact : null, updatedAt: new Date(updatedAt) };
  }
}
