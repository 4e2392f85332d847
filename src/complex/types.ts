/**
 * The canonical polyhedral complex as struct-of-arrays (DESIGN.md "Data model"). This file is the
 * contract between `complex/` (which builds complexes) and everything that reads them (topology,
 * morse, tropical cross-checks, rank, render, the explorer).
 *
 * Cells of dimension d are numbered 0..count−1 within `cells[d]`. Vertex cell i is vertex i.
 * A cell's facets are (d−1)-cells, listed in CSR form. A cell is the closure of a set of constant sign
 * sequence, cut to the domain: cells on the domain's boundary count.
 */
import type { AffinePlane } from '../net/slice.js';

/** Where the complex lives. A slice is a parameter box mapped into input space by `plane`. */
export type Domain =
  | { readonly kind: 'box'; readonly dim: number; readonly lo: Float64Array; readonly hi: Float64Array }
  | {
      readonly kind: 'polytope';
      readonly dim: number;
      /** rows × dim, row-major: the domain is {x : A x ≤ b}. Must be bounded. */
      readonly A: Float64Array;
      readonly b: Float64Array;
      readonly rows: number;
    };

export interface CellsOfDim {
  readonly count: number;
  /** count × signWords packed sign sequences (net/signs.ts): cell i at [i·signWords, (i+1)·signWords). */
  readonly signs: Uint32Array;
  /** count + 1 offsets into facetIndices (empty for d = 0). */
  readonly facetOffsets: Int32Array;
  /** Indices of (d−1)-cells. */
  readonly facetIndices: Int32Array;
}

export interface Complex {
  /** Dimension of the space the complex lives in (the network's input dim, or the slice's k). */
  readonly dim: number;
  readonly domain: Domain;
  /** For slices: parameters t ↦ origin + B t in the original input space. */
  readonly plane?: AffinePlane;
  /** Hidden neurons (sign-sequence length) and Uint32 words per packed sequence. */
  readonly hiddenCount: number;
  readonly signWords: number;
  /** Widths of the hidden layers (for printing sign sequences layer by layer). */
  readonly hiddenWidths: readonly number[];
  readonly vertexCount: number;
  /** vertexCount × dim, row-major. */
  readonly vertices: Float64Array;
  /** cells[d] for d = 0..dim; cells[0].count === vertexCount. */
  readonly cells: readonly CellsOfDim[];
  /** Output dimension m of the network. */
  readonly outputDim: number;
  /**
   * Affine map of each top cell (region) r: F(x) = J_r x + c_r on its closure.
   * topJacobians: regions × m × dim (row-major per region); topOffsets: regions × m.
   */
  readonly topJacobians: Float64Array;
  readonly topOffsets: Float64Array;
  /** A point in the relative interior of each top cell: regions × dim. */
  readonly topInteriorPoints: Float64Array;
  /** F at every vertex: vertexCount × m. */
  readonly vertexValues: Float64Array;
}
