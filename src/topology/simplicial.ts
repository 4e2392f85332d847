/**
 * Abstract simplicial complexes: built from their top simplices (all faces added), with the oriented
 * boundary ∂[v0…vk] = Σ (−1)^i [v0…v̂i…vk] over sorted vertex lists, so the chain complex is integral
 * and orientation is purely combinatorial. Small standard spaces for tests live here too.
 */
import { TesseraError } from '../numeric/errors.js';
import { boundaryMatrix, zeroBoundary, type BoundaryMatrix } from './boundary.js';
import { chainComplex, type ChainComplex } from './chain-complex.js';

export interface SimplicialComplex {
  /** simplices[d] = the d-simplices, each a sorted vertex list. */
  readonly simplices: readonly (readonly number[])[][];
  /** The integral chain complex (coefficients ±1); drop the coefficients for Z/2. */
  readonly chain: ChainComplex;
}

/** The closure of the given simplices (vertex lists, any order; vertices are non-negative integers). */
export function simplicialComplex(tops: readonly (readonly number[])[]): SimplicialComplex {
  const byDim: Map<string, number>[] = [];
  const simplices: number[][][] = [];
  const add = (s: number[]): void => {
    const d = s.length - 1;
    while (byDim.length <= d) byDim.push(new Map()), simplices.push([]);
    const key = s.join(',');
    if (byDim[d].has(key)) return;
    byDim[d].set(key, simplices[d].length);
    simplices[d].push(s);
    if (d > 0) for (let i = 0; i <= d; i++) add(s.filter((_, k) => k !== i));
  };
  for (const t of tops) {
    const s = [...t].sort((a, b) => a - b);
    if (s.length === 0 || s.some((v, i) => !Number.isInteger(v) || v < 0 || (i > 0 && s[i - 1] === v))) {
      throw new TesseraError('input', `simplex [${t.join(',')}] must list distinct non-negative integer vertices`);
    }
    add(s);
  }
  if (simplices.length === 0) throw new TesseraError('input', 'a simplicial complex needs at least one simplex');
  // Sort each dimension lexicographically so the numbering does not depend on input order.
  for (let d = 0; d < simplices.length; d++) {
    simplices[d].sort(lexicographic);
    byDim[d] = new Map(simplices[d].map((s, i) => [s.join(','), i]));
  }
  const boundaries: BoundaryMatrix[] = [zeroBoundary(0, simplices[0].length)];
  for (let d = 1; d < simplices.length; d++) {
    const n = simplices[d].length;
    const offsets = new Int32Array(n + 1);
    const idx = new Int32Array(n * (d + 1));
    const coef = new Int8Array(n * (d + 1));
    for (let j = 0; j < n; j++) {
      const s = simplices[d][j];
      for (let i = 0; i <= d; i++) {
        idx[j * (d + 1) + i] = byDim[d - 1].get(s.filter((_, k) => k !== i).join(','))!;
        coef[j * (d + 1) + i] = i % 2 === 0 ? 1 : -1;
      }
      offsets[j + 1] = (j + 1) * (d + 1);
    }
    boundaries.push(boundaryMatrix(simplices[d - 1].length, n, offsets, idx, coef));
  }
  return { simplices, chain: chainComplex(boundaries) };
}

function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Sᵏ as the boundary of the (k+1)-simplex on vertices 0..k+1. */
export function sphere(k: number): SimplicialComplex {
  const n = k + 2;
  const tops: number[][] = [];
  for (let skip = 0; skip < n; skip++) tops.push(Array.from({ length: n }, (_, i) => i).filter((i) => i !== skip));
  return simplicialComplex(tops);
}

/**
 * A square grid of m × n vertices with its sides identified: `twist` false gives the torus, true the
 * Klein bottle (the second pair of sides glued with a flip). Needs m, n ≥ 3 to stay simplicial.
 */
export function gridSurface(m: number, n: number, twist: boolean): SimplicialComplex {
  const vertex = (i: number, j: number): number => {
    let jj = j;
    if (i >= m && twist) jj = (n - j) % n;
    return (i % m) * n + (((jj % n) + n) % n);
  };
  const tops: number[][] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const a = vertex(i, j);
      const b = vertex(i + 1, j);
      const c = vertex(i, j + 1);
      const d = vertex(i + 1, j + 1);
      tops.push([a, b, d], [a, c, d]);
    }
  }
  return simplicialComplex(tops);
}

export const torus = (): SimplicialComplex => gridSurface(3, 3, false);
export const kleinBottle = (): SimplicialComplex => gridSurface(4, 4, true);

/** The real projective plane: the 6-vertex triangulation (hemi-icosahedron). */
export function projectivePlane(): SimplicialComplex {
  return simplicialComplex([
    [0, 1, 2], [0, 2, 3], [0, 3, 4], [0, 4, 5], [0, 5, 1],
    [1, 2, 4], [2, 3, 5], [3, 4, 1], [4, 5, 2], [5, 1, 3],
  ]);
}

/** A wedge of k triangles (circles) sharing vertex 0. */
export function wedgeOfCircles(k: number): SimplicialComplex {
  const edges: number[][] = [];
  for (let i = 0; i < k; i++) edges.push([0, 2 * i + 1], [2 * i + 1, 2 * i + 2], [0, 2 * i + 2]);
  return simplicialComplex(edges);
}
