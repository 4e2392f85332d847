/** The ONNX loader on graphs shaped like torch.onnx.export's, across opsets and storage variants. */
import { describe, expect, it } from 'vitest';
import { TesseraError, createNetwork, evaluate, networkToONNX, parseONNX, type Network } from '../../src/index.js';
import { DOUBLE, FLOAT16, model, node, rawFloat, transposeFlat, valueInfo } from './onnxModels.js';

// F(x) = [1 −1] relu([[1, 2], [−1, 0.5], [0.25, −3]] x + [0.5, −1, 0]) + 0.125 — weights exact in float32.
const W1 = [[1, 2], [-1, 0.5], [0.25, -3]];
const B1 = [0.5, -1, 0];
const W2 = [[1, -1, 2]];
const B2 = [0.125];
const expected = createNetwork([{ weight: W1, bias: B1 }, { weight: W2, bias: B2 }]);

function expectSame(net: Network, ref: Network = expected): void {
  expect(net.layers.length).toBe(ref.layers.length);
  ref.layers.forEach((l, i) => {
    expect(Array.from(net.layers[i].weight)).toEqual(Array.from(l.weight));
    expect(Array.from(net.layers[i].bias)).toEqual(Array.from(l.bias));
  });
}

/** The Sequential(Linear(2,3), ReLU, Linear(3,1)) graph PyTorch writes at `opset`, with its quirks. */
function torchGemm(opset: number, initializersAsInputs = false): Uint8Array {
  const inits = [rawFloat('0.weight', [3, 2], W1.flat()), rawFloat('0.bias', [3], B1), rawFloat('2.weight', [1, 3], W2.flat()), rawFloat('2.bias', [1], B2)];
  const input = [valueInfo('input.1', ['batch', 2]), ...(initializersAsInputs ? inits.map((t) => valueInfo(t.name as string, t.dims as number[])) : [])];
  return model(
    [
      node('Gemm', ['input.1', '0.weight', '0.bias'], ['/0/Gemm_output_0'], { alpha: 1, beta: 1, transB: 1 }, '/0/Gemm'),
      node('Relu', ['/0/Gemm_output_0'], ['/1/Relu_output_0'], {}, '/1/Relu'),
      node('Gemm', ['/1/Relu_output_0', '2.weight', '2.bias'], ['7'], { alpha: 1, beta: 1, transB: 1 }, '/2/Gemm'),
    ],
    inits,
    input,
    [valueInfo('7', ['batch', 1])],
    opset,
  );
}

describe('ONNX graphs as PyTorch writes them', () => {
  it.each([9, 11, 13, 17, 20])('Gemm chain at opset %i', (opset) => {
    expectSame(parseONNX(torchGemm(opset)));
  });

  it('old exports that list initializers among the graph inputs', () => {
    expectSame(parseONNX(torchGemm(9, true)));
  });

  it('Gemm with transB=0, alpha and beta', () => {
    // Y = 2·X·B + 0.5·C with B = W1ᵀ/2 and C = 2·b1 gives the same layer.
    const bytes = model(
      [
        node('Gemm', ['x', 'B', 'C'], ['h'], { alpha: 2, beta: 0.5, transB: 0 }),
        node('Relu', ['h'], ['r']),
        node('Gemm', ['r', 'W2', 'b2'], ['y'], { transB: 1 }),
      ],
      [
        rawFloat('B', [2, 3], transposeFlat(W1).map((v) => v / 2)),
        rawFloat('C', [3], B1.map((v) => 2 * v)),
        rawFloat('W2', [1, 3], W2.flat()),
        rawFloat('b2', [1], B2),
      ],
      [valueInfo('x', [1, 2])],
      [valueInfo('y', [1, 1])],
    );
    expectSame(parseONNX(bytes));
  });

  it('MatMul + Add, with the bias on either side', () => {
    const mm = (biasFirst: boolean) =>
      model(
        [
          node('MatMul', ['x', 'W1t'], ['m1']),
          node('Add', biasFirst ? ['b1', 'm1'] : ['m1', 'b1'], ['a1']),
          node('Relu', ['a1'], ['r1']),
          node('MatMul', ['r1', 'W2t'], ['m2']),
          node('Add', biasFirst ? ['b2', 'm2'] : ['m2', 'b2'], ['y']),
        ],
        [rawFloat('W1t', [2, 3], transposeFlat(W1)), rawFloat('b1', [3], B1), rawFloat('W2t', [3, 1], transposeFlat(W2)), rawFloat('b2', [1], B2)],
        [valueInfo('x', [2])],
        [valueInfo('y', [1])],
      );
    expectSame(parseONNX(mm(true)));
    expectSame(parseONNX(mm(false)));
    expectSame(parseONNX(networkToONNX(expected, { style: 'matmul' })));
  });

  it('weights in Constant nodes, and Flatten / Identity in the chain', () => {
    expectSame(parseONNX(networkToONNX(expected, { constants: true })));
    expectSame(parseONNX(networkToONNX(expected, { style: 'matmul', constants: true })));
    const bytes = model(
      [
        { name: 'c', opType: 'Constant', input: [], output: ['W'], attribute: [{ name: 'value', type: 4, t: rawFloat('', [3, 2], W1.flat()) }] },
        { name: 'cb', opType: 'Constant', input: [], output: ['b'], attribute: [{ name: 'value_floats', type: 6, floats: B1 }] },
        node('Flatten', ['x'], ['f'], { axis: 1 }),
        node('Gemm', ['f', 'W', 'b'], ['h'], { transB: 1 }),
        node('Identity', ['h'], ['i']),
        node('Relu', ['i'], ['r']),
        node('Relu', ['r'], ['rr']), // relu(relu(x)) = relu(x)
        node('Gemm', ['rr', 'W2', 'b2'], ['y'], { transB: 1 }),
      ],
      [rawFloat('W2', [1, 3], W2.flat()), rawFloat('b2', [1], B2)],
      [valueInfo('x', [1, 1, 2])],
      [valueInfo('y', [1, 1])],
    );
    expectSame(parseONNX(bytes));
  });

  it('folds Transpose of a weight (the dynamo exporter: Transpose, MatMul, Add)', () => {
    const bytes = model(
      [
        node('Transpose', ['fc1.weight'], ['t1'], {}, 'node_t'),
        node('MatMul', ['x', 't1'], ['m1']),
        node('Add', ['m1', 'fc1.bias'], ['a1']),
        node('Relu', ['a1'], ['r1']),
        { ...node('Transpose', ['fc2.weight'], ['t2'], {}, 'node_t2'), attribute: [{ name: 'perm', type: 7, ints: [1, 0] }] },
        node('MatMul', ['r1', 't2'], ['m2']),
        node('Add', ['m2', 'fc2.bias'], ['y']),
      ],
      [rawFloat('fc1.weight', [3, 2], W1.flat()), rawFloat('fc1.bias', [3], B1), rawFloat('fc2.weight', [1, 3], W2.flat()), rawFloat('fc2.bias', [1], B2)],
      [valueInfo('x', ['s0', 2])],
      [valueInfo('y', ['s0', 1])],
      18,
    );
    expectSame(parseONNX(bytes));
  });

  it('reads float_data, double_data and FLOAT16 (raw and int32_data)', () => {
    const variants = [
      { name: '0.weight', dims: [3, 2], dataType: 1, floatData: W1.flat() },
      { name: '0.weight', dims: [3, 2], dataType: DOUBLE, doubleData: W1.flat() },
      { name: '0.weight', dims: [3, 2], dataType: DOUBLE, rawData: new Uint8Array(Float64Array.from(W1.flat()).buffer) },
      // half bits of 1, 2, −1, 0.5, 0.25, −3
      { name: '0.weight', dims: [3, 2], dataType: FLOAT16, int32Data: [0x3c00, 0x4000, 0xbc00, 0x3800, 0x3400, 0xc200] },
      { name: '0.weight', dims: [3, 2], dataType: FLOAT16, rawData: new Uint8Array(Uint16Array.of(0x3c00, 0x4000, 0xbc00, 0x3800, 0x3400, 0xc200).buffer) },
    ];
    for (const w of variants) {
      const bytes = model(
        [node('Gemm', ['x', '0.weight', '0.bias'], ['h'], { transB: 1 }), node('Relu', ['h'], ['r']), node('Gemm', ['r', '2.weight', '2.bias'], ['y'], { transB: 1 })],
        [w, rawFloat('0.bias', [3], B1), rawFloat('2.weight', [1, 3], W2.flat()), rawFloat('2.bias', [1], B2)],
        [valueInfo('x', [1, 2])],
        [valueInfo('y', [1, 1])],
      );
      expectSame(parseONNX(bytes));
    }
  });

  it('composes consecutive affine operators exactly when no Relu sits between them', () => {
    // Gemm(W1) → Gemm(A) with no Relu: one layer A·W1, A·b1 + a. With small integers this is exact.
    const A = [[1, 0, 2], [0, -1, 1]];
    const bytes = model(
      [
        node('Gemm', ['x', 'W1', 'b1'], ['h'], { transB: 1 }),
        node('Gemm', ['h', 'A', 'a'], ['g'], { transB: 1 }),
        node('Relu', ['g'], ['r']),
        node('MatMul', ['r', 'V'], ['y']),
      ],
      [rawFloat('W1', [3, 2], W1.flat()), rawFloat('b1', [3], B1), rawFloat('A', [2, 3], A.flat()), rawFloat('a', [2], [1, -1]), rawFloat('V', [2, 1], [1, 1])],
      [valueInfo('x', [1, 2])],
      [valueInfo('y', [1, 1])],
    );
    const net = parseONNX(bytes);
    expect(net.layers.map((l) => [l.outDim, l.inDim])).toEqual([[2, 2], [1, 2]]);
    // A·W1 = [[1.5, −4], [1.25, −3.5]], A·b1 + a = [0.5 + 1, 1 − 1] = [1.5, 0].
    expect(Array.from(net.layers[0].weight)).toEqual([1.5, -4, 1.25, -3.5]);
    expect(Array.from(net.layers[0].bias)).toEqual([1.5, 0]);
    for (const x of [[0.3, -0.7], [1, 1], [-2, 0.5]]) {
      const h = W1.map((r, o) => r[0] * x[0] + r[1] * x[1] + B1[o]);
      const g = A.map((r, o) => Math.max(0, r[0] * h[0] + r[1] * h[1] + r[2] * h[2] + [1, -1][o]));
      expect(evaluate(net, x)[0]).toBeCloseTo(g[0] + g[1], 12);
    }
  });
});

describe('ONNX refusals', () => {
  const message = (bytes: Uint8Array): string => {
    try {
      parseONNX(bytes);
    } catch (err) {
      expect(err).toBeInstanceOf(TesseraError);
      return (err as Error).message;
    }
    throw new Error('expected a refusal');
  };
  const inits = [rawFloat('W1', [3, 2], W1.flat()), rawFloat('b1', [3], B1), rawFloat('W2', [1, 3], W2.flat()), rawFloat('b2', [1], B2)];
  const io = (inputWidth = 2): [ReturnType<typeof valueInfo>[], ReturnType<typeof valueInfo>[]] => [[valueInfo('x', [1, inputWidth])], [valueInfo('y', [1, 1])]];

  it('names an unsupported operator and its node', () => {
    const sigmoid = model(
      [node('Gemm', ['x', 'W1', 'b1'], ['h'], { transB: 1 }), node('Sigmoid', ['h'], ['s'], {}, 'act1'), node('Gemm', ['s', 'W2', 'b2'], ['y'], { transB: 1 })],
      inits,
      ...io(),
    );
    expect(message(sigmoid)).toBe("unsupported ONNX operator 'Sigmoid' (node 'act1'); tessera reads MLPs: Gemm, MatMul+Add, Relu, Flatten, Identity");
    const conv = model([node('Conv', ['x', 'W1'], ['y'], {}, 'conv1')], inits, ...io());
    expect(message(conv)).toMatch(/^unsupported ONNX operator 'Conv' \(node 'conv1'\)/);
    const transposeData = model([node('Transpose', ['x'], ['t'], {}, 'tx'), node('Gemm', ['t', 'W1', 'b1'], ['y'], { transB: 1 })], inits, ...io());
    expect(message(transposeData)).toMatch(/^unsupported ONNX operator 'Transpose' on the data \(node 'tx'\)/);
    const custom = model([{ ...node('Relu', ['x'], ['y'], {}, 'r'), domain: 'com.microsoft' }], inits, ...io());
    expect(message(custom)).toMatch(/unsupported ONNX operator 'com.microsoft.Relu'/);
  });

  it('refuses a Relu after the last layer and a Relu on the input', () => {
    const last = model(
      [node('Gemm', ['x', 'W1', 'b1'], ['h'], { transB: 1 }), node('Relu', ['h'], ['r']), node('Gemm', ['r', 'W2', 'b2'], ['z'], { transB: 1 }), node('Relu', ['z'], ['y'])],
      inits,
      ...io(),
    );
    expect(message(last)).toMatch(/ends with a Relu after its last affine layer/);
    const first = model([node('Relu', ['x'], ['r']), node('Gemm', ['r', 'W1', 'b1'], ['y'], { transB: 1 })], inits, ...io());
    expect(message(first)).toMatch(/Relu applied to the network input/);
  });

  it('refuses shape mismatches, branches and other structures', () => {
    const gemms = [node('Gemm', ['x', 'W1', 'b1'], ['h'], { transB: 1 }), node('Relu', ['h'], ['r']), node('Gemm', ['r', 'W2', 'b2'], ['y'], { transB: 1 })];
    expect(message(model(gemms, inits, ...io(5)))).toMatch(/shape mismatch at node '\/Gemm_h' \(Gemm\): its weight takes 2 inputs but the tensor it is applied to has 5 entries/);
    const badBias = [rawFloat('W1', [3, 2], W1.flat()), rawFloat('b1', [2], [0, 0]), inits[2], inits[3]];
    expect(message(model(gemms, badBias, ...io()))).toMatch(/bias has shape \[2\] but the layer has 3 outputs/);
    const badW2 = [inits[0], inits[1], rawFloat('W2', [1, 4], [1, 2, 3, 4]), inits[3]];
    expect(message(model(gemms, badW2, ...io()))).toMatch(/takes 4 inputs but the tensor it is applied to has 3 entries/);
    const branch = model([...gemms, node('Relu', ['h'], ['side'])], inits, ...io());
    expect(message(branch)).toMatch(/branches at 'h'/);
    const twoInputs = model(gemms, inits, [valueInfo('x', [1, 2]), valueInfo('x2', [1, 2])], [valueInfo('y', [1, 1])]);
    expect(message(twoInputs)).toMatch(/2 data inputs/);
    const flatten = model([node('Flatten', ['x'], ['f'], { axis: 2 }), ...gemms.map((n, i) => (i === 0 ? { ...n, input: ['f', 'W1', 'b1'] } : n))], inits, ...io());
    expect(message(flatten)).toMatch(/Flatten with axis=2/);
    const external = model(gemms, [{ name: 'W1', dims: [3, 2], dataType: 1, dataLocation: 1 }, ...inits.slice(1)], ...io());
    expect(message(external)).toMatch(/external data file/);
    const int8 = model(gemms, [{ name: 'W1', dims: [3, 2], dataType: 3, rawData: new Uint8Array(6) }, ...inits.slice(1)], ...io());
    expect(message(int8)).toMatch(/element type INT8/);
    const nan = model(gemms, [rawFloat('W1', [3, 2], [1, NaN, 0, 0, 0, 0]), ...inits.slice(1)], ...io());
    expect(message(nan)).toMatch(/weight\[0\]\[1\] is not a finite number/);
    const data = model(gemms.slice(0, 1), inits, ...io());
    expect(message(data)).toMatch(/chain stops at 'h', which is not the graph output 'y'/);
    const cycle = model([node('Gemm', ['x', 'W1', 'b1'], ['h'], { transB: 1 }), node('Identity', ['h'], ['x'], {}, 'loop')], inits, ...io());
    expect(message(cycle)).toMatch(/cycle/);
    expect(message(new TextEncoder().encode('definitely not protobuf'))).toMatch(/not a valid ONNX model/);
  });
});
