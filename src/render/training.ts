/**
 * Pictures of training runs: the loss curve, the drift of the conserved quantities, and — for small
 * one-hidden-layer nets with scalar output — each neuron's path drawn on its invariant quadric
 * (Nurisso et al. 2024, Fig. 3). A neuron's parameters (w, b, a) are shown in the plane
 * (r, a) with r = ‖(w, b)‖, where the quadric a² − r² = c is a hyperbola: gradient flow stays on it,
 * gd and adam wander off. For c > 0 its two branches (a > 0, a < 0) are the two components.
 */
import type { TrainResult } from '../dynamics/train.js';
import { linePlot, type Panel, type Series } from './plots.js';
import { categorical } from './svg.js';

/** Loss and drift against epochs, plus the quadric panel when the run recorded a trajectory. */
export function trainingFigure(result: TrainResult, title: string): string {
  const epochs = result.lossCurve.length - 1;
  const x = Float64Array.from({ length: epochs + 1 }, (_, i) => i);
  const drift = result.conserved.driftCurve.map((v) => Math.max(v, 1e-17));
  const panels: Panel[] = [
    { series: [{ label: 'training loss', x, y: result.lossCurve, color: '#1f5fa8' }], options: { title: 'loss', xLabel: 'epoch', yLabel: 'loss', logY: true, legend: false } },
  ];
  if (result.conserved.initial.length > 0 && epochs > 0) {
    panels.push({
      series: [{ label: 'max relative drift of c_k', x: x.subarray(1), y: drift.subarray(1), color: '#c2410c' }],
      options: { title: 'conserved quantities: max_k |c_k(t) − c_k(0)| / (a_k² + ‖w_k‖² + b_k²)', xLabel: 'epoch', yLabel: 'relative drift', logY: true, legend: false },
    });
  }
  const quadrics = result.trajectory ? quadricPanel(result) : null;
  if (quadrics) panels.push(quadrics);
  return linePlot(panels, { width: 720, panelHeight: 300, title });
}

/** Is this a one-hidden-layer, scalar-output run with few enough neurons to draw one by one? */
function drawable(result: TrainResult, maxNeurons = 8): boolean {
  const w = result.layout.widths;
  return w.length === 3 && w[2] === 1 && w[1] <= maxNeurons;
}

/** Each neuron's path in the (‖(w,b)‖, a) plane over its hyperbola a² − r² = c_k(0). */
export function quadricPanel(result: TrainResult, title = 'each neuron on its quadric a² − ‖w‖² − b² = c (dashed)'): Panel | null {
  if (!result.trajectory || !drawable(result)) return null;
  const { layout, trajectory } = result;
  const [n, h] = layout.widths;
  const radius = (theta: Float64Array, k: number) => {
    let s = theta[layout.biasOffset[0] + k] ** 2;
    for (let j = 0; j < n; j++) s += theta[layout.weightOffset[0] + k * n + j] ** 2;
    return Math.sqrt(s);
  };
  const outWeight = (theta: Float64Array, k: number) => theta[layout.weightOffset[1] + k];
  let rMax = 0;
  let aMax = 0;
  for (const theta of trajectory) {
    for (let k = 0; k < h; k++) {
      rMax = Math.max(rMax, radius(theta, k));
      aMax = Math.max(aMax, Math.abs(outWeight(theta, k)));
    }
  }
  rMax *= 1.15;
  aMax *= 1.15;
  const series: Series[] = [];
  for (let k = 0; k < h; k++) {
    const color = categorical(k);
    const c = result.conserved.initial[k];
    for (const branch of hyperbola(c, rMax, aMax)) series.push({ label: '', x: branch.r, y: branch.a, color, dashed: true, width: 1, legend: false });
    series.push({
      label: `neuron ${k}: c = ${c.toPrecision(3)}`,
      x: trajectory.map((t) => radius(t, k)),
      y: trajectory.map((t) => outWeight(t, k)),
      color,
      width: 2.2,
    });
    series.push({ label: 'start', x: [radius(trajectory[0], k)], y: [outWeight(trajectory[0], k)], color, markers: true, line: false, legend: false });
  }
  return { series, options: { title, xLabel: 'r = ‖(w_k, b_k)‖', yLabel: 'output weight a_k', xDomain: [0, rMax], yDomain: [-aMax, aMax], legendOutside: true } };
}

/** Polylines of {a² − r² = c, r ≥ 0} inside [0, rMax] × [−aMax, aMax]. */
function hyperbola(c: number, rMax: number, aMax: number): { r: number[]; a: number[] }[] {
  const steps = 80;
  if (c >= 0) {
    // a = ±√(c + r²): two branches (they meet at the apex when c = 0).
    const r = Array.from({ length: steps + 1 }, (_, i) => (rMax * i) / steps);
    const up = r.map((v) => Math.sqrt(c + v * v));
    // NaN breaks the line where it leaves the picture.
    const a = up.map((v) => (v <= aMax ? v : NaN));
    return [
      { r, a },
      { r, a: a.map((v) => -v) },
    ];
  }
  // r = √(a² − c) = √(a² + |c|): one branch crossing a = 0.
  const a = Array.from({ length: steps + 1 }, (_, i) => -aMax + (2 * aMax * i) / steps);
  const r = a.map((v) => Math.sqrt(v * v - c));
  return [{ r, a: a.map((v, i) => (r[i] <= rMax ? v : NaN)) }];
}
