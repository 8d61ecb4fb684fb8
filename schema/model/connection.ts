import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { Course } from './course.js';
import { Credential } from './credential.js';
import { Enrollment } from './enrollment.js';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the Relay edge and connection types for one node type (type-graphql generic types). */
function connectionTypes<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field(() => String, { description: 'Opaque cursor of this item; pass it as `after` to resume.' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType implements Connection<T> {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Items matching the filter across all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

export const CourseConnection = connectionTypes(Course, 'Course');
export const EnrollmentConnection = connectionTypes(Enrollment, 'Enrollment');
export const CredentialConnection = connectionTypes(Credential, 'Credential');
