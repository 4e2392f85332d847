/**
 * Write a network as the ONNX model torch.onnx.export produces for the equivalent nn.Sequential, for
 * examples and round-trip tests. Two styles, both of which PyTorch emits:
 *   'gemm'   — Gemm(x, W, b) with transB=1 (W out × in) per layer, Relu between (2-D input [1, n]);
 *   'matmul' — Flatten first, then MatMul(x, Wᵀ) and Add(b, ·) per layer (Wᵀ stored in × out, the
 *              bias first as PyTorch writes it).
 * Weights are FLOAT (float32, rounding) by default, as PyTorch's are; pass dtype 'float64' for DOUBLE.
 */
import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';
import type { Network } from '../network.js';
import { encodeElements } from './dtypes.js';

export interface ONNXWriteOptions {
  style?: 'gemm' | 'matmul';
  dtype?: 'float32' | 'float64';
  /** Opset version in opset_import (default 17). Nothing else depends on it here. */
  opset?: number;
  /** Put weights in Constant nodes instead of initializers. */
  constants?: boolean;
}

const FLOAT = 1;
const DOUBLE = 11;

export function networkToONNX(net: Network, options: ONNXWriteOptions = {}): Uint8Array {
  const style = options.style ?? 'gemm';
  const elemType = options.dtype === 'float64' ? DOUBLE : FLOAT;
  const nodes: onnx.INodeProto[] = [];
  const initializers: onnx.ITensorProto[] = [];
  const tensor = (name: string, dims: number[], values: ArrayLike<number>): void => {
    const t: onnx.ITensorProto = { name, dims, dataType: elemType, rawData: encodeElements(values, elemType === DOUBLE ? 'f64' : 'f32') };
    if (options.constants) {
      nodes.push({ name: `/Constant_${name}`, opType: 'Constant', input: [], output: [name], attribute: [{ name: 'value', type: 4, t }] });
    } else initializers.push(t);
  };
  const L = net.layers.length;
  let current = 'input';
  if (style === 'matmul') {
    nodes.push({ name: '/flatten/Flatten', opType: 'Flatten', input: [current], output: ['/flatten/Flatten_output_0'], attribute: [{ name: 'axis', type: 2, i: 1 }] });
    current = '/flatten/Flatten_output_0';
  }
  net.layers.forEach((layer, l) => {
    const module = 2 * l; // nn.Sequential index: Linear at even positions, ReLU between
    const last = l === L - 1;
    const out = last ? 'output' : `/${module}/${style === 'gemm' ? 'Gemm' : 'Add'}_output_0`;
    if (style === 'gemm') {
      tensor(`${module}.weight`, [layer.outDim, layer.inDim], layer.weight);
      tensor(`${module}.bias`, [layer.outDim], layer.bias);
      nodes.push({
        name: `/${module}/Gemm`,
        opType: 'Gemm',
        input: [current, `${module}.weight`, `${module}.bias`],
        output: [out],
        attribute: [
          { name: 'alpha', type: 1, f: 1 },
          { name: 'beta', type: 1, f: 1 },
          { name: 'transB', type: 2, i: 1 },
        ],
      });
    } else {
      const transposed = new Float64Array(layer.inDim * layer.outDim);
      for (let o = 0; o < layer.outDim; o++) for (let i = 0; i < layer.inDim; i++) transposed[i * layer.outDim + o] = layer.weight[o * layer.inDim + i];
      const wName = `onnx::MatMul_${100 + l}`;
      tensor(wName, [layer.inDim, layer.outDim], transposed);
      tensor(`${module}.bias`, [layer.outDim], layer.bias);
      const mm = `/${module}/MatMul_output_0`;
      nodes.push({ name: `/${module}/MatMul`, opType: 'MatMul', input: [current, wName], output: [mm] });
      nodes.push({ name: `/${module}/Add`, opType: 'Add', input: [`${module}.bias`, mm], output: [out] });
    }
    current = out;
    if (!last) {
      const relu = `/${module + 1}/Relu_output_0`;
      nodes.push({ name: `/${module + 1}/Relu`, opType: 'Relu', input: [current], output: [relu] });
      current = relu;
    }
  });
  const valueInfo = (name: string, width: number): onnx.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType, shape: { dim: [{ dimValue: 1 }, { dimValue: width }] } } },
  });
  const model: onnx.IModelProto = {
    irVersion: 8,
    producerName: 'tessera',
    producerVersion: '0.1.0',
    opsetImport: [{ domain: '', version: options.opset ?? 17 }],
    graph: {
      name: 'main_graph',
      node: nodes,
      initializer: initializers,
      input: [valueInfo('input', net.inputDim)],
      output: [valueInfo('output', net.outputDim)],
    },
  };
  return onnxProto.onnx.ModelProto.encode(onnxProto.onnx.ModelProto.create(model)).finish();
}
