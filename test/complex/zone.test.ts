import { describe, expect, it } from 'vitest';
import { boxLattice } from '../../src/complex/domain.js';
import type { Lattice } from '../../src/complex/lattice.js';
import { cutInPlace, toLattice, toMutable, type MutableLattice } from '../../src/complex/mutable.js';
import { ZoneCut } from '../../src/complex/zone.js';
import { rng } from '../../src/numeric/random.js';

// Planes g(x) = c·x + c0 with small integer coefficients on a box with integer corners, so that many
// pass exactly through vertices, edges and faces made by earlier planes (0-vertices, cells in the cut).
function planes(n: number, count: number, seed: number): Float64Array[] {
  const rand = rng(seed);
  const int = (k: number) => Math.floor(rand() * (2 * k + 1)) - k;
  return Array.from({ length: count }, () => Float64Array.from({ length: n + 1 }, (_, i) => int(i < n ? 2 : 3)));
}

function valueOf(m: MutableLattice, p: Float64Array, v: number): number {
  const n = m.dim;
  let s = p[n];
  for (let i = 0; i < n; i++) s += p[i] * m.coords.data[v * n + i];
  return s;
}

const sideOf = (z: number): number => (Math.abs(z) < 1e-9 ? 0 : z > 0 ? 1 : -1);

/** The reference: one full pass over the lattice per plane (cutInPlace with a side per vertex). */
function fullCuts(lat: Lattice, ps: Float64Array[]): Lattice {
  const m = toMutable(lat);
  for (const p of ps) {
    const side = Int8Array.from({ length: m.count[0] }, (_, v) => sideOf(valueOf(m, p, v)));
    cutInPlace(m, side, (v) => valueOf(m, p, v));
  }
  return toLattice(m);
}

/**
 * The builder's way (build.ts): the planes are the neurons of one sign word, every sign decided up
 * front at the old vertices and at new vertices when they are made; ZoneCut finds the split cells.
 */
function zoneCuts(lat: Lattice, ps: Float64Array[], share?: number, zeroFreeWhen: 'counted' | 'never' | 'always' = 'counted'): Lattice {
  const m = toMutable(lat);
  const zone = new ZoneCut(m, share);
  let words = new Uint32Array(m.count[0] + 16);
  const field = (z: number): number => (sideOf(z) > 0 ? 1 : sideOf(z) < 0 ? 2 : 0);
  for (let v = 0; v < m.count[0]; v++) for (let k = 0; k < ps.length; k++) words[v] |= field(valueOf(m, ps[k], v)) << (2 * k);
  zone.begin(words, 1, 0);
  for (let k = 0; k < ps.length; k++) {
    const V = m.count[0];
    // No vertex with sign 0 for this plane: no cell lies in it (the builder counts them as it decides).
    let zeroFree = zeroFreeWhen === 'always';
    if (zeroFreeWhen === 'counted') {
      zeroFree = true;
      for (let v = 0; v < V; v++) if (((words[v] >>> (2 * k)) & 3) === 0) zeroFree = false;
    }
    const made = zone.cut(words, 1, 2 * k, (v) => valueOf(m, ps[k], v), zeroFree);
    if (!made) continue;
    if (words.length < m.count[0]) {
      const bigger = new Uint32Array(2 * m.count[0]);
      bigger.set(words);
      words = bigger;
    }
    for (let v = V; v < m.count[0]; v++) {
      const j = v - V;
      const mask = (1 << (2 * k + 2)) - 1;
      words[v] = (words[made.from.data[2 * j]] | words[made.from.data[2 * j + 1]]) & mask & ~(3 << (2 * k));
      for (let k2 = k + 1; k2 < ps.length; k2++) words[v] |= field(valueOf(m, ps[k2], v)) << (2 * k2);
    }
    zone.refresh(words, 1);
  }
  return toLattice(m);
}

function expectSame(a: Lattice, b: Lattice): void {
  expect(a.counts).toEqual(b.counts);
  expect(Array.from(a.coords)).toEqual(Array.from(b.coords));
  for (let d = 1; d <= a.dim; d++) {
    expect(Array.from(a.offsets[d])).toEqual(Array.from(b.offsets[d]));
    expect(Array.from(a.facets[d])).toEqual(Array.from(b.facets[d]));
  }
}

describe('ZoneCut', () => {
  for (const n of [1, 2, 3, 4]) {
    it(`cuts exactly as a full pass does, walking the zone or passing over the cells (${n}-D, planes through vertices)`, () => {
      const box = boxLattice(new Float64Array(n).fill(-2), new Float64Array(n).fill(2));
      for (let seed = 1; seed <= (n === 4 ? 3 : 8); seed++) {
        const ps = planes(n, n === 4 ? 7 : 12, seed);
        const ref = fullCuts(box, ps);
        // share 0: always walk the zone; Infinity: always one pass over the cells; default: as the builder.
        for (const share of [0, Infinity, undefined]) {
          expectSame(zoneCuts(box, ps, share), ref);
          expectSame(zoneCuts(box, ps, share, 'never'), ref);
        }
        expect(ref.counts[n]).toBeGreaterThan(1);
      }
    });
  }

  it('needs the search for cells in the cut when a plane passes through vertices (zeroFree wrongly set breaks it)', () => {
    const box = boxLattice(new Float64Array(3).fill(-2), new Float64Array(3).fill(2));
    let differs = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const ps = planes(3, 12, seed);
      const ref = fullCuts(box, ps);
      try {
        const wrong = zoneCuts(box, ps, undefined, 'always');
        if (JSON.stringify(Array.from(wrong.facets[2])) !== JSON.stringify(Array.from(ref.facets[2]))) differs++;
      } catch {
        differs++;
      }
    }
    expect(differs).toBeGreaterThan(0);
  });

  it('finds nothing to cut when a plane only touches the complex along cells already there', () => {
    // x = 0 twice: the second plane has no vertex strictly on both sides of any cell.
    const box = boxLattice(new Float64Array(3).fill(-1), new Float64Array(3).fill(1));
    const p = Float64Array.from([1, 0, 0, 0]);
    const twice = zoneCuts(box, [p, p]);
    expectSame(twice, fullCuts(box, [p]));
    expect(twice.counts[3]).toBe(2);
  });
});
