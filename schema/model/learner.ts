import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
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
