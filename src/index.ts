/** Tessera's library API. Each layer re-exports its public names from its own index. */
export * from './numeric/errors.js';
export * from './numeric/tolerance.js';
export * from './net/index.js';
