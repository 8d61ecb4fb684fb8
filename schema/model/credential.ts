import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CredentialKind } from './enums.js';
import { DateTime } from './scalars.js';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A badge, certificate or external credential awarded to a learner.' })
export class Credential {
  @Field(() => ID, { description: 'Global id `<agency>:credential:<localId>`.' })
  id!: string;

  @Field(() => CredentialKind)
  kind!: CredentialKind;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  issuer!: string;

  @Field(() => DateTime, { nullable: true })
  issuedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Public URL where the credential can be verified.' })
  verificationUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'Signed assertion (Open Badges JSON or JWT) when available.' })
  assertion!: string | null;
}
