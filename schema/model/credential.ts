import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AUTHENTICATED, PERSONAL_DATA_POLICY } from '../authorization.js';
import { CredentialKind } from './enums.js';
import { DateTime } from './scalars.js';

@Directive('@key(fields: "id")')
// Personal data: signed-in learners (their own) and agency managers (their agency's) only.
@Directive(AUTHENTICATED)
@Directive(PERSONAL_DATA_POLICY)
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

  @Field(() => String, {
    nullable: true,
    description:
      'The credential in a verifiable form, when the LMS has one: Open Badges JSON, a JWT, or the URL of a hosted Open Badges 2.0 assertion (Moodle badges).',
  })
  assertion!: string | null;
}
