import { Directive, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { LmsKind } from '../../schema/lmsKind.js';
import { LmsKindEnum } from '../../schema/model/enums.js';

export enum AgencyStatus {
  /** Registered and routed to by every gateway. */
  ACTIVE = 'ACTIVE',
  /** Registered but not routed to. */
  SUSPENDED = 'SUSPENDED',
}

export enum HealthStatus {
  UP = 'UP',
  /** Answers, but slowly or with errors. */
  DEGRADED = 'DEGRADED',
  DOWN = 'DOWN',
  /** Not checked yet (just registered, or suspended). */
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(AgencyStatus, { name: 'AgencyStatus', description: 'Whether the gateway routes to an agency.' });
registerEnumType(HealthStatus, { name: 'HealthStatus', description: "Outcome of the registry's last health check." });

@ObjectType({ description: "The registry's last health check of an agency subgraph." })
export class AgencyHealth {
  @Field(() => HealthStatus) status!: HealthStatus;
  @Field(() => String, { nullable: true, description: 'Why the last check failed or was degraded.' })
  lastError!: string | null;
  @Field(() => Int, { nullable: true, description: 'Round trip of the last check, in milliseconds.' })
  latencyMs!: number | null;
  @Field(() => Date, { nullable: true }) checkedAt!: Date | null;
}

@ObjectType({ description: 'Where an agency subgraph answers and whom to contact. Registry admins only.' })
export class Registration {
  @Field(() => String) subgraphUrl!: string;
  @Field(() => String, { nullable: true }) contact!: string | null;
  @Field(() => Date) updatedAt!: Date;
}

/** The registry's side of `Agency` (the learning contract owns courses and stats). */
@Directive('@key(fields: "code")')
@ObjectType('Agency', { description: 'A UN system organisation and its learning management system.' })
export class RegisteredAgency {
  @Field(() => String) code!: string;
  @Directive('@shareable') @Field(() => String) name!: string;
  @Directive('@shareable') @Field(() => LmsKindEnum) lmsKind!: LmsKind;
  @Field(() => String, { nullable: true, description: 'Usual abbreviation, e.g. "WHO".' })
  acronym!: string | null;
  @Field(() => AgencyStatus) status!: AgencyStatus;
  @Field(() => Date) registeredAt!: Date;
}

@ObjectType({ description: 'One step of the registration gate.' })
export class GateCheckResult {
  @Field(() => String, { description: 'code, url, sdl, contract, smoke or entities.' }) step!: string;
  @Field(() => Boolean) ok!: boolean;
  @Field(() => [String]) problems!: string[];
}

@ObjectType({ description: 'What the registration gate found about a candidate subgraph.' })
export class GateReportResult {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => [String]) reasons!: string[];
  @Field(() => [String]) warnings!: string[];
  @Field(() => [GateCheckResult]) checks!: GateCheckResult[];
  @Field(() => Int) elapsedMs!: number;
}

@InputType()
export class RegisterAgencyInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) acronym?: string | null;
  @Field(() => LmsKindEnum) lmsKind!: LmsKind;
  @Field(() => String) subgraphUrl!: string;
  @Field(() => String, { nullable: true }) contact?: string | null;
}

@InputType({ description: 'Only the fields given change; a new subgraphUrl passes the gate again.' })
export class UpdateAgencyInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) acronym?: string | null;
  @Field(() => LmsKindEnum, { nullable: true }) lmsKind?: LmsKind | null;
  @Field(() => String, { nullable: true }) subgraphUrl?: string | null;
  @Field(() => String, { nullable: true }) contact?: string | null;
}
