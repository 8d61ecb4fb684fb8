import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** The stable code in a refusal for a subgraph address outside the public internet and `allowedDestinations`. */
export const DESTINATION_NOT_ALLOWED = 'DESTINATION_NOT_ALLOWED';

/** Loopback, both families: what the sandbox and tests allow (never a production setting). */
export const LOOPBACK_DESTINATIONS: readonly string[] = ['127.0.0.0/8', '::1/128'];

/**
 * Every address: for `convergence check`, which runs on the operator's own machine and reaches only what
 * they can reach anyway (the registry itself never uses it).
 */
export const ANY_DESTINATION: readonly string[] = ['0.0.0.0/0', '::/0'];

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** One `allowedDestinations` entry: an IP address or a CIDR range, IPv4 or IPv6. */
export function parseDestination(entry: string): Range | undefined {
  try {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const address = ipaddr.parse(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}

/**
 * Which addresses the registry may call: public unicast addresses always, anything else (private, loopback,
 * link-local such as the 169.254.169.254 cloud metadata service, unique-local, reserved) only when an
 * `allowedDestinations` entry covers it — so registering an agency cannot make the registry probe its own
 * network (SSRF).
 */
export class DestinationPolicy {
  readonly #allowed: readonly Range[];

  constructor(
    allowed: readonly string[] = [],
    /** The resolver checked and pinned (tests give one that answers a private address). */
    private readonly resolve: typeof dns.lookup = dns.lookup,
  ) {
    this.#allowed = allowed.map((entry) => {
      const range = parseDestination(entry);
      if (!range) throw new Error(`allowedDestinations: "${entry}" is not an IP address or CIDR range`);
      return range;
    });
  }

  /** Why an IP address may not be called, or undefined when it may. */
  problem(address: string): string | undefined {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it reaches.
      parsed = ipaddr.process(address);
    } catch {
      return `its address is not an IP address [${DESTINATION_NOT_ALLOWED}]`;
    }
    const range = parsed.range();
    if (range === 'unicast') return undefined;
    if (this.#allowed.some(([base, bits]) => base.kind() === parsed.kind() && parsed.match(base, bits))) {
      return undefined;
    }
    return `its address is ${range === 'private' ? 'private' : `${range} (not public)`}; the registry calls such addresses only when the registry config's allowedDestinations covers them [${DESTINATION_NOT_ALLOWED}]`;
  }

  /** For a URL host that is an IP literal, which Node connects to without a lookup. */
  hostProblem(hostname: string): string | undefined {
    const bare = hostname.replace(/^\[|\]$/g, '');
    return isIP(bare) ? this.problem(bare) : undefined;
  }

  /**
   * A `dns.lookup` that refuses disallowed answers. Given to the HTTP agent, it runs at connect time and the
   * socket connects to the very address it checked: no window for a DNS answer to change in between.
   */
  lookup(): NonNullable<http.AgentOptions['lookup']> {
    return ((hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
      this.resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error);
        for (const { address } of addresses) {
          const problem = this.problem(address);
          if (problem) return callback(new DestinationRefused(problem));
        }
        if (options.all) return callback(null, addresses);
        const first = addresses[0];
        if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
        return callback(null, first.address, first.family);
      });
    }) as NonNullable<http.AgentOptions['lookup']>;
  }

  /** Agents for one request (no keep-alive: a probe is one request, and no socket outlives its check). */
  agents(): { httpAgent: http.Agent; httpsAgent: https.Agent } {
    const lookup = this.lookup();
    return { httpAgent: new http.Agent({ lookup }), httpsAgent: new https.Agent({ lookup }) };
  }
}

/** A refused destination, told apart from network errors when the request fails. */
export class DestinationRefused extends Error {
  readonly code = DESTINATION_NOT_ALLOWED;
}
