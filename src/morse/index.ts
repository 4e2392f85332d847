/**
 * PL and discrete Morse theory of network functions on their canonical complex (Brooks & Masden,
 * arXiv 2412.18005; Grigsby–Lindsey–Masden, arXiv 2204.06062): vertex classification by the homology
 * of lower links, flat (degenerate) components, the relatively perfect discrete gradient built lower
 * star by lower star, its acyclicity, the Euler relation and the Morse inequalities.
 */
export { buildIncidence, type Incidence, type CSR as IncidenceCSR } from './incidence.js';
export { scalarField, vertexScalars, vertexRanks, type ScalarField } from './field.js';
export { lowerStars, unitChainComplex, type LowerStars } from './lowerstar.js';
export {
  morseContext, criticalPoints, flatComponents, vertexBetti, vertexStatus, vertexPoint, flatDimAt, countsByIndex,
  type MorseContext, type ClassifyOptions, type CriticalPoint, type FlatComponent, type VertexStatus,
} from './classify.js';
export { cubicalStar, transversalRule, MAX_CUBICAL_DIM, type CubicalStar, type TransversalVerdict } from './cubical.js';
export { pairCubical, pairGreedy, type Pairs } from './pairing.js';
export {
  discreteGradient, criticalCells, criticalCounts, isMatching, relativePerfectness, unitCriticalCells, PairingMethod,
  type GradientField, type PerfectnessReport,
} from './gradient.js';
export { checkAcyclic, type AcyclicityReport } from './acyclic.js';
export { morseComplex, type MorseComplex } from './morse-complex.js';
export { morseInequalities, type MorseInequalities } from './inequalities.js';
export { sublevelBetti, sublevelCritical, sublevelChecks, levelsBetweenCriticalValues, cellValue, type SublevelCheck } from './sublevel.js';
export { criticalReport, morseReport, analyzeMorse, DOMAIN_EULER, type CriticalReport, type MorseReport, type MorseReportOptions } from './report.js';
export { shallowIndexNet, outputWeights, neuronsThrough, outputSignCondition } from './shallow.js';
