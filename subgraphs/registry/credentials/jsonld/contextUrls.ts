/**
 * Every `@context` value in a JSON document, at any depth: the top-level one and any embedded or
 * property-scoped context a node object carries. Remote contexts are strings; inline context objects are
 * collected too so their own nested references are seen.
 */
export function contextReferences(document: unknown): { urls: string[]; malformed: boolean } {
  const urls = new Set<string>();
  let malformed = false;
  const visitContext = (value: unknown): void => {
    if (typeof value === 'string') urls.add(value);
    else if (Array.isArray(value)) {
      for (const item of value) visitContext(item);
    } else if (value && typeof value === 'object') {
      // An inline context: `@import` names a remote one (JSON-LD 1.1), and term definitions may carry
      // scoped `@context`s of their own.
      const imported = (value as Record<string, unknown>)['@import'];
      if (imported !== undefined) visitContext(imported);
      for (const definition of Object.values(value)) {
        if (definition && typeof definition === 'object' && '@context' in definition) {
          visitContext((definition as Record<string, unknown>)['@context']);
        }
      }
    } else if (value !== null) malformed = true;
  };
  const visit = (node: unknown, depth: number): void => {
    if (depth > 64) {
      malformed = true;
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '@context') visitContext(value);
        else visit(value, depth + 1);
      }
    }
  };
  visit(document, 0);
  return { urls: [...urls], malformed };
}
