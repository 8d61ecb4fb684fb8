/**
 * Where a `did:web` DID document lives (W3C CCG did:web method, §3.2 Read): the method-specific id is a
 * host (a port is written `%3A`) optionally followed by `:`-separated path segments; without a path the
 * document is `/.well-known/did.json`, with one it is `/<path>/did.json`. Always https, except where the
 * fetch policy allows http (tests and the sandbox on loopback). Null for a malformed did:web.
 */
export function didWebDocumentUrl(did: string, allowHttp: boolean): string | null {
  const [host, ...path] = did.slice('did:web:'.length).split(':');
  if (!host) return null;
  // The only percent-encoding allowed in the host part is the port separator.
  const authority = host.replace(/%3A/i, ':');
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(authority)) return null;
  let segments: string[];
  try {
    segments = path.map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('/'))) {
    return null;
  }
  const scheme = allowHttp && isLoopback(authority) ? 'http' : 'https';
  const location =
    segments.length > 0 ? `/${segments.map(encodeURIComponent).join('/')}/did.json` : '/.well-known/did.json';
  return `${scheme}://${authority}${location}`;
}

/** did:web is https by definition; plain http is only ever used for a loopback host in tests and the sandbox. */
function isLoopback(authority: string): boolean {
  const host = authority.replace(/:\d+$/, '');
  return host === '127.0.0.1' || host === 'localhost';
}
