/** Training dynamics and the topological obstruction of Nurisso, Leroy & Vaccarino (2024). */
export * from './params.js';
export * from './loss.js';
export * from './gradient.js';
export * from './optimizers.js';
export * from './dopri.js';
export * from './conserved.js';
export * from './train.js';
export * from './init.js';
export * from './datasets.js';
export * from './quadric.js';
export * from './obstruction.js';
export * from './probability.js';
export * from './sampling.js';
