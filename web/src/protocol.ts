/**
 * Messages between the page and its workers. Networks travel as flat typed arrays (one Float64Array
 * per weight matrix, row-major out × in, as in src/net/network.ts) and results as typed arrays, all
 * passed as transferables so nothing is copied twice.
 */

/** A network in transit: the same shape as src/net's Layer, minus the class-free validation. */
export interface NetPayload {
  readonly layers: { inDim: number; outDim: number; weight: Float64Array; bias: Float64Array }[];
}

/** An affine plane x = origin + basis·t (basis n × 2, row-major), as src/net/slice.ts's AffinePlane. */
export interface PlanePayload {
  readonly ambientDim: number;
  readonly dim: number;
  readonly origin: Float64Array;
  readonly basis: Float64Array;
}

/** Cap on the cells of one view's complex (all dimensions); the page says so when a view exceeds it. */
export const DEFAULT_VIEW_CELLS = 400_000;

/** The visible box, in the complex's own coordinates (input space, or slice parameters). */
export interface ViewBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * A 2-D complex flattened for drawing: vertex coordinates, each edge's two vertices, each region's
 * boundary ring (vertex indices in order), and the per-region data hover and colouring read.
 */
export interface ComplexGeometry {
  readonly box: ViewBox;
  readonly hiddenCount: number;
  readonly hiddenWidths: number[];
  readonly outputDim: number;
  readonly vertexCount: number;
  /** vertexCount × 2. */
  readonly vertices: Float64Array;
  /** edgeCount × 2 vertex indices. */
  readonly edges: Int32Array;
  readonly regionCount: number;
  /** regionCount + 1 offsets into ringVertices. */
  readonly ringOffsets: Int32Array;
  readonly ringVertices: Int32Array;
  /** regionCount × signWords packed sign sequences (src/net/signs.ts packing). */
  readonly regionSigns: Uint32Array;
  readonly signWords: number;
  /** regionCount × m × 2 and regionCount × m: F = J x + c on each region. */
  readonly jacobians: Float64Array;
  readonly offsets: Float64Array;
  /** regionCount × 2: a point inside each region. */
  readonly interiorPoints: Float64Array;
  /** Linear-region class of each activation region (adjacent regions with equal maps share one). */
  readonly linearRegionOf: Int32Array;
  /** vertexCount × m: F at the vertices. */
  readonly vertexValues: Float64Array;
  /** [vertices, edges, regions]. */
  readonly cellsByDim: number[];
  readonly activationRegions: number;
  readonly linearRegions: number;
  readonly eulerCharacteristic: number;
  /** Time the library took to build the complex, in ms. */
  readonly buildMs: number;
}

/**
 * Requests the page sends; the worker answers each with a Reply carrying the same id. Requests that
 * read the complex name its box, so a restarted worker rebuilds what it needs (nothing is assumed
 * to survive between messages but the network).
 */
export type Request =
  | { id: number; type: 'setNetwork'; net: NetPayload; plane: PlanePayload | null }
  | { id: number; type: 'complex'; box: ViewBox; maxCells: number }
  | { id: number; type: 'levelSet'; box: ViewBox; level: number; output: number; /** −1, or another output to subtract (decision boundaries). */ difference: number }
  | { id: number; type: 'sublevelSet'; box: ViewBox; level: number; output: number }
  | { id: number; type: 'critical'; box: ViewBox; output: number }
  | { id: number; type: 'topology'; box: ViewBox; output: number; level: number }
  | { id: number; type: 'tropical'; output: number }
  | { id: number; type: 'rank'; box: ViewBox }
  | { id: number; type: 'svg'; box: ViewBox; color: 'region' | 'value' | 'rank'; output: number; title: string };

export type RequestType = Request['type'];

export interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
  ms: number;
}

/** Collect the ArrayBuffers of typed arrays inside a value (one level of objects/arrays deep is enough here). */
export function transferablesOf(value: unknown, out: Transferable[] = [], depth = 0): Transferable[] {
  if (value == null || depth > 4) return out;
  if (ArrayBuffer.isView(value)) {
    const buf = value.buffer as ArrayBuffer;
    if (!out.includes(buf)) out.push(buf);
    return out;
  }
  if (Array.isArray(value)) for (const v of value) transferablesOf(v, out, depth + 1);
  else if (typeof value === 'object') for (const v of Object.values(value as object)) transferablesOf(v, out, depth + 1);
  return out;
}
