import { describe, expect, it } from 'vitest';
import {
  alternatingSum, bettiZ2, boundaryFromColumns, chainComplex, chainEulerCharacteristic, gridSurface, homologyZ, kleinBottle,
  projectivePlane, simplicialComplex, sphere, subcomplex, torus, wedgeOfCircles, zeroBoundary, type ChainComplex,
} from '../../src/topology/index.js';

/** Z/2 rank by dense Gaussian elimination on bit rows: an independent check of the reduction. */
function denseRankZ2(chain: ChainComplex, d: number): number {
  const m = chain.boundaries[d];
  const rows: Uint8Array[] = [];
  for (let j = 0; j < m.cols; j++) {
    const r = new Uint8Array(m.rows);
    for (let k = m.colOffsets[j]; k < m.colOffsets[j + 1]; k++) r[m.rowIndices[k]] ^= 1;
    rows.push(r);
  }
  let rank = 0;
  for (let c = 0; c < m.rows && rank < rows.length; c++) {
    const p = rows.findIndex((r, i) => i >= rank && r[c] === 1);
    if (p < 0) continue;
    [rows[rank], rows[p]] = [rows[p], rows[rank]];
    for (let i = 0; i < rows.length; i++) if (i !== rank && rows[i][c]) for (let k = 0; k < m.rows; k++) rows[i][k] ^= rows[rank][k];
    rank++;
  }
  return rank;
}

function denseBetti(chain: ChainComplex): number[] {
  const top = chain.counts.length - 1;
  return chain.counts.map((n, d) => n - (d >= 1 ? denseRankZ2(chain, d) : 0) - (d < top ? denseRankZ2(chain, d + 1) : 0));
}

/** Every oriented boundary of a boundary is zero. */
function boundarySquaredIsZero(chain: ChainComplex): boolean {
  for (let d = 2; d < chain.counts.length; d++) {
    const hi = chain.boundaries[d];
    const lo = chain.boundaries[d - 1];
    for (let j = 0; j < hi.cols; j++) {
      const acc = new Map<number, number>();
      for (let k = hi.colOffsets[j]; k < hi.colOffsets[j + 1]; k++) {
        const f = hi.rowIndices[k];
        for (let q = lo.colOffsets[f]; q < lo.colOffsets[f + 1]; q++) acc.set(lo.rowIndices[q], (acc.get(lo.rowIndices[q]) ?? 0) + hi.coefficients![k] * lo.coefficients![q]);
      }
      if ([...acc.values()].some((v) => v !== 0)) return false;
    }
  }
  return true;
}

describe('standard spaces', () => {
  const cases = [
    { name: 'S¹', space: sphere(1), z2: [1, 1], z: [1, 1], torsion: [[], []], chi: 0 },
    { name: 'S²', space: sphere(2), z2: [1, 0, 1], z: [1, 0, 1], torsion: [[], [], []], chi: 2 },
    { name: 'S³', space: sphere(3), z2: [1, 0, 0, 1], z: [1, 0, 0, 1], torsion: [[], [], [], []], chi: 0 },
    { name: 'torus', space: torus(), z2: [1, 2, 1], z: [1, 2, 1], torsion: [[], [], []], chi: 0 },
    { name: 'Klein bottle', space: kleinBottle(), z2: [1, 2, 1], z: [1, 1, 0], torsion: [[], [2], []], chi: 0 },
    { name: 'RP²', space: projectivePlane(), z2: [1, 1, 1], z: [1, 0, 0], torsion: [[], [2], []], chi: 1 },
    { name: 'wedge of 3 circles', space: wedgeOfCircles(3), z2: [1, 3], z: [1, 3], torsion: [[], []], chi: -2 },
  ];
  for (const c of cases) {
    it(`${c.name}: Betti numbers over Z/2 and Z, torsion, Euler characteristic`, () => {
      const chain = c.space.chain;
      expect(boundarySquaredIsZero(chain)).toBe(true);
      expect(chainEulerCharacteristic(chain)).toBe(c.chi);
      const b2 = bettiZ2(chain);
      expect(b2).toEqual(c.z2);
      expect(b2).toEqual(denseBetti(chain));
      expect(alternatingSum(b2)).toBe(c.chi);
      const hz = homologyZ(chain);
      expect(hz.betti).toEqual(c.z);
      expect(hz.torsion).toEqual(c.torsion);
      expect(alternatingSum(hz.betti)).toBe(c.chi);
    });
  }

  it('the grid surfaces are genuine triangulations (V, E, F = mn, 3mn, 2mn)', () => {
    for (const [m, n, twist] of [[3, 3, false], [4, 4, true], [5, 3, true]] as const) {
      const s = gridSurface(m, n, twist);
      expect(s.chain.counts).toEqual([m * n, 3 * m * n, 2 * m * n]);
    }
  });

  it('RP² has every edge in exactly two triangles', () => {
    const s = projectivePlane();
    const counts = new Int32Array(s.chain.counts[1]);
    const b = s.chain.boundaries[2];
    for (let k = 0; k < b.colOffsets[b.cols]; k++) counts[b.rowIndices[k]]++;
    expect([...counts].every((c) => c === 2)).toBe(true);
  });

  it('a Möbius band has H₁ = Z and no torsion; the Klein bottle minus a disk too', () => {
    const mobius = simplicialComplex([[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 0], [4, 0, 1]]);
    expect(bettiZ2(mobius.chain)).toEqual([1, 1, 0]);
    expect(homologyZ(mobius.chain)).toEqual({ betti: [1, 1, 0], torsion: [[], [], []] });
  });

  it('S³ in a larger triangulation: boundary of the 4-simplex suspended twice gives S⁵', () => {
    expect(bettiZ2(sphere(5).chain)).toEqual([1, 0, 0, 0, 0, 1]);
  });
});

describe('random complexes agree with dense elimination', () => {
  it('Z/2 Betti numbers of 40 random simplicial complexes', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 40; trial++) {
      const nv = 5 + Math.floor(rand() * 6);
      const tops: number[][] = [];
      const count = 3 + Math.floor(rand() * 12);
      for (let t = 0; t < count; t++) {
        const k = 2 + Math.floor(rand() * 3);
        const s = new Set<number>();
        while (s.size < k) s.add(Math.floor(rand() * nv));
        tops.push([...s]);
      }
      const chain = simplicialComplex(tops).chain;
      const b = bettiZ2(chain);
      expect(b).toEqual(denseBetti(chain));
      expect(alternatingSum(b)).toBe(chainEulerCharacteristic(chain));
      // over Z: same free ranks (these small complexes embed in R⁴ or so and have no torsion in practice)
      const hz = homologyZ(chain);
      expect(alternatingSum(hz.betti)).toBe(chainEulerCharacteristic(chain));
    }
  });
});

describe('chain complexes and subcomplexes', () => {
  it('refuses mismatched shapes', () => {
    expect(() => chainComplex([zeroBoundary(0, 3), boundaryFromColumns(2, [[0, 1]])])).toThrow(/2 rows but there are 3 cells/);
    expect(() => boundaryFromColumns(2, [[0, 5]])).toThrow(/row 5/);
  });

  it('a repeated facet cancels over Z/2', () => {
    const b = boundaryFromColumns(2, [[1, 0, 1]]);
    expect(Array.from(b.rowIndices)).toEqual([0]);
  });

  it('subcomplex of the 2-sphere minus one triangle is a disk', () => {
    const s = sphere(2);
    const keep = s.chain.counts.map((n) => new Uint8Array(n).fill(1));
    keep[2][0] = 0;
    const sub = subcomplex(s.chain, keep);
    expect(bettiZ2(sub.chain)).toEqual([1, 0, 0]);
    expect(homologyZ(sub.chain).betti).toEqual([1, 0, 0]);
    keep[2].fill(0);
    const shell = subcomplex(s.chain, keep);
    expect(shell.chain.counts.length).toBe(2);
    expect(bettiZ2(shell.chain)).toEqual([1, 3]);
  });

  it('refuses a subcomplex that is not closed', () => {
    const s = sphere(1);
    const keep = [new Uint8Array([1, 1, 0]), new Uint8Array([1, 1, 1])];
    expect(() => subcomplex(s.chain, keep)).toThrow(/not closed/);
  });

  it('homologyZ refuses a complex over its cell budget', () => {
    expect(() => homologyZ(torus().chain, { maxCells: 10 })).toThrow(/exceeds the limit of 10.*maxCells/);
  });
});
