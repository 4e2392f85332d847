/**
 * Training data: seeded toy sets (xor, circles, moons, spiral), a CSV file, or a teacher network
 * labelling points sampled from a box. A data set is a `Batch` plus what kind of target it has,
 * which decides the default loss (regression → mse, binary → bce, multiclass → ce).
 */
import { readFileSync } from 'node:fs';
import { TesseraError, inFile } from '../numeric/errors.js';
import { normal, rng, uniform, type Rng } from '../numeric/random.js';
import { evaluateBatch } from '../net/evaluate.js';
import { loadNetwork } from '../net/load/index.js';
import type { Network } from '../net/network.js';
import type { Batch } from './gradient.js';
import type { LossName } from './loss.js';

export type Task = 'regression' | 'binary' | 'multiclass';

export interface Dataset extends Batch {
  readonly name: string;
  readonly task: Task;
  /** Number of classes (multiclass), 2 (binary), 0 (regression). */
  readonly classes: number;
}

export interface ToyOptions {
  samples?: number;
  noise?: number;
  seed?: number;
}

export const TOY_NAMES = ['xor', 'circles', 'moons', 'spiral'] as const;

function labelled(name: string, count: number, point: (i: number, rand: Rng) => [number, number, number], seed: number, classes = 2): Dataset {
  const rand = rng(seed);
  const inputs = new Float64Array(2 * count);
  const targets = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const [x, y, label] = point(i, rand);
    inputs[2 * i] = x;
    inputs[2 * i + 1] = y;
    targets[i] = label;
  }
  return { name, inputs, targets, count, inputDim: 2, targetDim: 1, task: classes > 2 ? 'multiclass' : 'binary', classes };
}

/** Four Gaussian blobs at (±½, ±½); label 1 where the coordinates' signs differ. */
export function xorData(o: ToyOptions = {}): Dataset {
  const noise = o.noise ?? 0.1;
  return labelled('xor', checkCount(o.samples ?? 200), (i, r) => {
    const sx = i % 2 === 0 ? 1 : -1;
    const sy = (i >> 1) % 2 === 0 ? 1 : -1;
    return [0.5 * sx + normal(r, 0, noise), 0.5 * sy + normal(r, 0, noise), sx !== sy ? 1 : 0];
  }, o.seed ?? 1);
}

/** Two concentric circles of radii 1 (label 0) and ½ (label 1) with Gaussian noise. */
export function circlesData(o: ToyOptions = {}): Dataset {
  const noise = o.noise ?? 0.05;
  return labelled('circles', checkCount(o.samples ?? 200), (i, r) => {
    const inner = i % 2;
    const radius = inner ? 0.5 : 1;
    const t = uniform(r, 0, 2 * Math.PI);
    return [radius * Math.cos(t) + normal(r, 0, noise), radius * Math.sin(t) + normal(r, 0, noise), inner];
  }, o.seed ?? 1);
}

/** Two interleaved half circles (the "moons"), label 0 upper, 1 lower. */
export function moonsData(o: ToyOptions = {}): Dataset {
  const noise = o.noise ?? 0.1;
  return labelled('moons', checkCount(o.samples ?? 200), (i, r) => {
    const lower = i % 2;
    const t = uniform(r, 0, Math.PI);
    const x = lower ? 1 - Math.cos(t) : Math.cos(t);
    const y = lower ? 0.5 - Math.sin(t) : Math.sin(t);
    return [x + normal(r, 0, noise), y + normal(r, 0, noise), lower];
  }, o.seed ?? 1);
}

/** `classes` interleaved spiral arms (radius ≤ 1, 1.5 turns), label = arm. */
export function spiralData(o: ToyOptions & { classes?: number } = {}): Dataset {
  const noise = o.noise ?? 0.02;
  const k = o.classes ?? 2;
  if (!Number.isInteger(k) || k < 2) throw new TesseraError('input', `spiral: expected at least 2 arms, got ${k}`);
  return labelled('spiral', checkCount(o.samples ?? 300), (i, r) => {
    const arm = i % k;
    const t = uniform(r, 0.05, 1);
    const angle = 3 * Math.PI * t + (2 * Math.PI * arm) / k;
    return [t * Math.cos(angle) + normal(r, 0, noise), t * Math.sin(angle) + normal(r, 0, noise), arm];
  }, o.seed ?? 1, k);
}

function checkCount(n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new TesseraError('input', `--samples: expected a positive integer, got ${n}`);
  return n;
}

/** Inputs uniform in [lo, hi]ⁿ, targets = the teacher's outputs (regression). */
export function teacherData(teacher: Network, o: ToyOptions & { lo?: number; hi?: number } = {}): Dataset {
  const count = checkCount(o.samples ?? 256);
  const lo = o.lo ?? -1;
  const hi = o.hi ?? 1;
  const rand = rng(o.seed ?? 1);
  const n = teacher.inputDim;
  const inputs = new Float64Array(count * n);
  for (let k = 0; k < inputs.length; k++) inputs[k] = uniform(rand, lo, hi);
  const targets = evaluateBatch(teacher, inputs, count);
  return { name: 'teacher', inputs, targets, count, inputDim: n, targetDim: teacher.outputDim, task: 'regression', classes: 0 };
}

/**
 * A CSV table: numbers separated by commas, one sample a line, an optional header line. The target
 * is the last column unless `targetCol` names one (a header name, or a 0-based index).
 */
export function parseCSV(text: string, targetCol?: string): Dataset {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) throw new TesseraError('input', 'the CSV file has no rows');
  let header: string[] | undefined;
  const first = lines[0].split(',').map((s) => s.trim());
  if (first.some((s) => s === '' || !Number.isFinite(Number(s)))) {
    header = first;
    lines.shift();
  }
  if (lines.length === 0) throw new TesseraError('input', 'the CSV file has a header but no data rows');
  const cols = header?.length ?? lines[0].split(',').length;
  if (cols < 2) throw new TesseraError('input', `the CSV file needs at least 2 columns (inputs and a target), got ${cols}`);
  let target = cols - 1;
  if (targetCol !== undefined) {
    const byName = header ? header.indexOf(targetCol) : -1;
    const byIndex = /^\d+$/.test(targetCol) ? Number(targetCol) : -1;
    target = byName >= 0 ? byName : byIndex;
    if (target < 0 || target >= cols) throw new TesseraError('input', `--target-col: no column "${targetCol}" (the file has ${cols} columns${header ? ': ' + header.join(', ') : ''})`);
  }
  const count = lines.length;
  const n = cols - 1;
  const inputs = new Float64Array(count * n);
  const targets = new Float64Array(count);
  lines.forEach((line, i) => {
    const cells = line.split(',');
    const lineNo = i + 1 + (header ? 1 : 0);
    if (cells.length !== cols) throw new TesseraError('input', `line ${lineNo}: ${cells.length} columns, expected ${cols}`);
    let k = 0;
    cells.forEach((cell, j) => {
      const v = Number(cell.trim());
      if (cell.trim() === '' || !Number.isFinite(v)) throw new TesseraError('input', `line ${lineNo}, column ${j + 1}: "${cell.trim()}" is not a finite number`);
      if (j === target) targets[i] = v;
      else inputs[i * n + k++] = v;
    });
  });
  let binary = true;
  let integral = true;
  for (const t of targets) {
    if (t !== 0 && t !== 1) binary = false;
    if (!Number.isInteger(t) || t < 0) integral = false;
  }
  let classes = 0;
  if (integral) for (const t of targets) classes = Math.max(classes, t + 1);
  return { name: 'csv', inputs, targets, count, inputDim: n, targetDim: 1, task: binary ? 'binary' : 'regression', classes: binary ? 2 : integral ? classes : 0 };
}

export function defaultLoss(task: Task): LossName {
  return task === 'binary' ? 'bce' : task === 'multiclass' ? 'ce' : 'mse';
}

/**
 * Resolve a DATA argument: `xor`, `circles`, `moons`, `spiral` (or `spiral:K` for K arms),
 * `teacher:NET.json`, or a CSV file path.
 */
export function loadDataset(spec: string, o: ToyOptions & { lo?: number; hi?: number; targetCol?: string } = {}): Dataset {
  const [head, arg] = splitSpec(spec);
  switch (head) {
    case 'xor':
      return xorData(o);
    case 'circles':
      return circlesData(o);
    case 'moons':
      return moonsData(o);
    case 'spiral': {
      const classes = arg === undefined ? 2 : Number(arg);
      if (!Number.isInteger(classes) || classes < 2) throw new TesseraError('input', `spiral:K needs an integer K ≥ 2, got "${arg}"`);
      return spiralData({ ...o, classes });
    }
    case 'teacher': {
      if (!arg) throw new TesseraError('input', 'teacher:NET needs a network file, e.g. teacher:net.json');
      return teacherData(loadNetwork(arg), o);
    }
    default: {
      let text: string;
      try {
        text = readFileSync(spec, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new TesseraError('input', code === 'ENOENT' ? `no such file, and not a built-in data set (${TOY_NAMES.join(', ')}, teacher:NET)` : `cannot read (${code})`, spec);
      }
      return inFile(spec, () => parseCSV(text, o.targetCol));
    }
  }
}

function splitSpec(spec: string): [string, string | undefined] {
  const i = spec.indexOf(':');
  if (i < 0) return [spec, undefined];
  const head = spec.slice(0, i);
  // A Windows drive letter or an unknown prefix means a plain path.
  if (head === 'teacher' || head === 'spiral') return [head, spec.slice(i + 1)];
  return [spec, undefined];
}
