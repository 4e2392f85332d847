/**
 * Where a command's complex lives: the options `--box`, `--polytope`, `--slice`, `--max-cells` and
 * `--max-memory`, shared by every command that builds a complex (regions, critical, morse, topology,
 * rank), so that they accept the same files and say the same things about them.
 *
 * - `--box LO,HI` is the box [LO,HI]^n; `--box FILE.json` reads {"lo": […], "hi": […]} (a box) or
 *   {"A": [[…]], "b": […]} (a polytope A x ≤ b). `--polytope FILE` reads the latter only.
 * - `--slice FILE`: 3 or 4 input points (a JSON list, {"points": […], "box"?: [lo, hi]}, or CSV rows); the
 *   complex is that of the plane (3-space) through them, over a parameter box: `--box`, else the file's
 *   "box", else [−0.1, 1.1]^k.
 */
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import type { Command } from 'commander';
import { boxDomain, buildComplex, DEFAULT_MAX_CELLS, polytopeDomain, sliceSetup, type SliceOptions } from '../complex/index.js';
import type { Complex, Domain } from '../complex/types.js';
import type { AffinePlane } from '../net/slice.js';
import type { Network } from '../net/network.js';
import { inFile, TesseraError } from '../numeric/errors.js';
import { parseInterval, parseNumber, parseNumberList, parsePositiveInt } from './options.js';

export interface DomainFlags {
  box?: string;
  polytope?: string;
  slice?: string;
  maxCells?: string;
  maxMemory?: string;
}

/** A slice file's points, and the parameter box it asks for. */
export interface SliceFile {
  readonly points: number[][];
  readonly box?: { lo: number; hi: number };
}

/** What to build: the network on its domain, or the sliced network on its parameter box. */
export interface ComplexSetup {
  readonly net: Network;
  readonly domain: Domain;
  readonly plane?: AffinePlane;
  /** The domain in words, for human output. */
  readonly text: string;
}

export function addDomainOptions(cmd: Command): Command {
  return cmd
    .option('--box <lo,hi|file>', 'domain [LO,HI]^n (default -1,1), or a JSON file {"lo":[…],"hi":[…]} or {"A":[[…]],"b":[…]}; with --slice, the parameter box (default -0.1,1.1)')
    .option('--polytope <file>', 'domain {x : Ax ≤ b} from a JSON file {"A": [[…]…], "b": […]}')
    .option('--slice <file>', 'JSON [p0, p1, p2(, p3)] or {"points": […], "box"?: [lo, hi]}, or CSV with 3-4 rows: the 2-D/3-D slice through the points')
    .option('--max-cells <n>', `refuse jobs that would create more cells than this (default ${DEFAULT_MAX_CELLS})`)
    .option('--max-memory <GiB>', 'refuse jobs whose arrays would hold more than this many GiB (default: half of this machine\'s memory)');
}

export function maxCellsFromFlags(flags: DomainFlags): number {
  return flags.maxCells === undefined ? DEFAULT_MAX_CELLS : parsePositiveInt(flags.maxCells, '--max-cells');
}

/**
 * The memory limit in bytes: --max-memory GiB, else half of this machine's memory (the build's arrays,
 * a growth step of them and the rest of the process must fit, or the system kills the process instead
 * of tessera refusing the job).
 */
export function maxBytesFromFlags(flags: DomainFlags): number {
  if (flags.maxMemory === undefined) return totalmem() / 2;
  const gib = parseNumber(flags.maxMemory, '--max-memory');
  if (gib <= 0) throw new TesseraError('input', `--max-memory: expected a positive number of GiB, got "${flags.maxMemory}"`);
  return gib * 2 ** 30;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new TesseraError('input', `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, file);
  }
}

export function readJSONFile(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new TesseraError('format', `not valid JSON (${(err as Error).message})`, file);
  }
}

/** A slice file: JSON [p0, p1, …] or {"points": [...], "box"?: [lo, hi]}, or CSV (one point per row). */
export function readSlice(file: string): SliceFile {
  return inFile(file, () => {
    const text = readText(file).trim();
    if (!text.startsWith('{') && !text.startsWith('[')) {
      const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
      return { points: rows.map((r, i) => parseNumberList(r, `row ${i + 1}`)) };
    }
    let obj: { points?: unknown; box?: unknown } | unknown[];
    try {
      obj = JSON.parse(text);
    } catch {
      throw new TesseraError('format', 'not valid JSON');
    }
    const points = Array.isArray(obj) ? obj : obj?.points;
    if (!Array.isArray(points) || points.some((p) => !Array.isArray(p) || p.some((x: unknown) => typeof x !== 'number' || !Number.isFinite(x)))) {
      throw new TesseraError('format', 'a slice file holds 3 or 4 points of finite numbers: [p0, p1, p2] or {"points": [[…], […], […]]}');
    }
    const box = Array.isArray(obj) ? undefined : obj.box;
    if (box !== undefined && (!Array.isArray(box) || box.length !== 2 || !(box[0] < box[1]))) throw new TesseraError('format', '"box" should be [lo, hi] with lo < hi');
    return { points: points as number[][], box: box ? { lo: (box as number[])[0], hi: (box as number[])[1] } : undefined };
  });
}

/** `--box` as an interval LO,HI or a domain file, in `dim` dimensions. */
function boxOrFile(text: string, dim: number): Domain {
  if (/^\s*-?[\d.]/.test(text) && !text.toLowerCase().endsWith('.json')) {
    const { lo, hi } = parseInterval(text, '--box');
    return boxDomain(dim, lo, hi);
  }
  const spec = readJSONFile(text) as { lo?: number[]; hi?: number[]; A?: number[][]; b?: number[] } | null;
  return inFile(text, () => {
    if (Array.isArray(spec?.lo) && Array.isArray(spec?.hi)) {
      if (spec.lo.length !== dim || spec.hi.length !== dim) throw new TesseraError('shape', `the box has ${spec.lo.length}/${spec.hi.length} bounds but the domain has ${dim} dimensions`);
      return boxDomain(dim, spec.lo, spec.hi);
    }
    if (Array.isArray(spec?.A) && Array.isArray(spec?.b)) return polytopeFrom(spec, dim);
    throw new TesseraError('format', 'a domain file needs {"lo": […], "hi": […]} (a box) or {"A": [[…]], "b": […]} (a polytope A x ≤ b)');
  });
}

function polytopeFrom(spec: { A?: unknown; b?: unknown } | null, dim: number): Domain {
  if (!Array.isArray(spec?.A) || !Array.isArray(spec?.b)) throw new TesseraError('format', 'expected {"A": [[…], …], "b": […]}');
  if (spec.A.length !== spec.b.length) throw new TesseraError('domain', `A has ${spec.A.length} rows but b has ${spec.b.length} entries`);
  return polytopeDomain(spec.A as number[][], spec.b as number[], dim);
}

/** The network and domain the flags describe (checked), without building anything. */
export function complexSetup(net: Network, flags: DomainFlags): ComplexSetup {
  if (flags.polytope !== undefined && flags.slice !== undefined) throw new TesseraError('input', '--polytope and --slice cannot be combined');
  if (flags.polytope !== undefined && flags.box !== undefined) throw new TesseraError('input', '--polytope and --box cannot be combined');
  if (flags.slice !== undefined) {
    const file = flags.slice;
    const slice = readSlice(file);
    let box: SliceOptions['box'] = slice.box ? [slice.box.lo, slice.box.hi] : undefined;
    if (flags.box !== undefined) {
      const d = boxOrFile(flags.box, slice.points.length - 1);
      if (d.kind !== 'box') throw new TesseraError('input', '--box with --slice must be a box (the parameter box)');
      box = { lo: Array.from(d.lo), hi: Array.from(d.hi) };
    }
    const setup = inFile(file, () => sliceSetup(net, slice.points, { box }));
    const b = setup.domain.kind === 'box' ? setup.domain : undefined;
    return { ...setup, text: `${setup.plane.dim}-D slice through ${slice.points.length} points, t ∈ [${b?.lo[0]},${b?.hi[0]}]^${setup.plane.dim}` };
  }
  const dim = net.inputDim;
  const domain =
    flags.polytope !== undefined
      ? inFile(flags.polytope, () => polytopeFrom(readJSONFile(flags.polytope!) as { A?: unknown; b?: unknown } | null, dim))
      : flags.box !== undefined
        ? boxOrFile(flags.box, dim)
        : boxDomain(dim);
  return { net, domain, text: describeDomain(domain) };
}

function describeDomain(domain: Domain): string {
  if (domain.kind !== 'box') return `polytope with ${domain.rows} inequalities`;
  const { lo, hi } = domain;
  const cube = Array.from(lo).every((v) => v === lo[0]) && Array.from(hi).every((v) => v === hi[0]);
  return cube ? `[${lo[0]},${hi[0]}]^${domain.dim}` : Array.from(lo, (l, i) => `[${l},${hi[i]}]`).join('×');
}

/** The complex the flags describe, built on this thread (regions builds with workers from complexSetup). */
export function complexForFlags(net: Network, flags: DomainFlags): Complex {
  const setup = complexSetup(net, flags);
  const complex = buildComplex(setup.net, setup.domain, { maxCells: maxCellsFromFlags(flags), maxBytes: maxBytesFromFlags(flags) });
  return setup.plane ? { ...complex, plane: setup.plane } : complex;
}
