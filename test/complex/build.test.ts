import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  boxDomain, buildComplex, cellsByDim, cellSignString, eulerCharacteristic, linearRegions, polytopeDomain,
  totalVolume, cellVertices, cellInteriorPoint, cellSignSequence,
} from '../../src/complex/index.js';
import { createNetwork } from '../../src/net/index.js';
import { checkAgainstNetwork, checkStructure, gridPatterns, heNetwork, net, preActivation, signViolation, topPatterns } from './helpers.js';

describe('buildComplex on boxes', () => {
  it('a network with no hidden layer gives the box itself (the cube face lattice)', () => {
    for (let n = 1; n <= 6; n++) {
      const lin = createNetwork([{ weight: new Float64Array(n).fill(1), bias: [0], inDim: n, outDim: 1 }]);
      const c = buildComplex(lin, boxDomain(n));
      // faces of the n-cube: C(n,k)·2^(n−k) of dimension k
      const expected = Array.from({ length: n + 1 }, (_, k) => binom(n, k) * 2 ** (n - k));
      expect(cellsByDim(c)).toEqual(expected);
      expect(eulerCharacteristic(c)).toBe(1);
    }
  });

  it('DESIGN example net: F = relu(x1 − x2) + relu(0.5x1 + 2x2 + 0.1) on [-1,1]² has 4 regions', () => {
    const c = buildComplex(net([{ weight: [[1, -1], [0.5, 2]], bias: [0, 0.1] }, { weight: [[1, 1]] }]), boxDomain(2));
    // x1 = x2 runs corner to corner; the other line hits two sides; they cross once inside:
    // 4 corners + 2 side hits + 1 crossing = 7 vertices, 6 boundary + 4 inner edges, 4 regions.
    expect(cellsByDim(c)).toEqual([7, 10, 4]);
    expect(totalVolume(c)).toBeCloseTo(4, 12);
    checkStructure(c);
    checkAgainstNetwork(c, net([{ weight: [[1, -1], [0.5, 2]], bias: [0, 0.1] }, { weight: [[1, 1]] }]));
  });

  it('k lines in general position, all crossings inside: 1 + k + C(k,2) regions', () => {
    for (const k of [1, 2, 3, 5, 8]) {
      // Lines through points near the origin with distinct slopes: all crossings within |x| < 0.5.
      const weight: number[][] = [];
      const bias: number[] = [];
      for (let i = 0; i < k; i++) {
        const angle = (Math.PI * (i + 0.37)) / k;
        const [a, b] = [Math.cos(angle), Math.sin(angle)];
        weight.push([a, b]);
        bias.push(0.05 * Math.sin(3.1 * i + 1)); // offsets small: crossings near 0
      }
      const network = net([{ weight, bias }, { weight: [new Array(k).fill(1)] }]);
      const c = buildComplex(network, boxDomain(2));
      expect(c.cells[2].count).toBe(1 + k + (k * (k - 1)) / 2);
      checkStructure(c);
      checkAgainstNetwork(c, network);
    }
  });

  it('1-D net with 5 activation regions and 4 linear regions', () => {
    // Breakpoints −0.6, −0.2, 0.2, 0.6; the neuron at 0.2 has output weight 0, so two regions share a map.
    const network = net([
      { weight: [[1], [1], [1], [1]], bias: [0.6, 0.2, -0.2, -0.6] },
      { weight: [[1, -2, 0, 1.5]], bias: [0] },
    ]);
    const c = buildComplex(network, boxDomain(1));
    expect(cellsByDim(c)).toEqual([6, 5]);
    expect(linearRegions(c).count).toBe(4);
    checkStructure(c);
    checkAgainstNetwork(c, network);
  });

  it('random He nets in dimensions 1–6: Euler characteristic 1, pseudomanifold, network checks', () => {
    const archs = [[1, 8, 8, 1], [2, 10, 10, 1], [3, 8, 6, 1], [4, 6, 5, 1], [5, 5, 4, 1], [6, 5, 3, 1]];
    archs.forEach((arch, i) => {
      const network = heNetwork(arch, 100 + i);
      const c = buildComplex(network, boxDomain(arch[0]));
      checkStructure(c);
      checkAgainstNetwork(c, network, { allCells: arch[0] <= 4 });
      expect(c.cells[arch[0]].count).toBeGreaterThan(3);
    });
  });

  it('top-cell volumes sum to the box volume (2-D and 3-D)', () => {
    const c2 = buildComplex(heNetwork([2, 16, 16, 1], 7), boxDomain(2, -2, 3));
    expect(totalVolume(c2)).toBeCloseTo(25, 9);
    const c3 = buildComplex(heNetwork([3, 10, 8, 1], 8), boxDomain(3, -1, 1));
    expect(totalVolume(c3)).toBeCloseTo(8, 9);
  });

  it('brute-force grid sampling finds no activation pattern the complex lacks', () => {
    for (const [arch, seed] of [[[2, 12, 12, 1], 3], [[3, 8, 8, 1], 4], [[1, 6, 6, 6, 1], 5]] as const) {
      const network = heNetwork(arch, seed);
      const n = arch[0];
      const c = buildComplex(network, boxDomain(n));
      const sampled = gridPatterns(network, new Array(n).fill(-1), new Array(n).fill(1), n === 1 ? 4000 : n === 2 ? 300 : 40);
      const have = topPatterns(c);
      for (const p of sampled) expect(have.has(p)).toBe(true);
      // and the complex has no duplicated activation region (each pattern's region is convex)
      expect(have.size).toBe(c.cells[n].count);
    }
  });

  it('vertices satisfy their zero signs', () => {
    const network = heNetwork([2, 10, 10, 1], 11);
    const c = buildComplex(network, boxDomain(2));
    for (let v = 0; v < c.vertexCount; v++) {
      const x = c.vertices.subarray(2 * v, 2 * v + 2);
      const s = cellSignString(c, 0, v).replace(/\|/g, '');
      for (let k = 0; k < s.length; k++) {
        if (s[k] !== '0') continue;
        const { z, scale } = preActivation(network, x, k);
        expect(Math.abs(z)).toBeLessThanOrEqual(1e-9 * Math.max(scale, 1));
      }
    }
  });

  it('works on a polytope: a triangle and a 3-D simplex', () => {
    const network = heNetwork([2, 8, 8, 1], 21);
    const tri = buildComplex(network, polytopeDomain([[1, 0], [0, 1], [-1, -1]], [1, 1, 1], 2));
    expect(eulerCharacteristic(tri)).toBe(1);
    expect(totalVolume(tri)).toBeCloseTo(4.5, 9);
    checkStructure(tri);
    checkAgainstNetwork(tri, network);
    const n3 = heNetwork([3, 6, 6, 1], 22);
    const simplex = buildComplex(n3, polytopeDomain([[-1, 0, 0], [0, -1, 0], [0, 0, -1], [1, 1, 1]], [0, 0, 0, 1], 3));
    expect(totalVolume(simplex)).toBeCloseTo(1 / 6, 10);
    checkStructure(simplex);
    checkAgainstNetwork(simplex, n3);
  });

  it('refuses bad domains', () => {
    const network = heNetwork([2, 4, 1], 1);
    expect(() => buildComplex(network, boxDomain(3))).toThrow(/3-dimensional but the network takes 2/);
    expect(() => buildComplex(network, polytopeDomain([[1, 0], [0, 1], [-1, 0]], [1, 1, 1], 2))).toThrow(/unbounded/);
    expect(() => buildComplex(network, polytopeDomain([[1, 0], [0, 1], [-1, -1]], [-1, -1, -3], 2))).toThrow(/empty|interior/);
    expect(() => buildComplex(network, polytopeDomain([[1, 0], [-1, 0], [0, 1], [0, -1]], [0, 0, 1, 1], 2))).toThrow(/interior/);
    expect(() => boxDomain(2, 1, -1)).toThrow(/lo < hi/);
  });

  it('refuses a job over the cell budget with an estimate', () => {
    const network = heNetwork([2, 32, 32, 1], 2);
    expect(() => buildComplex(network, boxDomain(2), { maxCells: 500 })).toThrow(/at least [\d,]+ cells \(cap 500.*--max-cells/);
  });

  it('refuses a job whose arrays would pass the memory limit, before allocating them, in both engines', () => {
    // 2-D: a 200-wide second layer needs 1.6 kB of values per vertex; the first layer's 20k vertices
    // alone pass 16 MB.
    const wide = heNetwork([2, 200, 200, 1], 4);
    expect(() => buildComplex(wide, boxDomain(2), { maxBytes: 16 * 2 ** 20 })).toThrow(/memory limit of 0\.016 GiB .*at neuron \d+ of 400.*--max-memory/);
    // 3-D (face-lattice engine): the same inside the neuron loop and before a layer's rows.
    const deep = heNetwork([3, 24, 24, 1], 5);
    expect(() => buildComplex(deep, boxDomain(3), { maxBytes: 2 ** 20 })).toThrow(/memory limit.*--max-memory/);
    // Under a limit it does not reach, the same complex as without one.
    const small = heNetwork([3, 8, 6, 2], 6);
    const a = buildComplex(small, boxDomain(3), { maxBytes: 2 ** 30 });
    const b = buildComplex(small, boxDomain(3));
    expect(Array.from(a.vertices)).toEqual(Array.from(b.vertices));
    expect(Array.from(a.topJacobians)).toEqual(Array.from(b.topJacobians));
    expect(cellsByDim(buildComplex(wide, boxDomain(2), { maxBytes: 2 ** 31 }))).toEqual(cellsByDim(buildComplex(wide, boxDomain(2))));
  });

  it('reports progress: neuron by neuron (lattice engine), layer by layer (2-D engine)', () => {
    const seen: number[] = [];
    buildComplex(heNetwork([3, 5, 3, 1], 3), boxDomain(3), { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const planar: number[] = [];
    buildComplex(heNetwork([2, 5, 3, 1], 3), boxDomain(2), { onProgress: (p) => planar.push(p.done) });
    expect(planar).toEqual([5, 8]);
  });

  it('the 2-D engine and the face-lattice engine build the same complex', () => {
    const same = (network: ReturnType<typeof heNetwork>, domain: ReturnType<typeof boxDomain>) => {
      const a = buildComplex(network, domain);
      const b = buildComplex(network, domain, { engine: 'lattice' });
      expect(cellsByDim(a)).toEqual(cellsByDim(b));
      const key = (c: typeof a, d: number) =>
        Array.from({ length: c.cells[d].count }, (_, i) => cellSignString(c, d, i)).sort().join(' ');
      for (let d = 0; d <= 2; d++) expect(key(a, d)).toBe(key(b, d));
      const xs = (c: typeof a) => Array.from({ length: c.vertexCount }, (_, v) => `${c.vertices[2 * v].toFixed(9)},${c.vertices[2 * v + 1].toFixed(9)}`).sort().join(' ');
      expect(xs(a)).toBe(xs(b));
      expect(linearRegions(a).count).toBe(linearRegions(b).count);
    };
    same(heNetwork([2, 16, 16, 16, 1], 61), boxDomain(2));
    same(heNetwork([2, 12, 12, 1], 62), boxDomain(2, -3, 2));
    same(heNetwork([2, 8, 8, 1], 63), polytopeDomain([[1, 0], [0, 1], [-1, -1]], [1, 1, 1], 2));
    // degenerate: concurrent lines, coincident lines, a line through corners, a zero row, a second layer
    // that repeats the first
    same(net([{ weight: [[1, 0], [0, 1], [1, 1], [2, 2], [1, -1], [0, 0]], bias: [0, 0, 0, 0, 0, 0] },
      { weight: [[1, 0, 0, 0, 0, 0], [0, 1, 1, 0, 0, 0], [1, -1, 0, 0, 0, 1]], bias: [0, 0, 0] }, { weight: [[1, 1, 1]] }]), boxDomain(2));
  });
});

describe('2-D engine: derived values, wide layers', () => {
  it('deep nets: every vertex value and cell sign agrees with the network (values of made vertices are derived along their edges)', () => {
    const integer = createNetwork([
      { weight: [1, 0, 0, 1, 1, 1, 1, -1, 2, 1], bias: [0, 0, 0, 0, 1], inDim: 2, outDim: 5 },
      { weight: [1, -1, 0, 1, 0, 0, 1, 1, -1, 0, 1, 0, 0, 1, 1, -1, 0, 1, 0, 1], bias: [0, 1, 0, -1], inDim: 5, outDim: 4 },
      { weight: [1, 1, -1, 0, 0, 1, 1, 1, -1, 0, 0, 1], bias: [0, 0, 1], inDim: 4, outDim: 3 },
      { weight: [1, -1, 1, 0, 1, 1], bias: [0, 0], inDim: 3, outDim: 2 },
      { weight: [1, 1], bias: [0], inDim: 2, outDim: 1 },
    ]);
    for (const network of [heNetwork([2, 12, 10, 8, 6, 1], 91), heNetwork([2, 8, 8, 8, 8, 8, 2], 92), integer]) {
      for (const domain of [boxDomain(2), boxDomain(2, -3, 3)]) {
        const c = buildComplex(network, domain);
        expect(eulerCharacteristic(c)).toBe(1);
        checkStructure(c);
        checkAgainstNetwork(c, network);
      }
    }
    // The checker catches a wrong sign: an edge's + or − flipped, or 0 claimed where the value is not.
    const network = heNetwork([2, 12, 10, 8, 6, 1], 91);
    const c = buildComplex(network, boxDomain(2));
    const e = 5;
    const x = cellInteriorPoint(c, 1, e);
    const signs = Array.from(cellSignSequence(c, 1, e));
    const k = signs.findIndex((s) => s !== 0);
    expect(signViolation(network, x, signs, 1e-6, 1)).toBe(-1);
    expect(signViolation(network, x, signs.map((s, i) => (i === k ? -s : s)), 1e-6, 1)).toBe(k);
    expect(signViolation(network, x, signs.map((s, i) => (i === k ? 0 : s)), 1e-6, 1)).toBe(k);
  });

  it('a wide first layer (one region cut by 90 lines, depth first) gives the face-lattice engine\'s complex', () => {
    // Then a second layer, whose values at layer 0's vertices derive along long chains of split edges.
    for (const arch of [[2, 90, 1], [2, 100, 20, 1]]) {
      const network = heNetwork(arch, 93);
      const a = buildComplex(network, boxDomain(2));
      const b = buildComplex(network, boxDomain(2), { engine: 'lattice' });
      expect(cellsByDim(a)).toEqual(cellsByDim(b));
      const key = (c: typeof a) => Array.from({ length: c.cells[2].count }, (_, i) => cellSignString(c, 2, i)).sort().join(' ');
      expect(key(a)).toBe(key(b));
      expect(totalVolume(a)).toBeCloseTo(4, 9);
      checkAgainstNetwork(a, network, { allCells: false });
    }
  });
});

describe('property: random small networks give valid complexes', () => {
  const small = (n: number) =>
    fc.record({
      widths: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
      seed: fc.integer({ min: 0, max: 1e6 }),
      integer: fc.boolean(),
    }).map(({ widths, seed, integer }) => {
      const network = heNetwork([n, ...widths, 1], seed);
      if (!integer) return network;
      // Integer weights in −2..2: lots of coincidences (concurrent lines, lines through corners).
      return createNetwork(network.layers.map((l) => ({
        weight: l.weight.map((w) => Math.max(-2, Math.min(2, Math.round(w * 1.5)))),
        bias: l.bias.map((b) => Math.round(b * 2) / 2),
        inDim: l.inDim,
        outDim: l.outDim,
      })));
    });
  it('2-D, deeper and wider (up to 5 layers of 12): the 2-D engine builds the face-lattice engine\'s complex', () => {
    fc.assert(
      fc.property(
        fc.record({
          widths: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }),
          seed: fc.integer({ min: 0, max: 1e6 }),
          integer: fc.boolean(),
          outputs: fc.integer({ min: 1, max: 3 }),
        }),
        ({ widths, seed, integer, outputs }) => {
          let network = heNetwork([2, ...widths, outputs], seed);
          if (integer) {
            network = createNetwork(network.layers.map((l) => ({
              weight: l.weight.map((w) => Math.max(-2, Math.min(2, Math.round(w * 1.5)))),
              bias: l.bias.map((b) => Math.round(b * 2) / 2),
              inDim: l.inDim,
              outDim: l.outDim,
            })));
          }
          const a = buildComplex(network, boxDomain(2));
          const b = buildComplex(network, boxDomain(2), { engine: 'lattice' });
          expect(cellsByDim(a)).toEqual(cellsByDim(b));
          const key = (c: typeof a, d: number) => Array.from({ length: c.cells[d].count }, (_, i) => cellSignString(c, d, i)).sort().join(' ');
          for (let d = 0; d <= 2; d++) expect(key(a, d)).toBe(key(b, d));
          expect(totalVolume(a)).toBeCloseTo(4, 9);
          checkStructure(a);
          checkAgainstNetwork(a, network);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });

  for (const n of [1, 2, 3]) {
    it(`${n}-D`, () => {
      fc.assert(
        fc.property(small(n), (network) => {
          const c = buildComplex(network, boxDomain(n));
          checkStructure(c);
          checkAgainstNetwork(c, network, { allCells: true });
          if (n <= 3) expect(totalVolume(c)).toBeCloseTo(2 ** n, 9);
        }),
        { numRuns: n === 3 ? 40 : 80, seed: 42 + n },
      );
    });
  }
});

describe('property: random polytope domains', () => {
  it('2-D and 3-D: the complex fills the polytope and passes the checks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 3, max: 7 }), (n, seed, extra) => {
        // Half-spaces a·x ≤ 1 with random directions, plus a simplex's n+1 walls so it is bounded.
        const network = heNetwork([n, 6, 5, 1], seed);
        const dirs = heNetwork([n, extra, 1], seed + 1).layers[0].weight;
        const A: number[][] = [];
        for (let r = 0; r < extra; r++) A.push(Array.from(dirs.subarray(r * n, (r + 1) * n)));
        for (let j = 0; j < n; j++) A.push(Array.from({ length: n }, (_, i) => (i === j ? -1 : 0)));
        A.push(new Array(n).fill(1));
        const b = [...new Array(extra).fill(1), ...new Array(n).fill(1), 1];
        const domain = polytopeDomain(A, b, n);
        const bare = buildComplex(createNetwork([{ weight: new Float64Array(n), bias: [0], inDim: n, outDim: 1 }]), domain);
        const c = buildComplex(network, domain);
        expect(eulerCharacteristic(c)).toBe(1);
        checkStructure(c);
        checkAgainstNetwork(c, network, { allCells: false });
        expect(totalVolume(c)).toBeCloseTo(totalVolume(bare), 9);
        // It lies inside the simplex {x ≥ −1, Σx ≤ 1}, of volume (n+1)^n / n!.
        expect(totalVolume(bare)).toBeLessThanOrEqual((n + 1) ** n / (n === 2 ? 2 : 6) + 1e-9);
      }),
      { numRuns: 30, seed: 7 },
    );
  });
});

describe('degenerate networks give valid complexes', () => {
  const cases: Record<string, { weight: number[][]; bias?: number[] }[]> = {
    'dead and always-on neurons': [{ weight: [[0.1, 0.2], [0.1, -0.1], [1, 0]], bias: [-5, 5, 0] }, { weight: [[1, 1, 1]] }],
    'parallel lines': [{ weight: [[1, 0], [1, 0], [2, 0]], bias: [0, -0.5, 0.4] }, { weight: [[1, -1, 1]] }],
    'coincident lines (same and opposite orientation)': [{ weight: [[1, 1], [2, 2], [-1, -1]], bias: [0.2, 0.4, -0.2] }, { weight: [[1, 1, 1]] }],
    'three lines through one point (integer weights)': [{ weight: [[1, 0], [0, 1], [1, 1], [1, -1]], bias: [0, 0, 0, 0] }, { weight: [[1, 1, 1, 1]] }],
    'zero rows': [{ weight: [[0, 0], [0, 0], [1, 2]], bias: [0, 1, 0] }, { weight: [[1, 1, 1]] }],
    'lines through box corners and along box edges': [{ weight: [[1, -1], [1, 0], [0, 1]], bias: [0, -1, 1] }, { weight: [[1, 1, 1]] }],
    'second layer repeats the first layer': [
      { weight: [[1, 0], [0, 1]], bias: [0, 0] },
      { weight: [[1, 0], [0, 1], [1, -1]], bias: [0, 0, 0] },
      { weight: [[1, 1, 1]] },
    ],
    'second layer crossing first-layer intersections': [
      { weight: [[1, 0], [0, 1], [1, 1]], bias: [0, 0, 0] },
      { weight: [[1, 1, 0], [0, 0, 1], [1, -1, 0]], bias: [0, 0, 0] },
      { weight: [[1, 1, 1]] },
    ],
  };
  for (const [name, layers] of Object.entries(cases)) {
    it(name, () => {
      const network = net(layers);
      const c = buildComplex(network, boxDomain(2));
      checkStructure(c);
      checkAgainstNetwork(c, network);
      expect(totalVolume(c)).toBeCloseTo(4, 12);
    });
  }

  it('three concurrent lines make 6 regions and a single 6-valent vertex', () => {
    const c = buildComplex(net([{ weight: [[1, 0], [0, 1], [1, 1]], bias: [0, 0, 0] }, { weight: [[1, 1, 1]] }]), boxDomain(2));
    expect(c.cells[2].count).toBe(6);
    const centre = Array.from({ length: c.vertexCount }, (_, v) => v).filter((v) => c.vertices[2 * v] === 0 && c.vertices[2 * v + 1] === 0);
    expect(centre.length).toBe(1);
    expect(cellSignString(c, 0, centre[0])).toBe('000');
  });

  it('coincident planes in 3-D and a zero row', () => {
    const network = net([{ weight: [[1, 1, 0], [2, 2, 0], [0, 0, 0], [0, 1, -1], [1, 0, 0]], bias: [0, 0, 0, 0, 0] }, { weight: [[1, 1, 1, 1, 1]] }]);
    const c = buildComplex(network, boxDomain(3));
    checkStructure(c);
    checkAgainstNetwork(c, network);
    expect(totalVolume(c)).toBeCloseTo(8, 12);
    // planes x+y=0, y=z, x=0 all contain the line x=0,y=0? no: x+y=0 ∩ x=0 is the z axis; y=z crosses it at the origin.
    expect(cellVertices(c, 3, 0).length).toBeGreaterThanOrEqual(4);
  });
});

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1);
  return r;
}
