import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryCost } from '../../../gateway/limits/cost.js';

const schema = buildSchema(`
  type Course { id: ID! title: String! }
  type CourseEdge { node: Course! }
  type CourseConnection { edges: [CourseEdge!]! totalCount: Int! }
  input CourseFilter { agencies: [String!] }
  type Query { courses(first: Int, filter: CourseFilter): CourseConnection! }
`);
const document = parse('query Page($first: Int) { courses(first: $first) { totalCount edges { node { id title } } } }');

describe('queryCost', () => {
  it('is remembered per document, yet follows the variables and the number of agencies', () => {
    const at = (first: number, agencies: number) => queryCost(schema, document, 'Page', { first }, () => agencies);
    const small = at(10, 4);
    expect(at(10, 4)).toBe(small);
    expect(at(100, 4)).toBeGreaterThan(small);
    expect(at(10, 28)).toBe(small * 7);
    expect(at(10, 4)).toBe(small);
  });
});
