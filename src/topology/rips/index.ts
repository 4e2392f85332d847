export * from './persistence.js';
export { binomialTable, type BinomialTable } from './binomial.js';
export { simplexVertices, simplexIndex, type RipsSpace } from './simplices.js';
export { collapseEdges } from './collapse.js';
export { type FilteredEdges } from './edges.js';
