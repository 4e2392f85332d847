/** The canonical polyhedral complex: build it, cut it, slice it, read it, save and load it. */
export type { Complex, CellsOfDim, Domain } from './types.js';
export { buildComplex, DEFAULT_MAX_CELLS, type BuildOptions, type BuildProgress } from './build.js';
export { boxDomain, polytopeDomain } from './domain.js';
export { buildComplexParallel, type ParallelOptions } from './parallel.js';
export { sliceComplex, sliceSetup, DEFAULT_SLICE_BOX, type SliceOptions } from './slice.js';
export { cutComplex, type CutOptions, type CutComplexResult } from './cut.js';
export {
  cellVertices, cellFacets, cofacets, cellSign, cellSignSequence, cellSignString, cellInteriorPoint,
  cellsByDim, eulerCharacteristic, linearRegions, type CSR, type LinearRegions,
} from './query.js';
export { polygonCycle, topCellVolume, totalVolume } from './geometry.js';
export { complexToJSON, complexFromJSON, type ComplexJSON } from './io.js';
