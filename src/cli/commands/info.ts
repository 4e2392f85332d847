/** `tessera info NET`: architecture, parameter count, input/output dimensions. */
import type { Command } from 'commander';
import { architecture, hiddenCount, parameterCount } from '../../net/network.js';
import { loadNetwork } from '../../net/load/index.js';
import { emit, type IO } from '../io.js';

export function register(program: Command, io: IO): void {
  program
    .command('info')
    .description('architecture, parameter count and input/output dimensions of a network')
    .argument('<net>', 'network file (.json, .onnx, .npz, .safetensors)')
    .option('--json', 'print one JSON object')
    .action((file: string, opts: { json?: boolean }) => {
      const net = loadNetwork(file);
      const arch = architecture(net);
      const result = {
        file,
        architecture: arch,
        inputDim: net.inputDim,
        outputDim: net.outputDim,
        hiddenLayers: net.layers.length - 1,
        hiddenNeurons: hiddenCount(net),
        parameters: parameterCount(net),
      };
      emit(io, !!opts.json, result, () =>
        [
          `${file}`,
          `  architecture   ${arch.join(' → ')}`,
          `  input / output ${net.inputDim} / ${net.outputDim}`,
          `  hidden         ${result.hiddenLayers} layer(s), ${result.hiddenNeurons} ReLU neurons`,
          `  parameters     ${result.parameters}`,
        ].join('\n'),
      );
    });
}
