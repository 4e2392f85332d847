/**
 * Flatten a 2-D `Complex` (src/complex/types.ts) into what the canvas draws: each 2-cell's boundary as
 * an ordered ring of vertices (the library's polygonCycle), every edge as a vertex pair, the linear
 * regions (the library's linearRegions), and the region data hover reads. Pure, so it runs in a worker
 * and in node tests alike.
 */
import { polygonCycle } from '../../src/complex/geometry.js';
import { linearRegions } from '../../src/complex/query.js';
import type { Complex } from '../../src/complex/types.js';
import type { ComplexGeometry, ViewBox } from './protocol.js';

export function complexGeometry(complex: Complex, box: ViewBox, buildMs: number): ComplexGeometry {
  if (complex.dim !== 2) throw new Error(`the explorer draws 2-D complexes, got dimension ${complex.dim}`);
  const V = complex.vertexCount;
  const E = complex.cells[1];
  const F = complex.cells[2];
  const edges = new Int32Array(2 * E.count);
  for (let e = 0; e < E.count; e++) {
    const o = E.facetOffsets[e];
    edges[2 * e] = E.facetIndices[o];
    edges[2 * e + 1] = E.facetIndices[o + 1];
  }
  const ringOffsets = new Int32Array(F.count + 1);
  const all: number[] = [];
  for (let r = 0; r < F.count; r++) {
    for (const v of polygonCycle(complex, r)) all.push(v);
    ringOffsets[r + 1] = all.length;
  }
  const linear = linearRegions(complex);
  return {
    box,
    hiddenCount: complex.hiddenCount,
    hiddenWidths: complex.hiddenWidths.slice(),
    outputDim: complex.outputDim,
    vertexCount: V,
    vertices: complex.vertices.slice(0, 2 * V),
    edges,
    regionCount: F.count,
    ringOffsets,
    ringVertices: Int32Array.from(all),
    regionSigns: F.signs.slice(0, F.count * complex.signWords),
    signWords: complex.signWords,
    jacobians: complex.topJacobians.slice(),
    offsets: complex.topOffsets.slice(),
    interiorPoints: complex.topInteriorPoints.slice(),
    linearRegionOf: linear.labels.slice(),
    vertexValues: complex.vertexValues.slice(),
    cellsByDim: complex.cells.map((c) => c.count),
    activationRegions: F.count,
    linearRegions: linear.count,
    eulerCharacteristic: V - E.count + F.count,
    buildMs,
  };
}
