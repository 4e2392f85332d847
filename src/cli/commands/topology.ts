/**
 * `tessera topology NET [--level T] [--class K] [--persistence] [--box LO,HI | --slice FILE] [--json]`:
 * exact topology of level sets {F ≤ T}, {F ≥ T} and decision regions, cut out of the canonical complex
 * (topology/level-set.ts), and the sublevel persistence of F (lower-star filtration of the complex).
 */
import type { Command } from 'commander';
import type { Complex } from '../../complex/types.js';
import { loadNetwork } from '../../net/load/index.js';
import { TesseraError } from '../../numeric/errors.js';
import { persistenceDiagramSvg } from '../../render/persistence.js';
import { barcodeToJSON, essentialCounts } from '../../topology/barcode.js';
import { chainComplexOfComplex } from '../../topology/chain-complex.js';
import { lowerStarBarcode } from '../../topology/filtration.js';
import { decisionRegionTopology, levelSetTopology, type RegionTopology } from '../../topology/level-set.js';
import { emit, type IO } from '../io.js';
import { parseNumber, parseNonNegativeInt, parsePositiveInt } from '../options.js';
import { addDomainOptions, complexForFlags, type DomainFlags } from '../domain.js';
import { barcodeHuman, writeSvgFile } from './homology.js';

interface Flags extends DomainFlags {
  level?: string;
  class?: string;
  persistence?: boolean;
  output: string;
  integer?: boolean;
  maxIntegerCells: string;
  json?: boolean;
  svg?: string;
}

function regionJSON(r: RegionTopology): Record<string, unknown> {
  return { betti: r.betti, eulerCharacteristic: r.eulerCharacteristic, cells: r.cells, ...(r.integral ? { integral: r.integral } : {}) };
}

function regionHuman(name: string, r: RegionTopology): string {
  const z = r.integral ? `   over Z: ranks [${r.integral.betti.join(', ')}]${r.integral.torsion.some((t) => t.length) ? ` torsion ${JSON.stringify(r.integral.torsion)}` : ', no torsion'}` : '';
  return `  ${name.padEnd(22)} betti [${r.betti.join(', ')}]   χ = ${r.eulerCharacteristic}   ${r.cells.join('/')} cells${z}`;
}

export function register(program: Command, io: IO): void {
  const cmd = program
    .command('topology')
    .description('exact topology of level sets {F ≤ T}, {F ≥ T}, decision regions, and sublevel persistence of F')
    .argument('<net>', 'network file');
  addDomainOptions(cmd)
    .option('--level <t>', 'Betti numbers of {F ≤ T} and {F ≥ T} in the domain')
    .option('--class <k>', 'Betti numbers of the decision region of class K (one output: class 1 is F ≥ T, class 0 is F ≤ T, T = --level or 0)')
    .option('--persistence', 'barcode of the sublevel filtration of F on the complex')
    .option('--output <k>', 'which network output is F (0-based)', '0')
    .option('--integer', 'also give homology over Z (ranks and torsion; small complexes)')
    .option('--max-integer-cells <n>', 'with --integer: refuse refined complexes with more cells than this (Smith normal form is cubic)', '20000')
    .option('--json', 'print one JSON object')
    .option('--svg <file>', 'with --persistence: write the persistence diagram')
    .action((file: string, flags: Flags) => {
      if (flags.level === undefined && flags.class === undefined && !flags.persistence) {
        throw new TesseraError('input', 'nothing to compute: give --level T, --class K or --persistence');
      }
      if (flags.svg && !flags.persistence) throw new TesseraError('input', '--svg draws the persistence diagram: add --persistence');
      const net = loadNetwork(file);
      const output = parseNonNegativeInt(flags.output, '--output');
      if (output >= net.outputDim) throw new TesseraError('input', `--output ${output}: the network has ${net.outputDim} output${net.outputDim === 1 ? '' : 's'} (0-based)`);
      const level = flags.level === undefined ? undefined : parseNumber(flags.level, '--level');
      const classIndex = flags.class === undefined ? undefined : parseNonNegativeInt(flags.class, '--class');
      const maxIntegralCells = parsePositiveInt(flags.maxIntegerCells, '--max-integer-cells');
      const complex: Complex = complexForFlags(net, flags);
      const result: Record<string, unknown> = {
        inputDim: complex.dim,
        cellsByDim: complex.cells.map((c) => c.count),
        output,
      };
      const what = classIndex !== undefined && level === undefined && !flags.persistence ? `${complex.outputDim} output${complex.outputDim === 1 ? '' : 's'}` : `F = output ${output}`;
      const human: string[] = [`${file}: ${what} on a ${complex.dim}-D complex with ${complex.cells.map((c) => c.count).join('/')} cells`];
      if (level !== undefined && classIndex === undefined) {
        const ls = levelSetTopology(complex, level, { output, integral: !!flags.integer, maxIntegralCells });
        result.level = level;
        result.sublevel = regionJSON(ls.sublevel);
        result.superlevel = regionJSON(ls.superlevel);
        human.push(`level T = ${level} (exact: the complex cut along F = T)`, regionHuman('{F ≤ T}', ls.sublevel), regionHuman('{F ≥ T}', ls.superlevel));
      }
      if (classIndex !== undefined) {
        const region = decisionRegionTopology(complex, classIndex, { level, integral: !!flags.integer, maxIntegralCells });
        result.class = classIndex;
        if (level !== undefined) result.level = level;
        result.decisionRegion = regionJSON(region);
        human.push(regionHuman(`class ${classIndex} region`, region));
      }
      if (flags.persistence) {
        const m = complex.outputDim;
        const values = Float64Array.from({ length: complex.vertexCount }, (_, v) => complex.vertexValues[v * m + output]);
        const barcode = lowerStarBarcode(chainComplexOfComplex(complex), values);
        result.barcode = barcodeToJSON(barcode);
        result.betti = essentialCounts(barcode);
        human.push(`sublevel persistence of F (lower-star filtration); Betti numbers of the domain [${essentialCounts(barcode).join(', ')}]`, ...barcodeHuman(barcode));
        if (flags.svg) writeSvgFile(flags.svg, persistenceDiagramSvg(barcode, { title: `Sublevel persistence of ${file}`, valueLabel: 'F' }));
      }
      emit(io, !!flags.json, result, () => human.join('\n'));
    });
}
