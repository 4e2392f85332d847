/**
 * The playground: the training worker's messages, the loss and conserved-quantity charts.
 */
import { architecture } from '../../src/net/network.js';
import { lineChart, type Series } from './charts.js';
import { num } from './hover.js';
import { describeNetwork, setNetwork } from './networks.js';
import { networkFromPayload } from './payload.js';
import type { ViewBox } from './protocol.js';
import { app, el, showError } from './state.js';
import type { TrainMessage, WireSnapshot } from './train.worker.js';
import { trainer, trainSend } from './workers.js';

/** The playground form as session options (a fresh random seed each time). */
export function trainOptions() {
  const seed = 1 + Math.floor(Math.random() * 1e6);
  app.training.data = el.dataSelect.value;
  app.training.seed = seed;
  app.training.optimizer = el.optimizerSelect.value;
  app.training.lr = Number(el.lrSelect.value);
  const width = Math.max(1, Math.min(64, Math.round(Number(el.widthInput.value) || 8)));
  const depth = Math.max(1, Math.min(6, Math.round(Number(el.depthInput.value) || 2)));
  return {
    data: el.dataSelect.value as 'xor',
    hidden: Array.from({ length: depth }, () => width),
    lr: Number(el.lrSelect.value),
    optimizer: el.optimizerSelect.value as 'gd' | 'adam' | 'flow',
    seed,
  };
}

/** Pause the training worker if it runs. */
export function stopTraining(): void {
  if (app.training.running) trainSend({ type: 'pause' });
  app.training.running = false;
  el.trainToggle.textContent = 'Train';
}

trainer.onmessage = (ev: MessageEvent<TrainMessage>) => {
  const msg = ev.data;
  if (msg.type === 'error') {
    app.training.running = false;
    el.trainToggle.textContent = 'Train';
    showError(msg.message);
    return;
  }
  if (msg.type === 'ready') {
    app.data = { points: msg.points, labels: msg.labels };
    const t = app.training;
    t.ready = true;
    t.losses = [];
    t.steps = [];
    t.conserved = [];
    el.trainToggle.disabled = false;
    el.trainStep.disabled = false;
    el.exampleSelect.value = '';
    const box = dataBox(msg.points);
    takeSnapshot(msg.snapshot, true, box);
    return;
  }
  // Snapshots still in flight after another network was opened belong to nothing on screen.
  if (!app.training.ready) return;
  app.training.running = msg.running;
  takeSnapshot(msg.snapshot, false);
};

/** The data's bounding box, padded by 15%. */
export function dataBox(points: Float64Array): ViewBox {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    x0 = Math.min(x0, points[i]);
    x1 = Math.max(x1, points[i]);
    y0 = Math.min(y0, points[i + 1]);
    y1 = Math.max(y1, points[i + 1]);
  }
  const pad = 0.15 * Math.max(x1 - x0, y1 - y0);
  return { x0: x0 - pad, x1: x1 + pad, y0: y0 - pad, y1: y1 + pad };
}

/** Show a training snapshot: status line, histories, and the network (redrawn for the same view). */
export function takeSnapshot(s: WireSnapshot, fresh: boolean, box?: ViewBox): void {
  const t = app.training;
  for (const l of s.losses) t.losses.push(l);
  if (fresh) t.losses.push(s.loss);
  t.step = s.step;
  t.loss = s.loss;
  t.accuracy = s.accuracy;
  t.drift = s.drift;
  t.steps.push(s.step);
  t.conserved.push(s.conserved);
  if (t.steps.length > 4000) {
    // keep the history light: drop every other sample
    t.steps = t.steps.filter((_, i) => i % 2 === 0);
    t.conserved = t.conserved.filter((_, i) => i % 2 === 0);
  }
  el.trainStatus.innerHTML = `${t.optimizer === 'flow' ? 'time' : 'step'} <b>${t.optimizer === 'flow' ? num(s.step * t.lr, 4) : s.step}</b> · loss <b>${num(s.loss, 5)}</b> · accuracy <b>${(100 * s.accuracy).toFixed(1)}%</b>`;
  el.trainStatus.dataset.step = String(s.step);
  el.trainStatus.dataset.loss = String(s.loss);
  el.trainStatus.dataset.accuracy = String(s.accuracy);
  el.trainToggle.textContent = t.running ? 'Pause' : 'Train';
  const net = networkFromPayload(s.network);
  setNetwork({ net, name: `playground: ${el.dataSelect.value}, ${architecture(net).join('-')}` }, fresh ? { box } : { keepView: true });
  if (fresh) describeNetwork();
  scheduleCharts();
}

let chartsPending = false;
/** Redraw the training charts at the next frame (snapshots come faster than frames). */
export function scheduleCharts(): void {
  if (chartsPending) return;
  chartsPending = true;
  requestAnimationFrame(() => {
    chartsPending = false;
    drawTrainingCharts();
  });
}

/** The loss curve and the conserved quantities, one curve per hidden neuron. */
export function drawTrainingCharts(): void {
  const t = app.training;
  el.lossCard.hidden = !t.ready;
  el.conservedCard.hidden = !(t.ready && el.showConserved.checked);
  if (!t.ready) return;
  const stride = Math.max(1, Math.ceil(t.losses.length / 500));
  const xy: number[] = [];
  for (let i = 0; i < t.losses.length; i += stride) xy.push(i, t.losses[i]);
  el.lossChart.innerHTML = lineChart([{ xy, colour: '#4f6bd8', width: 2 }], { xLabel: 'step', yLabel: 'loss (BCE)', yRange: [0, Math.max(...t.losses.slice(0, 50), 0.1)] });
  if (!el.conservedCard.hidden && t.conserved.length > 0) {
    const k = t.conserved[0].length;
    const series: Series[] = [];
    const cstride = Math.max(1, Math.ceil(t.steps.length / 300));
    for (let j = 0; j < Math.min(k, 24); j++) {
      const s: number[] = [];
      for (let i = 0; i < t.steps.length; i += cstride) s.push(t.steps[i], t.conserved[i][j]);
      series.push({ xy: s, width: 1.3 });
    }
    el.conservedChart.innerHTML =
      lineChart(series, { xLabel: 'step', yLabel: 'c_k' }) +
      `<div class="note">c<sub>k</sub> = ‖a<sub>k</sub>‖² − ‖w<sub>k</sub>‖² − b<sub>k</sub>², one curve per hidden neuron (first 24). Gradient flow keeps every c<sub>k</sub> fixed (Nurisso et al. 2024); ${t.optimizer === 'flow' ? 'here it is integrated exactly' : t.optimizer === 'adam' ? 'Adam rescales the gradient and does not' : 'gradient descent drifts by O(lr²)'}: max relative drift now <b data-testid="drift">${t.drift.toExponential(2)}</b>.</div>`;
  }
}
