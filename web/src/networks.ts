/**
 * Opening networks: examples, dropped files, the command line's, the playground's; slices for more
 * than 2 inputs.
 */
import { architecture, parameterCount, type Network } from '../../src/net/network.js';
import { type AffinePlane, planeThroughPoints } from '../../src/net/slice.js';
import { fetchSlice, type LoadedNetwork } from './loading.js';
import { networkToPayload } from './payload.js';
import { drawTrainingCharts, stopTraining } from './playground.js';
import type { ViewBox } from './protocol.js';
import { ignoreSuperseded, requestComplex, requestTropical } from './refresh.js';
import { inputImage } from './thumbs.js';
import { $, app, el, escapeHTML, rect, showError, sub } from './state.js';
import { fitBox } from './view.js';
import { compute, slow } from './workers.js';

/** Put 3 points in the slice form (they take effect with applySlice). */
export function setSlicePoints(points: number[][]): void {
  el.sliceMode.value = 'points';
  el.slicePointsText.value = JSON.stringify(points);
}

/** Show the inputs of the chosen slice mode. */
export function syncSliceMode(): void {
  el.sliceAxes.hidden = el.sliceMode.value !== 'axes';
  $('slice-axes-note').hidden = el.sliceAxes.hidden;
  el.slicePoints.hidden = el.sliceMode.value === 'axes';
}

/**
 * Show a network. A new one resets the view and the layers (`box` picks the first view); with
 * `keepView` (a training step) only the network changes and everything is recomputed for it.
 */
export function setNetwork(loaded: LoadedNetwork, options: { box?: ViewBox; keepView?: boolean; slicePoints?: number[][] | null } = {}): void {
  const { net } = loaded;
  const first = app.net === null || !options.keepView;
  app.net = net;
  app.netVersion++;
  app.name = loaded.name;
  if (first) {
    app.session++;
    app.plane = null;
    app.slicePoints = null;
    app.sliceImages = null;
    app.axisLabels = ['x₁', 'x₂'];
    app.geometry = null;
    app.levelSegments = null;
    app.boundarySegments = null;
    app.critical = null;
    app.topology = null;
    app.ranks = null;
    app.rankLayer = Math.max(0, net.layers.length - 2);
    app.box = fitBox(options.box ?? { x0: -1, x1: 1, y0: -1, y1: 1 }, rect());
    if (app.output >= net.outputDim) app.output = 0;
    describeNetwork();
    if (net.inputDim > 2) return openSlice(net, options.slicePoints ?? null);
  }
  if (net.inputDim < 2) {
    showError(`${loaded.name} takes ${net.inputDim} input: the explorer draws networks with 2 or more inputs`);
    return;
  }
  sendNetwork();
  if (first) requestTropical(true);
  requestComplex();
}

/**
 * A network with more than 2 inputs is drawn on a plane: through 3 given points when a slice file
 * fits (the command line's first, then the examples'), else the plane of inputs 1 and 2.
 */
export function openSlice(net: Network, given: number[][] | null): void {
  const points = given && given[0].length === net.inputDim ? given : null;
  const fitting = app.slices.filter((e) => e.dim === net.inputDim);
  el.sliceFile.innerHTML = '<option value="">typed below</option>' + fitting.map((e) => `<option value="${escapeHTML(e.file)}">${escapeHTML(e.file)}</option>`).join('');
  el.sliceI.value = '1';
  el.sliceJ.value = '2';
  if (points) {
    setSlicePoints(points);
    el.sliceFile.options[0].textContent = 'given with --slice';
    el.sliceFile.value = '';
  } else if (fitting.length > 0) {
    el.sliceFile.value = fitting[0].file;
    el.sliceMode.value = 'points';
    syncSliceMode();
    void fetchSlice(fitting[0].file)
      .then((p) => app.net === net && (setSlicePoints(p), applySlice()))
      .catch((err: Error) => showError(err.message));
    return;
  } else el.sliceMode.value = 'axes';
  syncSliceMode();
  applySlice();
}

/** Hand the network (and its plane) to both compute workers. */
export function sendNetwork(): void {
  const request = { type: 'setNetwork' as const, net: networkToPayload(app.net!), plane: app.plane };
  void compute.setState(request).catch(ignoreSuperseded);
  void slow.setState(request).catch(ignoreSuperseded);
}

/** The plane of inputs i and j (0-based) through the origin. */
export function axisPlane(n: number, i: number, j: number): AffinePlane {
  const basis = new Float64Array(n * 2);
  basis[i * 2] = 1;
  basis[j * 2 + 1] = 1;
  return { ambientDim: n, dim: 2, origin: new Float64Array(n), basis };
}

/** The network card and the controls that depend on the architecture. */
export function describeNetwork(): void {
  const net = app.net!;
  const arch = architecture(net);
  el.netInfo.innerHTML = `<b>${escapeHTML(app.name)}</b><br>${arch.join(' → ')} · ${parameterCount(net)} parameters`;
  el.netInfo.dataset.architecture = arch.join(',');
  el.sliceControls.hidden = net.inputDim <= 2;
  el.sliceI.max = el.sliceJ.max = String(net.inputDim);
  el.outputRow.hidden = net.outputDim <= 1;
  // The decision boundary is {F = 0} for one output and {F₁ = F₂} for two; with more classes it is
  // the boundary of the arg-max cells, which this page does not draw.
  el.showBoundary.disabled = net.outputDim > 2;
  el.showBoundary.parentElement!.title = net.outputDim > 2 ? `shown for networks with 1 or 2 outputs; this one has ${net.outputDim}` : '';
  if (net.outputDim > 2) el.showBoundary.checked = false;
  el.outputSelect.innerHTML = Array.from({ length: net.outputDim }, (_, o) => `<option value="${o}">F${o + 1}</option>`).join('');
  el.outputSelect.value = String(app.output);
  el.rankLayer.innerHTML = net.layers.map((_, l) => `<option value="${l}">${l === net.layers.length - 1 ? 'output' : `hidden ${l + 1}`}</option>`).join('');
  el.rankLayer.value = String(app.rankLayer);
}

export async function loadSafely(work: () => Promise<LoadedNetwork>, box?: ViewBox): Promise<void> {
  try {
    const loaded = await work();
    stopTraining();
    app.data = null;
    app.training.ready = false;
    el.trainToggle.disabled = true;
    el.trainStep.disabled = true;
    el.trainStatus.textContent = 'Pick data and press “New network”.';
    delete el.trainStatus.dataset.step;
    drawTrainingCharts();
    if (![...el.exampleSelect.options].some((o) => o.value === loaded.name)) el.exampleSelect.options[0].textContent = loaded.name;
    el.exampleSelect.value = [...el.exampleSelect.options].some((o) => o.value === loaded.name) ? loaded.name : '';
    setNetwork(loaded, { box });
  } catch (err) {
    showError((err as Error).message);
  }
}

export function applySlice(): void {
  const net = app.net;
  if (!net || net.inputDim <= 2) return;
  try {
    if (el.sliceMode.value === 'axes') {
      const i = Number(el.sliceI.value) - 1;
      const j = Number(el.sliceJ.value) - 1;
      if (!(i >= 0 && j >= 0 && i < net.inputDim && j < net.inputDim && i !== j)) throw new Error(`choose two different coordinates between 1 and ${net.inputDim}`);
      app.plane = axisPlane(net.inputDim, i, j);
      app.slicePoints = null;
      app.sliceImages = null;
      app.axisLabels = [`x${sub(i + 1)}`, `x${sub(j + 1)}`];
      app.box = fitBox({ x0: -1, x1: 1, y0: -1, y1: 1 }, rect());
    } else {
      const pts = JSON.parse(el.slicePointsText.value) as number[][];
      if (!Array.isArray(pts) || pts.length !== 3) throw new Error('give exactly 3 points, as [[…], […], […]]');
      app.plane = planeThroughPoints(pts);
      app.slicePoints = Float64Array.of(0, 0, 1, 0, 0, 1);
      app.sliceImages = pts.map((p) => inputImage(p));
      app.axisLabels = ['t₁', 't₂'];
      app.box = fitBox({ x0: -0.3, x1: 1.3, y0: -0.3, y1: 1.3 }, rect());
    }
    app.geometry = null;
    app.netVersion++;
    showError(null);
    sendNetwork();
    requestTropical(true);
    requestComplex();
  } catch (err) {
    showError((err as Error).message);
  }
}

