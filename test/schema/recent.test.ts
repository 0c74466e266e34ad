import { describe, expect, it } from 'vitest';
import { RecentlyUsed } from '../../src/schema/recent.js';

describe('RecentlyUsed (the decoded-table cache)', () => {
  it('keeps the most recently used entries and drops the least recently used', () => {
    const r = new RecentlyUsed<string, number>(3);
    r.set('a', 1);
    r.set('b', 2);
    r.set('c', 3);
    expect(r.get('a')).toBe(1); // a is now the most recent: b is the oldest
    r.set('d', 4);
    expect(r.size).toBe(3);
    expect(r.get('b')).toBeUndefined();
    expect([r.get('a'), r.get('c'), r.get('d')]).toEqual([1, 3, 4]);
  });

  it('replaces the value of a key already present without growing', () => {
    const r = new RecentlyUsed<string, number>(2);
    r.set('a', 1);
    r.set('b', 2);
    r.set('a', 10);
    expect(r.size).toBe(2);
    r.set('c', 3); // b was the least recently used
    expect(r.get('b')).toBeUndefined();
    expect(r.get('a')).toBe(10);
  });

  it('works with a capacity of one and refuses a capacity that is not a positive integer', () => {
    const r = new RecentlyUsed<object, string>(1);
    const k1 = {};
    const k2 = {};
    r.set(k1, 'one');
    r.set(k2, 'two');
    expect(r.get(k1)).toBeUndefined();
    expect(r.get(k2)).toBe('two');
    expect(() => new RecentlyUsed(0)).toThrow(/positive integer/);
    expect(() => new RecentlyUsed(2.5)).toThrow(/positive integer/);
  });
});
