import { describe, expect, it } from 'vitest';
import { EdgeMap } from '../../src/complex/edgehash.js';

describe('EdgeMap', () => {
  it('stores unordered vertex pairs; find + claim is get + set with one probe, through rehashes', () => {
    const m = new EdgeMap(4);
    const ref = new Map<string, number>();
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 500;
    for (let k = 0; k < 5000; k++) {
      const a = rand();
      const b = rand();
      const key = `${Math.min(a, b)},${Math.max(a, b)}`;
      const found = m.find(a, b);
      expect(found).toBe(ref.get(key) ?? -1);
      if (found < 0) {
        m.claim(a, b, k);
        ref.set(key, k);
      }
      expect(m.get(b, a)).toBe(ref.get(key));
    }
    expect(m.size).toBe(ref.size);
    m.set(3, 7, 42);
    expect(m.get(7, 3)).toBe(42);
    m.clear(10);
    expect(m.get(7, 3)).toBe(-1);
    expect(m.size).toBe(0);
  });
});
