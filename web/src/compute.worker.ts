/**
 * The compute worker: holds the current network and its latest complex, and answers the page's
 * requests (protocol.ts) with typed arrays passed as transferables.
 */
import { isTesseraError } from '../../src/numeric/errors.js';
import { renderComplexSVG } from '../../src/render/complex.js';
import { criticalOf, emptyCache, ranksOf, topologyOf, tropicalOf } from './analysis.js';
import { complexFor, computeComplex, computeLevelSet, computeSublevel, emptyState, setNetwork } from './compute.js';
import { transferablesOf, type Reply, type Request } from './protocol.js';

const state = emptyState();
const cache = emptyCache();


function handle(req: Request): unknown {
  switch (req.type) {
    case 'setNetwork':
      return setNetwork(state, req.net, req.plane);
    case 'complex':
      return computeComplex(state, req.box, req.maxCells);
    case 'levelSet':
      return computeLevelSet(state, req.box, req.level, req.output, req.difference);
    case 'sublevelSet':
      return computeSublevel(state, req.box, req.level, req.output);
    case 'critical':
      return criticalOf(cache, complexFor(state, req.box), req.output);
    case 'topology':
      return topologyOf(cache, complexFor(state, req.box), req.output, req.level);
    case 'tropical':
      if (!state.net2) throw new Error('no network loaded');
      return tropicalOf(state.net2, req.output);
    case 'svg':
      if (!state.net2) throw new Error('no network loaded');
      return renderComplexSVG(complexFor(state, req.box), { color: req.color, net: state.net2, output: req.output, title: req.title });
    case 'rank':
      if (!state.net) throw new Error('no network loaded');
      return ranksOf(state.net, complexFor(state, req.box));
    default:
      throw new Error(`unknown request ${(req as Request).type}`);
  }
}

self.onmessage = (ev: MessageEvent<Request>) => {
  const req = ev.data;
  const t0 = performance.now();
  let reply: Reply;
  try {
    const result = handle(req);
    reply = { id: req.id, ok: true, result, ms: performance.now() - t0 };
  } catch (err) {
    let message = isTesseraError(err) ? err.message : `${(err as Error)?.message ?? String(err)}`;
    // The library suggests the CLI's --max-cells; on the page the remedy is a smaller view.
    if (isTesseraError(err) && err.kind === 'budget') message = message.replace(/;? ?raise it with --max-cells.*$/, '') + ': zoom in to draw a smaller part of the plane';
    reply = { id: req.id, ok: false, error: message, ms: performance.now() - t0 };
  }
  (self as unknown as Worker).postMessage(reply, transferablesOf(reply.result));
};
