import {
  type ConstDirectiveNode,
  type ConstValueNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
} from 'graphql';
import { POLICIES, scopesOf } from '../../schema/authorization.js';
import type { ErrorCode } from '../../schema/errorCodes.js';
import type { Principal } from '../../schema/principal.js';

/** What one `@authenticated` / `@requiresScopes` / `@policy` combination demands. */
export interface AccessRule {
  readonly authenticated: boolean;
  /** Any inner list fully held (OR of ANDs), as federation defines it. */
  readonly scopes: readonly (readonly string[])[] | null;
  readonly policies: readonly (readonly string[])[] | null;
}

/** Allowed, or the code (of the one vocabulary) of the refusal. */
export type AccessDecision = 'ALLOW' | Extract<ErrorCode, 'UNAUTHENTICATED' | 'FORBIDDEN'>;

/** The authorization directives of a supergraph, by type and by `Type.field`. */
export interface AccessRules {
  readonly byType: ReadonlyMap<string, AccessRule>;
  readonly byField: ReadonlyMap<string, AccessRule>;
}

const SECURITY_SPECS = ['authenticated', 'requiresScopes', 'policy'];

function stringLists(value: ConstValueNode | undefined): string[][] {
  if (value?.kind !== Kind.LIST) return [];
  return value.values.map((inner) =>
    inner.kind === Kind.LIST ? inner.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : [],
  );
}

function ruleOf(directives: readonly ConstDirectiveNode[] | undefined): AccessRule | undefined {
  let authenticated = false;
  let scopes: string[][] | null = null;
  let policies: string[][] | null = null;
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name === 'authenticated') authenticated = true;
    else if (name === 'requiresScopes') {
      scopes = stringLists(directive.arguments?.find((a) => a.name.value === 'scopes')?.value);
    } else if (name === 'policy') {
      policies = stringLists(directive.arguments?.find((a) => a.name.value === 'policies')?.value);
    }
  }
  return authenticated || scopes || policies ? { authenticated, scopes, policies } : undefined;
}

/** Reads the rules that composition carried into the supergraph. */
export function rulesFromSupergraph(supergraphSdl: string): AccessRules {
  const byType = new Map<string, AccessRule>();
  const byField = new Map<string, AccessRule>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
    const typeRule = ruleOf(type.directives);
    if (typeRule) byType.set(type.name.value, typeRule);
    for (const field of type.fields ?? []) {
      const rule = ruleOf(field.directives);
      if (rule) byField.set(`${type.name.value}.${field.name.value}`, rule);
    }
  }
  return { byType, byField };
}

/**
 * The supergraph as the stock `@apollo/gateway` will load it. Composition links the authorization specs
 * `for: SECURITY`, and the gateway refuses to start on any SECURITY feature it does not enforce
 * (federation-internals `checkFeatureSupport`); we enforce them ourselves (this folder), so the purpose is
 * dropped from those three links only. Any other SECURITY feature still stops the gateway.
 */
export function supergraphForStockGateway(supergraphSdl: string): string {
  const pattern = new RegExp(
    `(@link\\(url: "https://specs\\.apollo\\.dev/(?:${SECURITY_SPECS.join('|')})/v[0-9.]+"), for: SECURITY\\)`,
    'g',
  );
  return supergraphSdl.replace(pattern, '$1)');
}

/** Federation semantics: a rule on a type applies to every field returning it, on top of the field's own. */
export function combinedRule(rules: AccessRules, parentType: string, field: string, returnType: string) {
  const own = rules.byField.get(`${parentType}.${field}`);
  const ofType = rules.byType.get(returnType);
  return own && ofType ? [own, ofType] : own ? [own] : ofType ? [ofType] : [];
}

const satisfied = (lists: readonly (readonly string[])[], holds: (name: string) => boolean) =>
  lists.some((all) => all.every(holds));

/** Anonymous callers failing any rule get UNAUTHENTICATED (signing in may help); others FORBIDDEN. */
export function decide(rule: AccessRule, principal: Principal): AccessDecision {
  const anonymous = principal.kind === 'anonymous';
  if (rule.authenticated && anonymous) return 'UNAUTHENTICATED';
  const deny: AccessDecision = anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN';
  if (rule.scopes) {
    const scopes = scopesOf(principal);
    if (!satisfied(rule.scopes, (scope) => scopes.has(scope))) return deny;
  }
  if (rule.policies) {
    const holds = (name: string) => (name in POLICIES ? POLICIES[name as keyof typeof POLICIES](principal) : false);
    if (!satisfied(rule.policies, holds)) return deny;
  }
  return 'ALLOW';
}
