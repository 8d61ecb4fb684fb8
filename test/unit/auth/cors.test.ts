import { describe, expect, it } from 'vitest';
import { authConfigSchema } from '../../../gateway/auth/config.js';
import { corsFor } from '../../../gateway/auth/cors.js';

const none = authConfigSchema.parse({}).cors;
const allowed = authConfigSchema.parse({ cors: { allowedOrigins: ['https://learning.un.org'] } }).cors;

describe('CORS', () => {
  it('allows no origin by default: preflights are refused, answers carry no CORS headers', () => {
    expect(corsFor('OPTIONS', 'https://learning.un.org', none)).toEqual({ kind: 'refused' });
    expect(corsFor('POST', 'https://learning.un.org', none)).toEqual({ kind: 'none' });
  });

  it('answers the preflight of an allowed origin with the token header allowed, and nobody else', () => {
    const preflight = corsFor('OPTIONS', 'https://learning.un.org', allowed);
    expect(preflight).toMatchObject({ kind: 'allowed', preflight: true });
    if (preflight.kind !== 'allowed') throw new Error('unreachable');
    expect(preflight.headers['access-control-allow-origin']).toBe('https://learning.un.org');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/);
    expect(preflight.headers).not.toHaveProperty('access-control-allow-credentials');
    expect(corsFor('OPTIONS', 'https://evil.example', allowed)).toEqual({ kind: 'refused' });
    expect(corsFor('POST', 'https://learning.un.org', allowed)).toMatchObject({ kind: 'allowed', preflight: false });
    expect(corsFor('POST', undefined, allowed)).toEqual({ kind: 'none' });
  });

  it('rejects origins with a path in the config', () => {
    expect(authConfigSchema.safeParse({ cors: { allowedOrigins: ['https://learning.un.org/app'] } }).success).toBe(
      false,
    );
  });
});
