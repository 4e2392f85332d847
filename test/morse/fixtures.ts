/**
 * Hand-built complexes with known Morse data, independent of the complex engine:
 * - gridComplex: the cubical grid on a product of axis partitions in any dimension, with F given as a
 *   function (affine on each grid box when F is separable PL with kinks on grid lines, e.g. Σ ±|xᵢ|);
 * - polygonComplex: a 2-D complex from polygons and vertex values (F affine on each polygon).
 */
import type { CellsOfDim, Complex } from '../../src/complex/types.js';

function cellsOf(count: number, facets: number[][]): CellsOfDim {
  const facetOffsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) facetOffsets[i + 1] = facetOffsets[i] + (facets[i]?.length ?? 0);
  const facetIndices = new Int32Array(facetOffsets[count]);
  for (let i = 0; i < count; i++) facetIndices.set(facets[i] ?? [], facetOffsets[i]);
  return { count, signs: new Uint32Array(0), facetOffsets, facetIndices };
}

function boxDomain(lo: number[], hi: number[]): Complex['domain'] {
  return { kind: 'box', dim: lo.length, lo: Float64Array.from(lo), hi: Float64Array.from(hi) };
}

/** Affine fit F(x) = J x + c through the first n+1 affinely independent points (exact for affine data). */
function affineFit(points: number[][], values: number[]): { J: number[]; c: number } {
  const n = points[0].length;
  // Least squares via normal equations on [x 1]: tiny systems, exact for affine data.
  const A: number[][] = Array.from({ length: n + 1 }, () => new Array(n + 2).fill(0));
  for (let p = 0; p < points.length; p++) {
    const row = [...points[p], 1];
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) A[i][j] += row[i] * row[j];
      A[i][n + 1] += row[i] * values[p];
    }
  }
  for (let c = 0; c <= n; c++) {
    let piv = c;
    for (let r = c + 1; r <= n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r <= n; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let j = c; j <= n + 1; j++) A[r][j] -= f * A[c][j];
    }
  }
  const sol = A.map((r, i) => r[n + 1] / r[i]);
  return { J: sol.slice(0, n), c: sol[n] };
}

function assemble(dim: number, vertices: number[][], cellFacets: number[][][], values: number[], topVerts: number[][], domain: Complex['domain']): Complex {
  const V = vertices.length;
  const cells: CellsOfDim[] = [cellsOf(V, [])];
  for (let d = 1; d <= dim; d++) cells.push(cellsOf(cellFacets[d].length, cellFacets[d]));
  const T = cellFacets[dim].length;
  const topJacobians = new Float64Array(T * dim);
  const topOffsets = new Float64Array(T);
  const topInteriorPoints = new Float64Array(T * dim);
  for (let t = 0; t < T; t++) {
    const pts = topVerts[t].map((v) => vertices[v]);
    const { J, c } = affineFit(pts, topVerts[t].map((v) => values[v]));
    topJacobians.set(J, t * dim);
    topOffsets[t] = c;
    for (let j = 0; j < dim; j++) topInteriorPoints[t * dim + j] = pts.reduce((s, p) => s + p[j], 0) / pts.length;
  }
  return {
    dim,
    domain,
    hiddenCount: 0,
    signWords: 0,
    hiddenWidths: [],
    vertexCount: V,
    vertices: Float64Array.from(vertices.flat()),
    cells,
    outputDim: 1,
    topJacobians,
    topOffsets,
    topInteriorPoints,
    vertexValues: Float64Array.from(values),
  };
}

/** The cubical grid with the given coordinates on each axis and F evaluated at the vertices. */
export function gridComplex(axes: number[][], F: (x: number[]) => number): Complex {
  const n = axes.length;
  // A cell: per axis either a grid point p (interval flag 0) or the interval [p, p+1] (flag 1).
  type Cell = { pos: number[]; int: number[] };
  const byDim: Cell[][] = Array.from({ length: n + 1 }, () => []);
  const index = new Map<string, number>();
  const key = (c: Cell) => c.pos.join(',') + '|' + c.int.join('');
  const rec = (a: number, pos: number[], int: number[]) => {
    if (a === n) {
      const d = int.reduce((s, x) => s + x, 0);
      const cell = { pos: [...pos], int: [...int] };
      index.set(key(cell), byDim[d].length);
      byDim[d].push(cell);
      return;
    }
    for (let p = 0; p < axes[a].length; p++) {
      rec(a + 1, [...pos, p], [...int, 0]);
      if (p + 1 < axes[a].length) rec(a + 1, [...pos, p], [...int, 1]);
    }
  };
  rec(0, [], []);
  const vertices = byDim[0].map((c) => c.pos.map((p, a) => axes[a][p]));
  const facets: number[][][] = [[]];
  for (let d = 1; d <= n; d++) {
    facets.push(
      byDim[d].map((c) => {
        const out: number[] = [];
        for (let a = 0; a < n; a++) {
          if (!c.int[a]) continue;
          for (const step of [0, 1]) {
            const f = { pos: [...c.pos], int: [...c.int] };
            f.int[a] = 0;
            f.pos[a] += step;
            out.push(index.get(key(f))!);
          }
        }
        return out;
      }),
    );
  }
  const topVerts = byDim[n].map((c) => {
    const out: number[] = [];
    for (let m = 0; m < 1 << n; m++) {
      const v = { pos: c.pos.map((p, a) => p + ((m >> a) & 1)), int: new Array(n).fill(0) };
      out.push(index.get(key(v))!);
    }
    return out;
  });
  const values = vertices.map(F);
  return assemble(n, vertices, facets, values, topVerts, boxDomain(axes.map((a) => a[0]), axes.map((a) => a[a.length - 1])));
}

/** A 2-D complex from polygons (vertex cycles) with given vertex values. */
export function polygonComplex(points: number[][], polygons: number[][], values: number[]): Complex {
  const edges: number[][] = [];
  const edgeIndex = new Map<string, number>();
  const faces = polygons.map((poly) =>
    poly.map((a, i) => {
      const b = poly[(i + 1) % poly.length];
      const k = a < b ? `${a},${b}` : `${b},${a}`;
      if (!edgeIndex.has(k)) {
        edgeIndex.set(k, edges.length);
        edges.push([a, b]);
      }
      return edgeIndex.get(k)!;
    }),
  );
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return assemble(2, points, [[], edges, faces], values, polygons, boxDomain([Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]));
}

/** A fan of k triangles around the origin: centre value c, rim values given (closed disc, convex k-gon). */
export function fanComplex(rimValues: number[], centre = 0): Complex {
  const k = rimValues.length;
  const pts = [[0, 0], ...rimValues.map((_, i) => [Math.cos((2 * Math.PI * i) / k), Math.sin((2 * Math.PI * i) / k)])];
  const polys = rimValues.map((_, i) => [0, 1 + i, 1 + ((i + 1) % k)]);
  return polygonComplex(pts, polys, [centre, ...rimValues]);
}
