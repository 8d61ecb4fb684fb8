import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DocumentLoader } from 'jsonld-signatures';

/** JSON-LD contexts by URL. Signing and verifying serve these and nothing else: a context is never fetched. */
export type ContextMap = ReadonlyMap<string, unknown>;

interface ManifestEntry {
  readonly url: string;
  readonly file: string;
  readonly sha256: string;
}

const CONTEXT_DIR = new URL('./contexts/', import.meta.url);

/** The bundled contexts are constant data, read once per process (signing reads them per credential). */
let bundled: ContextMap | undefined;

/**
 * Reads the bundled contexts (contexts/manifest.json) and checks each file against its recorded sha256.
 * WHY the hash: a context defines what every signed term means; an edited copy would silently change
 * what a signature covers (OB 3.0.2 added `@protected` for exactly this class of attack), so a mismatch
 * stops start-up instead.
 */
export function loadBundledContexts(): ContextMap {
  bundled ??= readBundledContexts();
  return bundled;
}

function readBundledContexts(): ContextMap {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', CONTEXT_DIR), 'utf8')) as {
    contexts: ManifestEntry[];
  };
  const contexts = new Map<string, unknown>();
  for (const entry of manifest.contexts) {
    const bytes = readFileSync(new URL(entry.file, CONTEXT_DIR));
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== entry.sha256) {
      throw new Error(`bundled JSON-LD context ${entry.url} (${entry.file}) does not match its recorded sha256`);
    }
    contexts.set(entry.url, JSON.parse(bytes.toString('utf8')) as unknown);
  }
  return contexts;
}

/** The bundled contexts plus `extra` ones (tests add the W3C examples vocabulary this way). */
export function contextMap(extra: Readonly<Record<string, unknown>> = {}): ContextMap {
  const contexts = new Map(loadBundledContexts());
  for (const [url, document] of Object.entries(extra)) contexts.set(url, document);
  return contexts;
}

/**
 * A JSON-LD document loader that serves `contexts` and refuses everything else: what signing needs (the
 * verifier builds its own on top of the same map, adding the keys a credential names).
 */
export function createContextLoader(contexts: ContextMap = contextMap()): DocumentLoader {
  return async (url) => {
    const document = contexts.get(url);
    if (document === undefined) throw new Error(`context ${url} is not bundled`);
    return { contextUrl: null, documentUrl: url, document };
  };
}
