/**
 * The topological obstruction of Nurisso, Leroy & Vaccarino (2024) for a one-hidden-layer network
 * with scalar output (notes §2.3–2.5). Gradient flow keeps θ on H(c) = Π_k Q(c_k), one quadric per
 * hidden neuron (quadric.ts). H(c) has Π_k (components of Q(c_k)) connected components — 2^{l₋} in
 * the paper's case, l₋ = number of pathological neurons — and a component is labelled by the frozen
 * signs. Up to permuting neurons and rescaling them (which leave the network function unchanged),
 * only the number of each frozen sign matters, so Π over frozen kinds of (count + 1) components are
 * distinct — l₋ + 1 in the paper's case (Fig. 2b: 4 components, 3 classes).
 */
import { TesseraError } from '../numeric/errors.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';
import type { Network } from '../net/network.js';
import { conservedQuantities } from './conserved.js';
import { packNetwork } from './params.js';
import { classifyQuadric, type Quadric } from './quadric.js';

export interface ObstructionOptions {
  /** Are hidden biases trained (part of the incoming vector)? Default true. */
  trainedBias?: boolean;
  tolerance?: Tolerance;
}

export interface NeuronQuadric extends Quadric {
  /** c_k = a_k² − ‖w_k‖² − b_k². */
  c: number;
  /** a_k² + ‖w_k‖² + b_k² (the size c is compared with). */
  scale: number;
  /** Sign of the output weight a_k (−1, 0, +1). */
  outputSign: -1 | 0 | 1;
  /** Sign of the single incoming weight when m = 1, else 0. */
  inputSign: -1 | 0 | 1;
  /** The sign this neuron's component fixes ('+' / '−'), or '·' when its quadric is connected. */
  label: string;
}

export interface Obstruction {
  inputDim: number;
  hidden: number;
  /** m: incoming parameters per neuron (input weights, plus the bias when trained). */
  incomingDim: number;
  neurons: NeuronQuadric[];
  /** Neurons whose output sign is frozen (c > 0): the paper's pathological neurons. */
  pathological: number;
  /** Neurons whose incoming sign is frozen (c < 0 with m = 1). */
  inputFrozen: number;
  /** Connected components of H(c) (may exceed 2⁵³ only as an approximation; see componentsLog2). */
  components: number;
  componentsLog2: number;
  /** Components distinct up to neuron permutation and positive rescaling. */
  distinctComponents: number;
  /** The component holding θ: one character per neuron, '+', '−' or '·'. */
  component: string;
}

/** Checks that the network is one hidden layer with scalar output, the setting of the paper. */
export function checkShallowScalar(net: Network, what = 'network'): void {
  const arch = [net.inputDim, ...net.layers.map((l) => l.outDim)];
  if (net.layers.length !== 2 || net.outputDim !== 1) {
    throw new TesseraError('shape', `the obstruction needs a one-hidden-layer ${what} with scalar output (n → l → 1), got ${arch.join(' → ')}`);
  }
}

const sgn = (v: number): -1 | 0 | 1 => (v > 0 ? 1 : v < 0 ? -1 : 0);

export function analyseObstruction(net: Network, options: ObstructionOptions = {}): Obstruction {
  checkShallowScalar(net);
  const trainedBias = options.trainedBias ?? true;
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  const { layout, theta } = packNetwork(net);
  const hidden = layout.widths[1];
  const d = net.inputDim;
  if (!trainedBias) {
    for (let k = 0; k < hidden; k++) {
      if (theta[layout.biasOffset[0] + k] !== 0) throw new TesseraError('input', `--frozen-bias: hidden bias ${k} is ${theta[layout.biasOffset[0] + k]}, but frozen biases conserve c only when they are 0`);
    }
  }
  const m = d + (trainedBias ? 1 : 0);
  const { c, scale } = conservedQuantities(layout, theta);
  const neurons: NeuronQuadric[] = [];
  let pathological = 0;
  let inputFrozen = 0;
  for (let k = 0; k < hidden; k++) {
    const q = classifyQuadric(c[k], scale[k], m, 1, tol);
    const a = theta[layout.weightOffset[1] + k];
    const outputSign = sgn(a);
    const inputSign = m === 1 ? sgn(theta[layout.weightOffset[0] + k]) : 0;
    let label = '·';
    if (q.frozen === 'output-sign') {
      pathological++;
      label = outputSign > 0 ? '+' : '−';
    } else if (q.frozen === 'input-sign') {
      inputFrozen++;
      label = inputSign > 0 ? '+' : '−';
    }
    neurons.push({ ...q, c: c[k], scale: scale[k], outputSign, inputSign, label });
  }
  const twoCount = pathological + inputFrozen;
  return {
    inputDim: d,
    hidden,
    incomingDim: m,
    neurons,
    pathological,
    inputFrozen,
    components: Math.pow(2, twoCount),
    componentsLog2: twoCount,
    distinctComponents: (pathological + 1) * (inputFrozen + 1),
    component: neurons.map((n) => n.label).join(''),
  };
}

/** One neuron a target function needs: the sign of its output weight, and of its input weight when m = 1 (0: either). */
export interface TargetNeuron {
  outSign: 1 | -1;
  inSign: -1 | 0 | 1;
}

/**
 * A teacher in minimal form (notes §2.5): drop neurons with a = 0 or (w, b) = 0, and merge neurons
 * whose (w, b) point the same way (a σ(λv·x) = aλ σ(v·x) for λ > 0). What remains are the neurons a
 * student must reproduce, each with its output sign. Comparisons follow the tolerance policy.
 */
export function teacherNeurons(teacher: Network, trainedBias = true, tol: Tolerance = DEFAULT_TOLERANCE): TargetNeuron[] {
  checkShallowScalar(teacher, 'teacher');
  const [first, second] = teacher.layers;
  const n = first.inDim;
  const dim = n + (trainedBias ? 1 : 0);
  const dirs: Float64Array[] = [];
  const coef: number[] = [];
  let maxV = 0;
  let maxA = 0;
  for (let k = 0; k < first.outDim; k++) {
    let norm = 0;
    for (let j = 0; j < n; j++) norm += first.weight[k * n + j] ** 2;
    norm += first.bias[k] ** 2;
    maxV = Math.max(maxV, Math.sqrt(norm));
    maxA = Math.max(maxA, Math.abs(second.weight[k]) * Math.sqrt(norm));
  }
  for (let k = 0; k < first.outDim; k++) {
    if (!trainedBias && first.bias[k] !== 0) {
      throw new TesseraError('input', `teacher neuron ${k} has a bias, which a student with frozen (zero) biases cannot reproduce`);
    }
    const v = new Float64Array(dim);
    for (let j = 0; j < n; j++) v[j] = first.weight[k * n + j];
    if (trainedBias) v[n] = first.bias[k];
    const norm = Math.hypot(...v);
    const alpha = second.weight[k] * norm;
    if (norm <= tol.relative * maxV || Math.abs(alpha) <= tol.relative * maxA) continue; // inert or constant
    for (let j = 0; j < dim; j++) v[j] /= norm;
    const same = dirs.findIndex((u) => u.every((x, j) => Math.abs(x - v[j]) <= tol.relative * 4));
    if (same >= 0) coef[same] += alpha;
    else {
      dirs.push(v);
      coef.push(alpha);
    }
  }
  const out: TargetNeuron[] = [];
  dirs.forEach((u, i) => {
    if (Math.abs(coef[i]) <= tol.relative * maxA) return; // merged neurons that cancel
    out.push({ outSign: coef[i] > 0 ? 1 : -1, inSign: dim === 1 ? sgn(u[0]) : 0 });
  });
  return out;
}

/** "++-" → two positive and one negative output neuron. */
export function parseSignPattern(text: string): TargetNeuron[] {
  const out: TargetNeuron[] = [];
  for (const ch of text.replace(/[\s,]/g, '')) {
    if (ch === '+') out.push({ outSign: 1, inSign: 0 });
    else if (ch === '-' || ch === '−') out.push({ outSign: -1, inSign: 0 });
    else throw new TesseraError('input', `--signs: expected a pattern of + and - (e.g. "++-"), got "${text}"`);
  }
  if (out.length === 0) throw new TesseraError('input', '--signs: empty pattern');
  return out;
}

export interface Reachability {
  /** Target neurons with positive and negative output weight. */
  positive: number;
  negative: number;
  /** Target neurons the student's component can host at once (a maximum matching). */
  matched: number;
  reachable: boolean;
  reason: string;
}

/**
 * Can the component holding θ represent the target? Each target neuron needs its own student neuron
 * whose frozen sign (if any) agrees; unused student neurons switch off (w = 0 stays on a c > 0
 * quadric, a = 0 on a c < 0 one). A maximum bipartite matching (Kuhn's augmenting paths) decides it.
 * This is the necessary condition of notes §2.5: when it fails no point of the component computes
 * the target, so gradient flow cannot reach zero loss on data that pins the function down.
 */
export function reachability(obstruction: Obstruction, target: readonly TargetNeuron[]): Reachability {
  const students = obstruction.neurons;
  const fits = (s: NeuronQuadric, t: TargetNeuron): boolean =>
    s.frozen === 'output-sign' ? s.outputSign === t.outSign : s.frozen === 'input-sign' ? t.inSign === 0 || s.inputSign === t.inSign : true;
  const owner = new Int32Array(students.length).fill(-1);
  const tryAssign = (t: number, seen: Uint8Array): boolean => {
    for (let s = 0; s < students.length; s++) {
      if (seen[s] || !fits(students[s], target[t])) continue;
      seen[s] = 1;
      if (owner[s] < 0 || tryAssign(owner[s], seen)) {
        owner[s] = t;
        return true;
      }
    }
    return false;
  };
  let matched = 0;
  for (let t = 0; t < target.length; t++) if (tryAssign(t, new Uint8Array(students.length))) matched++;
  const positive = target.filter((t) => t.outSign > 0).length;
  const negative = target.length - positive;
  const reachable = matched === target.length;
  let reason: string;
  if (reachable) reason = `the component can host all ${target.length} target neuron(s)`;
  else if (target.length > students.length) reason = `the target needs ${target.length} neurons but the network has ${students.length}`;
  else {
    const pos = students.filter((s) => s.frozen === 'output-sign' && s.outputSign > 0).length;
    const neg = students.filter((s) => s.frozen === 'output-sign' && s.outputSign < 0).length;
    const free = students.length - pos - neg - obstruction.inputFrozen;
    reason = `frozen signs block it: target needs ${positive}+ / ${negative}−, the component has ${pos} frozen +, ${neg} frozen −, ${free} free neuron(s)`;
  }
  return { positive, negative, matched, reachable, reason };
}
