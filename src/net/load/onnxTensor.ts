/**
 * ONNX tensors and attributes → plain numbers. A TensorProto keeps its values either in `raw_data`
 * (little-endian bytes) or in a typed repeated field: float_data (FLOAT; also FLOAT16/BFLOAT16 bits
 * go to int32_data), double_data, int32_data, int64_data (onnx.proto3, message TensorProto).
 */
import type { onnx } from 'onnx-proto';
import { TesseraError } from '../../numeric/errors.js';
import { decodeElements, halfToNumber, bfloat16ToNumber, shapeSize, type ElementType } from './dtypes.js';

export interface DenseTensor {
  readonly shape: number[];
  readonly data: Float64Array;
}

/** protobufjs gives int64 fields as numbers or Long objects. */
export type IntLike = number | { toNumber(): number };

export function toInt(v: IntLike | null | undefined, fallback = 0): number {
  if (v == null) return fallback;
  return typeof v === 'number' ? v : v.toNumber();
}

// onnx.TensorProto.DataType
const FLOAT = 1;
const INT32 = 6;
const INT64 = 7;
const FLOAT16 = 10;
const DOUBLE = 11;
const BFLOAT16 = 16;
const TYPE_OF: Record<number, ElementType> = { [FLOAT]: 'f32', [INT32]: 'i32', [INT64]: 'i64', [FLOAT16]: 'f16', [DOUBLE]: 'f64', [BFLOAT16]: 'bf16' };
const TYPE_NAMES = ['UNDEFINED', 'FLOAT', 'UINT8', 'INT8', 'UINT16', 'INT16', 'INT32', 'INT64', 'STRING', 'BOOL', 'FLOAT16', 'DOUBLE', 'UINT32', 'UINT64', 'COMPLEX64', 'COMPLEX128', 'BFLOAT16'];

/** Decode a TensorProto's values (row-major) and shape. */
export function tensorValues(t: onnx.ITensorProto, what: string): DenseTensor {
  const shape = (t.dims ?? []).map((d) => toInt(d as IntLike));
  if (t.dataLocation === 1) {
    throw new TesseraError('unsupported', `${what} is stored in an external data file; re-export with the weights inside the model (save_as_external_data=False)`);
  }
  const dataType = t.dataType ?? 0;
  const type = TYPE_OF[dataType];
  if (!type) throw new TesseraError('unsupported', `${what} has element type ${TYPE_NAMES[dataType] ?? dataType}; tessera reads FLOAT, DOUBLE, FLOAT16 and BFLOAT16`);
  const count = shapeSize(shape);
  if (t.rawData && t.rawData.length > 0) {
    return { shape, data: decodeElements(t.rawData, 0, count, type, what) };
  }
  let values: ArrayLike<number>;
  switch (dataType) {
    case FLOAT:
      values = t.floatData ?? [];
      break;
    case DOUBLE:
      values = t.doubleData ?? [];
      break;
    case FLOAT16:
      values = (t.int32Data ?? []).map(halfToNumber);
      break;
    case BFLOAT16:
      values = (t.int32Data ?? []).map(bfloat16ToNumber);
      break;
    case INT32:
      values = t.int32Data ?? [];
      break;
    default:
      values = (t.int64Data ?? []).map((v) => toInt(v as IntLike));
  }
  if (values.length !== count) throw new TesseraError('format', `${what} has ${values.length} values but its shape [${shape.join(', ')}] needs ${count}`);
  return { shape, data: Float64Array.from(values) };
}

/** The tensor a Constant node produces (attribute value, value_float(s) or value_int(s)). */
export function constantValue(node: onnx.INodeProto, what: string): DenseTensor {
  for (const a of node.attribute ?? []) {
    switch (a.name) {
      case 'value':
        if (a.t) return tensorValues(a.t, what);
        break;
      case 'value_float':
        return { shape: [], data: Float64Array.of(a.f ?? 0) };
      case 'value_floats':
        return { shape: [a.floats?.length ?? 0], data: Float64Array.from(a.floats ?? []) };
      case 'value_int':
        return { shape: [], data: Float64Array.of(toInt(a.i as IntLike)) };
      case 'value_ints':
        return { shape: [a.ints?.length ?? 0], data: Float64Array.from((a.ints ?? []).map((v) => toInt(v as IntLike))) };
    }
  }
  throw new TesseraError('unsupported', `${what}: Constant node without a numeric value`);
}

export function intAttribute(node: onnx.INodeProto, name: string, fallback: number): number {
  const a = (node.attribute ?? []).find((x) => x.name === name);
  return a ? toInt(a.i as IntLike, fallback) : fallback;
}

export function floatAttribute(node: onnx.INodeProto, name: string, fallback: number): number {
  const a = (node.attribute ?? []).find((x) => x.name === name);
  return a && a.f != null ? a.f : fallback;
}
