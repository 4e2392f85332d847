/** Rank decomposition and topology of representations (Beshkov & Einevoll, arXiv 2404.19710). */
export * from './layers.js';
export * from './jacobian.js';
export * from './points.js';
export * from './shares.js';
export * from './represent.js';
export * from './span.js';
export * from './volume.js';
export * from './cells.js';
export * from './report.js';
export * from './randomNets.js';
export * from './sweep.js';
export * from './paperSweeps.js';
export * from './pointCloud.js';
export * from './subsample.js';
export * from './through.js';
