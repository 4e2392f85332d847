/** Hand-built ONNX models for the loader tests: graphs in the shapes torch.onnx.export writes, and odd ones. */
import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';

export const FLOAT = 1;
export const FLOAT16 = 10;
export const DOUBLE = 11;

/** A FLOAT tensor in raw_data (float32 little-endian). */
export function rawFloat(name: string, dims: number[], values: number[]): onnx.ITensorProto {
  return { name, dims, dataType: FLOAT, rawData: new Uint8Array(Float32Array.from(values).buffer) };
}

export function node(opType: string, input: string[], output: string[], attrs: Record<string, number> = {}, name = ''): onnx.INodeProto {
  const attribute = Object.entries(attrs).map(([k, v]) =>
    k === 'alpha' || k === 'beta' ? { name: k, type: 1, f: v } : { name: k, type: 2, i: v },
  );
  return { name: name || `/${opType}_${output[0]}`, opType, input, output, attribute };
}

export function valueInfo(name: string, dims: (number | string)[]): onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

export function model(
  nodes: onnx.INodeProto[],
  initializer: onnx.ITensorProto[],
  input: onnx.IValueInfoProto[],
  output: onnx.IValueInfoProto[],
  opset = 17,
): Uint8Array {
  const m: onnx.IModelProto = {
    irVersion: opset <= 9 ? 4 : 8,
    producerName: 'pytorch',
    opsetImport: [{ domain: '', version: opset }],
    graph: { name: 'main_graph', node: nodes, initializer, input, output },
  };
  return onnxProto.onnx.ModelProto.encode(onnxProto.onnx.ModelProto.create(m)).finish();
}

/** Transpose a row-major rows × cols matrix given as nested rows → flat cols × rows. */
export function transposeFlat(rows: number[][]): number[] {
  const out: number[] = [];
  for (let c = 0; c < rows[0].length; c++) for (const r of rows) out.push(r[c]);
  return out;
}
