/** Tessera's library API. Each layer re-exports its public names from its own index. */
export * from './numeric/errors.js';
export * from './numeric/tolerance.js';
export * from './net/index.js';
export * from './complex/index.js';
export * from './topology/index.js';
export * from './tropical/index.js';
export * from './morse/index.js';
export * from './rank/index.js';
export * from './dynamics/index.js';
