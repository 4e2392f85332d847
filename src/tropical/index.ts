/** Tropical geometry of ReLU networks: tropical polynomials, the network as f ⊘ g, cells, zonotopes, bounds. */
export type { TropicalPolynomial } from './polynomial.js';
export { constantPolynomial, variablePolynomial, evaluatePolynomial, monomialValue, monomialsToJSON, formatPolynomial, scalarToJSON } from './polynomial.js';
export { dualSubdivisionEdges } from './dual.js';
export { tropicalProduct, tropicalSum, tropicalPower, tropicalShift, mergeDuplicateExponents } from './operations.js';
export { pruneRedundant, prunedProduct, newtonPolytopeVertices, liftedPoints } from './prune.js';
export { upperHullVertices, convexHullVertices, convexHullPolygon } from './hull.js';
export {
  tropicalize, tropicalizeWith, evaluateTropicalMap, hasIntegerWeights, arithmeticFor,
  type TropicalMode, type TropicalOptions, type TropicalRationalMap, type LayerStats,
} from './tropicalize.js';
export { tropicalCells, type TropicalCell, type TropicalCellsResult, type CellOptions } from './cells.js';
export { complexRegionCounts, distinctAffineMaps, type ComplexRegionCounts } from './region-counts.js';
export { zonotope, shallowZonotopes, type Zonotope, type ShallowZonotopes } from './zonotope.js';
export {
  binomial, binomialSum, zhangBound, serraBound, montufarBound, montufarLowerBound, serraLowerBound,
  shallowMaximum, trivialBound, zonotopeVertexBound, regionBounds, bigToJSON, type RegionBounds,
} from './bounds.js';
// The exact arithmetic the tropical layer is built on (numeric/), re-exported for library users.
export * from '../numeric/rational.js';
export { exactArithmetic, floatArithmetic, type Arithmetic, type Vec } from '../numeric/arithmetic.js';
export { solveStandardLP, maximizeOverPolyhedron, type StandardLP, type InequalityLP, type LPStatus } from '../numeric/simplex.js';
