/**
 * `tessera critical NET [--box LO,HI|FILE | --polytope FILE | --slice FILE] [--output K] [--json] [--svg FILE]`: PL Morse
 * classification of every vertex of the canonical complex (Brooks & Masden §4): critical points with
 * index and multiplicity, degenerate (flat) components, boundary vertices apart, and the Euler relation.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { morseContext, type MorseContext } from '../../morse/classify.js';
import type { Pairs } from '../../morse/pairing.js';
import { criticalReport, type CriticalReport } from '../../morse/report.js';
import { loadNetwork } from '../../net/load/index.js';
import { inFile, TesseraError } from '../../numeric/errors.js';
import { morseSvg } from '../../render/morse.js';
import { addDomainOptions, complexForFlags, type DomainFlags } from '../domain.js';
import { emit, type IO } from '../io.js';
import { parseNonNegativeInt, parsePositiveInt } from '../options.js';

/** Options shared by `critical` and `morse`. */
export interface MorseCommandFlags extends DomainFlags {
  output: string;
  json?: boolean;
  svg?: string;
  levels: string;
}

export function addMorseOptions(cmd: Command): Command {
  return addDomainOptions(cmd.argument('<net>', 'network file'))
    .option('--output <k>', 'which network output is F (0-based)', '0')
    .option('--json', 'print one JSON object')
    .option('--svg <file>', '2-D only: draw the complex, the critical points and level sets')
    .option('--levels <n>', 'number of level sets drawn with --svg', '6');
}

/** Load, build, and classify: the common start of `critical` and `morse`. */
export function morseContextForFlags(file: string, flags: MorseCommandFlags): MorseContext {
  const net = loadNetwork(file);
  const output = parseNonNegativeInt(flags.output, '--output');
  const complex = complexForFlags(net, flags);
  return morseContext(complex, { output });
}

export function writeSvgIfAsked(ctx: MorseContext, flags: MorseCommandFlags, title: string, gradient?: { criticalCells: Int32Array[]; pairs: Pairs }): void {
  if (!flags.svg) return;
  if (ctx.complex.dim !== 2) throw new TesseraError('unsupported', `--svg draws 2-D complexes; this one is ${ctx.complex.dim}-D (use --slice with 3 points)`);
  const levels = parsePositiveInt(flags.levels, '--levels');
  const svg = morseSvg(ctx, { levels, title, criticalCells: gradient?.criticalCells, pairs: gradient?.pairs });
  inFile(flags.svg, () => {
    try {
      writeFileSync(flags.svg!, svg);
    } catch {
      throw new TesseraError('input', 'cannot write the SVG file');
    }
  });
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString();
}

const INDEX_NAMES = ['minimum', 'saddle', 'maximum'];

function indexName(index: number, dim: number): string {
  if (index === 0) return 'minimum';
  if (index === dim) return 'maximum';
  return dim === 2 ? INDEX_NAMES[1] : `index ${index}`;
}

export function criticalHuman(file: string, r: CriticalReport, limit = 20): string {
  const lines = [
    `${file}: ${r.vertices} vertices in ${r.inputDim}-D, F = output ${r.output}`,
    `interior critical points by index: [${r.countsByIndex.join(', ')}]   (${r.plMorse ? 'PL Morse in the interior' : 'not PL Morse: degenerate points present'})`,
  ];
  for (const p of r.critical.slice(0, limit)) {
    lines.push(`  ${indexName(p.index, r.inputDim).padEnd(8)} F = ${fmt(p.value).padEnd(12)} at (${p.point.map(fmt).join(', ')})${p.multiplicity > 1 ? `  multiplicity ${p.multiplicity}` : ''}`);
  }
  if (r.critical.length > limit) lines.push(`  … ${r.critical.length - limit} more (--json lists all)`);
  if (r.degenerate.length > 0) {
    lines.push(`degenerate (flat) components: ${r.degenerate.length}`);
    for (const f of r.degenerate.slice(0, limit)) lines.push(`  flat ${f.dim}-cell(s) at F = ${fmt(f.value)}, ${f.vertexCount} vertices, near (${f.point.map(fmt).join(', ')}), local betti [${f.betti.join(', ')}]`);
  }
  lines.push(
    `boundary critical points by index: [${r.boundary.countsByIndex.join(', ')}]${r.boundary.degenerate.length ? `, ${r.boundary.degenerate.length} flat boundary components` : ''}`,
    `Euler relation: interior ${r.euler.interior} + boundary ${r.euler.boundary}${r.euler.flat ? ` + flat ${r.euler.flat}` : ''} = ${r.euler.total}  (χ(domain) = ${r.euler.eulerCharacteristic}: ${r.euler.holds ? 'holds' : 'FAILS'})`,
  );
  return lines.join('\n');
}

export function register(program: Command, io: IO): void {
  addMorseOptions(program.command('critical').description('PL critical points of F on the canonical complex: index, multiplicity, flat cells')).action(
    (file: string, flags: MorseCommandFlags) => {
      const ctx = morseContextForFlags(file, flags);
      const report = criticalReport(ctx);
      writeSvgIfAsked(ctx, flags, `${file}: PL critical points`);
      emit(io, !!flags.json, report, () => criticalHuman(file, report));
    },
  );
}
