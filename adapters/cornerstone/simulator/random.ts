import { createPrng } from '../../core/sandboxData.js';

/** Seeded helpers over the shared PRNG, so every seed gives the same dataset (no Math.random). */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  guid(): string;
}

export function createRandom(seed: number): Random {
  const next = createPrng(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number) => Array.from({ length }, () => int(0, 15).toString(16)).join('');
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)] as T,
    chance: (probability) => next() < probability,
    guid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`,
  };
}

/** CSOD's timestamp styles (lms-apis.md §2.6): `Z`, 7-digit fraction, `+0000`, `+hh:mm`, no offset. */
export type TimestampStyle = 'z' | 'fraction7' | 'compactOffset' | 'offset' | 'naive';
export const TIMESTAMP_STYLES: readonly TimestampStyle[] = ['z', 'fraction7', 'compactOffset', 'offset', 'naive'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Formats an instant in a style; `naive` and `offset` shift the wall clock so the instant is preserved. */
export function formatTimestamp(ms: number, style: TimestampStyle, offsetMinutes = 120): string {
  const shift = style === 'offset' ? offsetMinutes : 0;
  const d = new Date(ms + shift * 60_000);
  const wall = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  switch (style) {
    case 'z':
      return `${wall}Z`;
    case 'fraction7':
      return `${wall}.${pad(d.getUTCMilliseconds(), 3)}4567Z`;
    case 'compactOffset':
      return `${wall}+0000`;
    case 'offset': {
      const sign = shift >= 0 ? '+' : '-';
      return `${wall}${sign}${pad(Math.floor(Math.abs(shift) / 60))}:${pad(Math.abs(shift) % 60)}`;
    }
    case 'naive':
      return wall;
    default: {
      const unreachable: never = style;
      throw new Error(`unknown timestamp style ${String(unreachable)}`);
    }
  }
}
