export * from './persistence.js';
export { binomialTable, type BinomialTable } from './binomial.js';
export { simplexVertices, simplexIndex, type RipsSpace } from './simplices.js';
