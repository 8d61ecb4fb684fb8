import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED, PERSONAL_DATA_POLICY } from '../../../schema/authorization.js';
import type { RegistryContext } from '../context.js';
import { verdictWithoutVerifiableForm } from '../credentials/index.js';
import { CredentialVerification } from './model.js';
import { verificationView } from './views.js';

/**
 * The registry's side of `Credential` (the learning contract owns it): a verdict on each credential an LMS
 * holds. The gateway fetches `assertion` from the agency and hands it here (`@requires`): Open Badges JSON
 * or a JWT is verified as is, a URL as a hosted Open Badges 2.0 assertion (Moodle badges); a record with
 * nothing verifiable (a Cornerstone or SuccessFactors certificate) is UNVERIFIABLE with NO_VERIFIABLE_FORM.
 * The subject is not compared with anyone: the LMS says whose credential it is.
 */
@Directive('@key(fields: "id")')
@Directive(AUTHENTICATED)
@Directive(PERSONAL_DATA_POLICY)
@ObjectType('Credential')
export class VerifiableCredentialRecord {
  @Field(() => ID) id!: string;

  @Directive('@external')
  @Field(() => String, { nullable: true })
  assertion!: string | null;
}

@Resolver(() => VerifiableCredentialRecord)
export class CredentialVerificationResolver {
  @Directive('@requires(fields: "assertion")')
  @FieldResolver(() => CredentialVerification, {
    description: 'A verdict on the credential: VERIFIED, FAILED with reasons, or UNVERIFIABLE with why.',
  })
  async verification(
    @Root() credential: VerifiableCredentialRecord,
    @Ctx() ctx: RegistryContext,
  ): Promise<CredentialVerification> {
    const assertion = credential.assertion?.trim();
    if (!assertion) {
      return verificationView(
        verdictWithoutVerifiableForm(
          'the LMS keeps this credential as a record with no signed or hosted form to check',
        ),
      );
    }
    return verificationView(await ctx.verifier.verify(assertion));
  }
}

/** Entity references carry the `@requires` fields: the representation is the record. */
export const credentialReference = {
  Credential: {
    __resolveReference: (ref: { id: string; assertion?: string | null }) => ({
      id: ref.id,
      assertion: ref.assertion ?? null,
    }),
  },
};
