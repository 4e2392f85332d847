/**
 * The page's workers: the compute worker (complex of the view and its layers), a second one for the
 * slow, view-independent tropical map, and the playground's training worker.
 */
import { createWorkerClient } from './client.js';
import { el } from './state.js';
import type { TrainRequest } from './train.worker.js';


export const compute = createWorkerClient(() => new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' }), {
  onBusy: (busy) => (el.busy.hidden = !busy),
});
/** A second compute worker for the slow, view-independent tropical map, so it never blocks the complex. */
export const slow = createWorkerClient(() => new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' }), { restartAfterMs: 0 });
export const trainer = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
export const trainSend = (req: TrainRequest) => trainer.postMessage(req);

