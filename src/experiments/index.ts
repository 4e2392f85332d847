/**
 * The registry of reproduced experiments, dispatched by `tessera reproduce NAME`.
 * To add one: write `experiments/<name>.ts` exporting an `Experiment`, import it here, add one entry.
 */
import type { Experiment } from './types.js';
import { zhangLim } from './zhang-lim.js';
import { brooksMasden } from './brooks-masden.js';
import { beshkov } from './beshkov.js';
import { nurisso } from './nurisso.js';

export type { Experiment, ExperimentIO, ExperimentOptions } from './types.js';

export const experiments: Record<string, Experiment> = {
  'zhang-lim': zhangLim,
  'brooks-masden': brooksMasden,
  beshkov,
  nurisso,
};
