/**
 * The JSON network format of DESIGN.md:
 *   {"format": "relu-mlp", "layers": [{"weight": [[…], …], "bias": […]}, …]}
 * "format" may be omitted; any other value is refused.
 */
import { TesseraError } from '../../numeric/errors.js';
import { createNetwork, type LayerSpec, type Network } from '../network.js';

export function parseNetworkJSON(text: string): Network {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new TesseraError('format', `malformed JSON: ${(err as Error).message}`);
  }
  return networkFromObject(doc);
}

export function networkFromObject(doc: unknown): Network {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new TesseraError('format', 'expected a JSON object with "layers"');
  const obj = doc as { format?: unknown; layers?: unknown };
  if (obj.format !== undefined && obj.format !== 'relu-mlp') {
    throw new TesseraError('format', `unknown network format "${String(obj.format)}" (expected "relu-mlp")`);
  }
  if (!Array.isArray(obj.layers)) throw new TesseraError('format', 'missing "layers" array');
  const specs = obj.layers.map((layer: unknown, i: number): LayerSpec => {
    if (!layer || typeof layer !== 'object') throw new TesseraError('format', `layer ${i} is not an object`);
    const { weight, bias } = layer as { weight?: unknown; bias?: unknown };
    if (!Array.isArray(weight) || weight.length === 0) throw new TesseraError('format', `layer ${i}: "weight" must be a non-empty array of rows`);
    if (!weight.every((r) => Array.isArray(r))) throw new TesseraError('format', `layer ${i}: "weight" must be an array of rows (out × in)`);
    if (bias !== undefined && !Array.isArray(bias)) throw new TesseraError('format', `layer ${i}: "bias" must be an array`);
    for (const row of weight as unknown[][]) for (const v of row) if (typeof v !== 'number') throw new TesseraError('input', `layer ${i}: weight entry ${JSON.stringify(v)} is not a finite number`);
    if (bias) for (const v of bias as unknown[]) if (typeof v !== 'number') throw new TesseraError('input', `layer ${i}: bias entry ${JSON.stringify(v)} is not a finite number`);
    return { weight: weight as number[][], bias: bias as number[] | undefined };
  });
  return createNetwork(specs);
}
