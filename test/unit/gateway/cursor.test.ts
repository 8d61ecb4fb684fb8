import { describe, expect, it } from 'vitest';
import { CursorCodec, queryFingerprint } from '../../../gateway/sharding/cursor.js';

describe('cross-agency cursors', () => {
  const codec = new CursorCodec('a-secret-of-sufficient-length');
  const fingerprint = queryFingerprint('courses', { orderBy: { field: 'TITLE', direction: 'ASC' }, first: 7 });

  it('round-trip the sort key of the last item', () => {
    const cursor = codec.encode(['ethics', 'who:course:12'], fingerprint);
    expect(codec.decode(cursor, fingerprint)).toEqual(['ethics', 'who:course:12']);
  });

  it('do not depend on page size or argument order', () => {
    const other = queryFingerprint('courses', { first: 50, orderBy: { direction: 'ASC', field: 'TITLE' }, after: 'x' });
    expect(other).toBe(fingerprint);
  });

  it('refuse a cursor from another query, a tampered one, or one signed with another secret', () => {
    const cursor = codec.encode([1700000000000, 'ilo:course:3'], fingerprint);
    const descending = queryFingerprint('courses', { orderBy: { field: 'TITLE', direction: 'DESC' } });
    expect(codec.decode(cursor, descending)).toBeNull();
    const [v, f, payload, mac] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify([0, 'ilo:course:3'])).toString('base64url');
    expect(codec.decode([v, f, forged, mac].join('.'), fingerprint)).toBeNull();
    expect(codec.decode([v, f, payload, 'x'.repeat(22)].join('.'), fingerprint)).toBeNull();
    expect(new CursorCodec('another-secret-value-here').decode(cursor, fingerprint)).toBeNull();
    expect(codec.decode('not-a-cursor', fingerprint)).toBeNull();
  });
});
