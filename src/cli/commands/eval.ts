/** `tessera eval NET --point x1,x2,…`: output, sign sequence and local affine map at a point. */
import type { Command } from 'commander';
import { affineMapForPattern, affineToJSON } from '../../net/affine.js';
import { evaluate } from '../../net/evaluate.js';
import { loadNetwork } from '../../net/load/index.js';
import { hiddenWidths, signSequence, signString } from '../../net/signs.js';
import { TesseraError } from '../../numeric/errors.js';
import { emit, type IO } from '../io.js';
import { parseNumberList } from '../options.js';

export function register(program: Command, io: IO): void {
  program
    .command('eval')
    .description('evaluate a network at a point: output, sign sequence, local affine map')
    .argument('<net>', 'network file')
    .requiredOption('--point <x1,x2,...>', 'input point, comma-separated')
    .option('--json', 'print one JSON object')
    .action((file: string, opts: { point: string; json?: boolean }) => {
      const net = loadNetwork(file);
      const x = parseNumberList(opts.point, '--point');
      if (x.length !== net.inputDim) {
        throw new TesseraError('domain', `--point has ${x.length} coordinates but the network takes ${net.inputDim} inputs`, file);
      }
      const output = evaluate(net, x);
      const signs = signSequence(net, x);
      const widths = hiddenWidths(net);
      const map = affineMapForPattern(net, signs);
      const onBoundary = signs.some((s) => s === 0);
      const result = {
        point: x,
        output: Array.from(output),
        signSequence: signString(signs, widths),
        onBentHyperplane: onBoundary,
        affineMap: affineToJSON(map),
      };
      emit(io, !!opts.json, result, () => {
        const lines = [
          `F(${x.join(', ')}) = [${result.output.map(fmt).join(', ')}]`,
          `sign sequence  ${result.signSequence}${onBoundary ? '   (on a bent hyperplane: the map below has the 0 neurons off)' : ''}`,
          'local affine map  F(x) = J x + c',
        ];
        result.affineMap.jacobian.forEach((row, o) => lines.push(`  [${row.map(fmt).join(', ')}] · x + ${fmt(result.affineMap.offset[o])}`));
        return lines.join('\n');
      });
    });
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(8).replace(/\.?0+$/, '');
}
