/** The topology engine: chain complexes, Betti numbers (Z/2 and Z), persistence, Vietoris–Rips. */
export * from './boundary.js';
export * from './chain-complex.js';
export * from './reduce.js';
export * from './pairs.js';
export * from './betti.js';
export * from './barcode.js';
export * from './filtration.js';
export * from './simplicial.js';
export * from './smith.js';
export * from './cubical.js';
export * from './orientation.js';
export * from './rips/index.js';
export * from './level-set.js';
export * from './point-cloud.js';
