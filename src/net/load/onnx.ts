/**
 * ONNX networks: the graph `torch.onnx.export` writes for an MLP, decoded with onnx-proto (protobufjs).
 *
 * We walk the graph from its one data input to its one output as a chain. Accepted operators:
 *   Gemm (any transB, alpha, beta; transA = 0), MatMul followed by Add (bias on either side), Relu,
 *   Flatten (axis 1), Identity; weights as initializers or Constant nodes.
 * The affine operators between two Relus are composed into one layer — exactly when there is only one
 * (the usual case: Gemm, or MatMul+Add), otherwise with one double rounding per product — since the
 * network is the same function and tessera's model has ReLU between consecutive affine layers only.
 * Refused: any other operator (named), a Relu on the raw input, a Relu after the last affine layer
 * (tessera's output is affine), branches, and weights in external files.
 */
import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';
import { TesseraError } from '../../numeric/errors.js';
import { createNetwork, type LayerSpec, type Network } from '../network.js';
import { constantValue, floatAttribute, intAttribute, tensorValues, toInt, type DenseTensor, type IntLike } from './onnxTensor.js';

const ACCEPTED = 'Gemm, MatMul+Add, Relu, Flatten, Identity';
const KNOWN = new Set(['Gemm', 'MatMul', 'Add', 'Relu', 'Flatten', 'Identity', 'Constant', 'Transpose']);

/** Decode the protobuf; a TesseraError when the bytes are not a ModelProto with a graph. */
export function decodeONNXModel(bytes: Uint8Array): onnx.ModelProto {
  let model: onnx.ModelProto;
  try {
    model = onnxProto.onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw new TesseraError('format', `not a valid ONNX model (protobuf decoding failed: ${(err as Error).message})`);
  }
  if (!model.graph || !model.graph.node || model.graph.node.length === 0) {
    throw new TesseraError('format', 'not a valid ONNX model (no graph nodes)');
  }
  return model;
}

/**
 * The affine map accumulated since the last Relu: x ↦ W x + b, W rows × cols (row-major); a null
 * weight is the identity (a bias Add before any weight), kept implicit so it costs no n² matrix.
 */
interface Pending {
  rows: number;
  cols: number;
  weight: Float64Array | null;
  bias: Float64Array;
}

function nodeLabel(node: onnx.INodeProto): string {
  return node.name ? `node '${node.name}'` : `the node producing '${node.output?.[0] ?? '?'}'`;
}

export function parseONNX(bytes: Uint8Array): Network {
  const graph = decodeONNXModel(bytes).graph as onnx.IGraphProto;
  const nodes = graph.node ?? [];
  for (const node of nodes) {
    const op = node.opType ?? '';
    const foreign = node.domain && node.domain !== 'ai.onnx';
    if (!KNOWN.has(op) || foreign) {
      throw new TesseraError(
        'unsupported',
        `unsupported ONNX operator '${foreign ? `${node.domain}.` : ''}${op}' (${nodeLabel(node)}); tessera reads MLPs: ${ACCEPTED}`,
      );
    }
  }

  // Constant tensors: initializers, Constant outputs, and Transposes of constant matrices (PyTorch's
  // dynamo exporter writes Transpose(weight) before MatMul when it does not fold it), decoded on use.
  const initializers = new Map<string, onnx.ITensorProto>();
  for (const t of graph.initializer ?? []) initializers.set(t.name ?? '', t);
  const constantNodes = new Map<string, onnx.INodeProto>();
  for (const node of nodes) if (node.opType === 'Constant') constantNodes.set(node.output?.[0] ?? '', node);
  const transposes = new Map<string, onnx.INodeProto>();
  for (const node of nodes) {
    const source = node.input?.[0] ?? '';
    if (node.opType === 'Transpose' && (initializers.has(source) || constantNodes.has(source))) transposes.set(node.output?.[0] ?? '', node);
  }
  const isConstant = (name: string) => initializers.has(name) || constantNodes.has(name) || transposes.has(name);
  const constant = (name: string, user: onnx.INodeProto): DenseTensor => {
    const init = initializers.get(name);
    if (init) return tensorValues(init, `initializer '${name}'`);
    const c = constantNodes.get(name);
    if (c) return constantValue(c, `constant '${name}'`);
    const t = transposes.get(name);
    if (t) return transposeConstant(constant(t.input?.[0] ?? '', t), t);
    throw new TesseraError('unsupported', `${nodeLabel(user)} (${user.opType}) takes '${name}', which is not a constant weight; tessera reads a single chain of layers`);
  };

  // The data input: the graph input that is not an initializer (IR < 4 lists initializers as inputs too).
  const inputs = (graph.input ?? []).filter((v) => !initializers.has(v.name ?? ''));
  if (inputs.length !== 1) throw new TesseraError('unsupported', `ONNX graph has ${inputs.length} data inputs; tessera reads networks with one input`);
  const outputs = graph.output ?? [];
  if (outputs.length !== 1) throw new TesseraError('unsupported', `ONNX graph has ${outputs.length} outputs; tessera reads networks with one output`);
  const inputName = inputs[0].name ?? '';
  const outputName = outputs[0].name ?? '';
  const declaredWidth = inputWidth(inputs[0]);

  const users = new Map<string, onnx.INodeProto[]>();
  for (const node of nodes) {
    if (node.opType === 'Constant' || transposes.has(node.output?.[0] ?? '')) continue;
    for (const name of node.input ?? []) {
      if (name === '' || isConstant(name)) continue;
      const list = users.get(name) ?? [];
      list.push(node);
      users.set(name, list);
    }
  }

  const layers: LayerSpec[] = [];
  let pending: Pending | null = null;
  let width: number | undefined = declaredWidth;
  let afterRelu = false;
  let current = inputName;
  const visited = new Set<onnx.INodeProto>();
  const compose = (node: onnx.INodeProto, w: DenseTensor & { rows: number; cols: number }, bias: Float64Array) => {
    const expected = pending ? pending.rows : width;
    if (expected !== undefined && w.cols !== expected) {
      throw new TesseraError('shape', `shape mismatch at ${nodeLabel(node)} (${node.opType}): its weight takes ${w.cols} inputs but the tensor it is applied to has ${expected} entries`);
    }
    pending = pending ? composeAffine(w.data, bias, w.rows, w.cols, pending) : { rows: w.rows, cols: w.cols, weight: w.data, bias };
    width = w.rows;
  };

  for (;;) {
    const next = users.get(current) ?? [];
    if (next.length === 0) {
      if (current !== outputName) throw new TesseraError('format', `ONNX graph: the chain stops at '${current}', which is not the graph output '${outputName}'`);
      break;
    }
    if (next.length > 1 || current === outputName) {
      throw new TesseraError('unsupported', `ONNX graph branches at '${current}' (used by ${next.map(nodeLabel).join(', ')}); tessera reads a single chain of layers`);
    }
    const node = next[0];
    if (visited.has(node)) throw new TesseraError('format', `ONNX graph has a cycle through ${nodeLabel(node)}`);
    visited.add(node);
    const op = node.opType as string;
    const ins = node.input ?? [];
    switch (op) {
      case 'Relu':
        if (pending) {
          layers.push(toSpec(pending));
          pending = null;
        } else if (!afterRelu) {
          throw new TesseraError('unsupported', `${nodeLabel(node)}: Relu applied to the network input; tessera's networks start with an affine layer`);
        }
        afterRelu = true; // Relu(Relu(x)) = Relu(x)
        break;
      case 'Identity':
        break;
      case 'Transpose': // of the data, not of a weight (those are folded above)
        throw new TesseraError('unsupported', `unsupported ONNX operator 'Transpose' on the data (${nodeLabel(node)}); tessera reads MLPs: ${ACCEPTED}`);
      case 'Flatten': {
        const axis = intAttribute(node, 'axis', 1);
        if (axis !== 1) throw new TesseraError('unsupported', `${nodeLabel(node)}: Flatten with axis=${axis}; tessera reads Flatten(axis=1) before the first layer`);
        break;
      }
      case 'Gemm': {
        if (ins[0] !== current) throw new TesseraError('unsupported', `${nodeLabel(node)}: Gemm with the data as its second operand`);
        if (intAttribute(node, 'transA', 0) !== 0) throw new TesseraError('unsupported', `${nodeLabel(node)}: Gemm with transA=1 (transposed data)`);
        const alpha = floatAttribute(node, 'alpha', 1);
        const beta = floatAttribute(node, 'beta', 1);
        // Y = alpha·A·B' + beta·C with B' = B (in × out) or Bᵀ when transB = 1 (PyTorch: B is out × in).
        const w = weightMatrix(constant(ins[1], node), intAttribute(node, 'transB', 0) === 1, node);
        if (alpha !== 1) for (let k = 0; k < w.data.length; k++) w.data[k] *= alpha;
        const bias = ins.length > 2 && ins[2] !== '' ? biasVector(constant(ins[2], node), w.rows, node, beta) : new Float64Array(w.rows);
        compose(node, w, bias);
        break;
      }
      case 'MatMul': {
        if (ins[0] !== current) throw new TesseraError('unsupported', `${nodeLabel(node)}: MatMul with the weight as its first operand`);
        const w = weightMatrix(constant(ins[1], node), false, node);
        compose(node, w, new Float64Array(w.rows));
        break;
      }
      case 'Add': {
        const other = ins[0] === current ? ins[1] : ins[0];
        if (ins.length !== 2 || (ins[0] !== current && ins[1] !== current)) throw new TesseraError('format', `${nodeLabel(node)}: Add needs two inputs`);
        if (!pending) {
          if (width === undefined) throw new TesseraError('unsupported', `${nodeLabel(node)}: Add with no affine layer before it and an input of unknown width`);
          pending = identity(width);
        }
        const p = pending as Pending;
        const c = biasVector(constant(other, node), p.rows, node, 1);
        for (let o = 0; o < p.rows; o++) p.bias[o] += c[o];
        break;
      }
    }
    if (op !== 'Relu') afterRelu = afterRelu && (op === 'Identity' || op === 'Flatten');
    current = node.output?.[0] ?? '';
  }

  for (const node of nodes) {
    if (node.opType !== 'Constant' && !transposes.has(node.output?.[0] ?? '') && !visited.has(node)) {
      throw new TesseraError('unsupported', `${nodeLabel(node)} (${node.opType}) is not on the chain from '${inputName}' to '${outputName}'; tessera reads a single chain of layers`);
    }
  }
  if (!pending) {
    if (layers.length === 0) throw new TesseraError('format', 'ONNX graph has no affine layer (Gemm or MatMul)');
    throw new TesseraError('unsupported', "ONNX graph ends with a Relu after its last affine layer; tessera's networks have an affine output (export the model without the final ReLU)");
  }
  layers.push(toSpec(pending));
  const net = createNetwork(layers);
  if (declaredWidth !== undefined && declaredWidth !== net.inputDim) {
    throw new TesseraError('shape', `shape mismatch: the graph input '${inputName}' has ${declaredWidth} entries but the first layer takes ${net.inputDim}`);
  }
  return net;
}

/** A Transpose node applied to a constant matrix (perm [1, 0], the default for 2-D). */
function transposeConstant(t: DenseTensor, node: onnx.INodeProto): DenseTensor {
  const perm = (node.attribute ?? []).find((a) => a.name === 'perm')?.ints?.map((v) => toInt(v as IntLike));
  if (t.shape.length !== 2 || (perm && !(perm.length === 2 && perm[0] === 1 && perm[1] === 0))) {
    throw new TesseraError('unsupported', `${nodeLabel(node)}: Transpose of a tensor of shape [${t.shape.join(', ')}]${perm ? ` with perm [${perm.join(', ')}]` : ''}; tessera folds only 2-D weight transposes`);
  }
  const [rows, cols] = t.shape;
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[c * rows + r] = t.data[r * cols + c];
  return { shape: [cols, rows], data };
}

/** Width of the data input: product of the non-batch dimensions when all are known. */
function inputWidth(input: onnx.IValueInfoProto): number | undefined {
  const dims = input.type?.tensorType?.shape?.dim;
  if (!dims || dims.length === 0) return undefined;
  const rest = dims.length === 1 ? dims : dims.slice(1);
  let w = 1;
  for (const d of rest) {
    if (d.dimValue == null || d.dimParam) return undefined;
    const v = toInt(d.dimValue as IntLike);
    if (v <= 0) return undefined;
    w *= v;
  }
  return w;
}

/** A weight as tessera's out × in: from B (in × out) or, with `transposed`, from Bᵀ (out × in). Copies. */
function weightMatrix(t: DenseTensor, transposed: boolean, node: onnx.INodeProto): DenseTensor & { rows: number; cols: number } {
  if (t.shape.length !== 2) throw new TesseraError('shape', `${nodeLabel(node)} (${node.opType}): weight has shape [${t.shape.join(', ')}], expected a matrix`);
  if (transposed) return { shape: t.shape, data: Float64Array.from(t.data), rows: t.shape[0], cols: t.shape[1] };
  const [inDim, outDim] = t.shape;
  const data = new Float64Array(inDim * outDim);
  for (let i = 0; i < inDim; i++) for (let o = 0; o < outDim; o++) data[o * inDim + i] = t.data[i * outDim + o];
  return { shape: [outDim, inDim], data, rows: outDim, cols: inDim };
}

/** A bias of `rows` entries, scaled by `scale`; a single value broadcasts (ONNX multidirectional broadcasting). */
function biasVector(t: DenseTensor, rows: number, node: onnx.INodeProto, scale: number): Float64Array {
  const n = t.data.length;
  const vectorShape = t.shape.filter((d) => d !== 1).length <= 1;
  if (!vectorShape || (n !== rows && n !== 1)) {
    throw new TesseraError('shape', `shape mismatch at ${nodeLabel(node)} (${node.opType}): bias has shape [${t.shape.join(', ')}] but the layer has ${rows} outputs`);
  }
  const out = new Float64Array(rows);
  for (let o = 0; o < rows; o++) out[o] = scale * t.data[n === 1 ? 0 : o];
  return out;
}

function identity(n: number): Pending {
  return { rows: n, cols: n, weight: null, bias: new Float64Array(n) };
}

/** (W, b) ∘ (P, q): x ↦ W(P x + q) + b. */
function composeAffine(w: Float64Array, b: Float64Array, rows: number, k: number, p: Pending): Pending {
  const n = p.cols;
  const bias = Float64Array.from(b);
  for (let o = 0; o < rows; o++) for (let j = 0; j < k; j++) bias[o] += w[o * k + j] * p.bias[j];
  if (!p.weight) return { rows, cols: n, weight: w, bias };
  const weight = new Float64Array(rows * n);
  for (let o = 0; o < rows; o++) {
    for (let j = 0; j < k; j++) {
      const wj = w[o * k + j];
      if (wj === 0) continue;
      for (let i = 0; i < n; i++) weight[o * n + i] += wj * p.weight[j * n + i];
    }
  }
  return { rows, cols: n, weight, bias };
}

function toSpec(p: Pending): LayerSpec {
  if (!p.weight) return { weight: identityMatrix(p.rows), bias: p.bias, outDim: p.rows, inDim: p.cols };
  return { weight: p.weight, bias: p.bias, outDim: p.rows, inDim: p.cols };
}

function identityMatrix(n: number): Float64Array {
  if (n > 4096) throw new TesseraError('unsupported', `a bias Add on the ${n}-wide input with no weight after it would need a ${n}×${n} identity layer`);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}
