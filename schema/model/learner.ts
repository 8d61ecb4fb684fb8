import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AUTHENTICATED, PERSONAL_DATA_POLICY } from '../authorization.js';

@Directive('@key(fields: "id")')
// Personal data: signed-in learners (their own) and agency managers (their agency's) only.
@Directive(AUTHENTICATED)
@Directive(PERSONAL_DATA_POLICY)
@ObjectType({ description: "A person's account in one agency's LMS." })
export class Learner {
  @Field(() => ID, { description: 'Global id `<agency>:learner:<localId>`.' })
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'Personal data: visible only to roles that need it.' })
  email!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'UN index number, the cross-agency person key. Personal data.',
  })
  indexNumber!: string | null;
}
