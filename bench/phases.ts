/**
 * Where a build's time goes (bench/complex.bench.ts --phases): the best wall time of each phase over
 * repeated builds. On the plane: the cut (planar.ts's layers), the output values and edges (finishPlanar),
 * cell signs and interior points (complexFromLattice), their sum, and the region maps (mapAll); elsewhere
 * the face-lattice build, then the maps. 'complex without maps' is the whole build but the maps: every
 * cell with its signs and facets and the vertices' values, no affine maps.
 */
import { boxDomain, type Domain } from '../src/complex/index.js';
import { buildComplexWith } from '../src/complex/build.js';
import { complexFromLattice, mapAll } from '../src/complex/assemble.js';
import { domainLattice } from '../src/complex/domain.js';
import { finishPlanar, initialPlanarState, runPlanarLayers } from '../src/complex/planar.js';
import { hiddenCount, type Network } from '../src/net/index.js';
import { hiddenWidths } from '../src/net/signs.js';
import { DEFAULT_TOLERANCE } from '../src/numeric/tolerance.js';

/** Phase names and their best times in seconds, over builds for about `budget` seconds (at least 2). */
export function phaseTimes(net: Network, domain: Domain = boxDomain(net.inputDim), budget = 3): [string, number][] {
  const options = { maxCells: 50_000_000 };
  const best = new Map<string, number>();
  const note = (name: string, t0: number): number => {
    const t = performance.now();
    best.set(name, Math.min(best.get(name) ?? Infinity, (t - t0) / 1000));
    return t;
  };
  const start = performance.now();
  for (let r = 0; r < 300 && (r < 2 || performance.now() - start < budget * 1000); r++) {
    const t0 = performance.now();
    let t = t0;
    if (domain.dim === 2) {
      const state = initialPlanarState(net, domainLattice(domain, DEFAULT_TOLERANCE));
      runPlanarLayers(net, state, net.layers.length - 1, DEFAULT_TOLERANCE, options, options.maxCells);
      t = note('cut', t);
      const planar = finishPlanar(net, state);
      t = note('values+edges', t);
      const meta = { domain, hiddenCount: hiddenCount(net), hiddenWidths: hiddenWidths(net), outputDim: net.outputDim };
      const cx = complexFromLattice(planar.lattice, planar.words, planar.values, meta);
      t = note('signs+points', t);
      t = note('complex without maps', t0);
      mapAll(net, cx.cells[2].signs, cx.signWords, cx.cells[2].count, 2, cx.topJacobians, cx.topOffsets);
      note('maps', t);
    } else {
      const cx = buildComplexWith(net, domain, options, false);
      t = note('complex without maps', t);
      const n = cx.dim;
      mapAll(net, cx.cells[n].signs, cx.signWords, cx.cells[n].count, n, cx.topJacobians, cx.topOffsets);
      note('maps', t);
    }
  }
  return [...best];
}
