import { Directive, Field, ObjectType } from 'type-graphql';
import type { LmsKind } from '../lmsKind.js';
import { LmsKindEnum } from './enums.js';

/** A UN system organisation and its LMS. Keyed by its lowercase code, e.g. `who`. */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'A UN system organisation and its learning management system.' })
export class Agency {
  @Field(() => String, { description: 'Lowercase slug, e.g. `who`; the first part of every id it owns.' })
  code!: string;

  @Directive('@shareable')
  @Field(() => String)
  name!: string;

  @Directive('@shareable')
  @Field(() => LmsKindEnum)
  lmsKind!: LmsKind;
}
