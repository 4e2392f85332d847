/**
 * Named tensors → network, the logic shared by the .npz and safetensors loaders. Both hold a PyTorch
 * state dict: `<module>.weight` (out × in) and `<module>.bias` (out) for every nn.Linear.
 *
 * Layer order comes from the module names: `nn.Sequential` names its children 0, 1, 2, … (the ReLU
 * modules have no parameters, hence the gaps: 0, 2, 4), possibly under a prefix (`net.0`,
 * `model.layers.3`); hand-written modules are usually numbered (`fc1`, `fc2`). When every module name
 * carries a number we sort naturally (numbers compared as numbers); otherwise we keep the file's order,
 * and if that order does not chain (each layer's input width = the previous output width) we look for
 * the unique order that does.
 */
import { TesseraError } from '../../numeric/errors.js';
import { createNetwork, type Network } from '../network.js';
import { shapeText } from './dtypes.js';

export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  /** Row-major values. */
  readonly data: Float64Array;
}

interface Module {
  name: string;
  firstSeen: number;
  weight?: NamedTensor;
  bias?: NamedTensor;
}

/** Build a network from a state dict's tensors (in file order). `source` names the container in messages. */
export function networkFromStateDict(tensors: readonly NamedTensor[], source = 'state dict'): Network {
  if (tensors.length === 0) throw new TesseraError('format', `${source} holds no tensors`);
  const modules = groupModules(tensors);
  for (const m of modules) checkModule(m);
  const ordered = orderModules(modules);
  return createNetwork(
    ordered.map((m) => {
      const w = m.weight as NamedTensor;
      return { weight: w.data, bias: m.bias?.data, outDim: w.shape[0], inDim: w.shape[1] };
    }),
  );
}

function groupModules(tensors: readonly NamedTensor[]): Module[] {
  const byName = new Map<string, Module>();
  tensors.forEach((t, index) => {
    const match = /^(?:(.*)\.)?(weight|bias)$/.exec(t.name);
    if (!match) {
      throw new TesseraError(
        'unsupported',
        `tensor '${t.name}' is not a Linear weight or bias; tessera reads MLP state dicts (<module>.weight, <module>.bias)`,
      );
    }
    const moduleName = match[1] ?? '';
    let m = byName.get(moduleName);
    if (!m) byName.set(moduleName, (m = { name: moduleName, firstSeen: index }));
    const kind = match[2] as 'weight' | 'bias';
    if (m[kind]) throw new TesseraError('format', `tensor '${t.name}' appears twice`);
    m[kind] = t;
  });
  return [...byName.values()];
}

function checkModule(m: Module): void {
  const label = m.name === '' ? '' : `${m.name}.`;
  if (!m.weight) throw new TesseraError('format', `'${label}bias' has no matching '${label}weight'`);
  const w = m.weight;
  if (w.shape.length !== 2) {
    throw new TesseraError(
      'shape',
      `tensor '${w.name}' has shape ${shapeText(w.shape)}; a Linear weight is 2-D (out × in)` +
        (w.shape.length === 1 ? ' — a 1-D weight belongs to a normalization layer, which tessera does not read' : ''),
    );
  }
  if (w.shape[0] === 0 || w.shape[1] === 0) throw new TesseraError('shape', `tensor '${w.name}' is empty (shape ${shapeText(w.shape)})`);
  checkFinite(w);
  if (m.bias) {
    const b = m.bias;
    if (b.shape.length !== 1 || b.shape[0] !== w.shape[0]) {
      throw new TesseraError('shape', `tensor '${b.name}' has shape ${shapeText(b.shape)} but '${w.name}' has ${w.shape[0]} rows: expected [${w.shape[0]}]`);
    }
    checkFinite(b);
  }
}

function checkFinite(t: NamedTensor): void {
  for (let k = 0; k < t.data.length; k++) {
    if (!Number.isFinite(t.data[k])) {
      const where = t.shape.length === 2 ? `[${Math.floor(k / t.shape[1])}][${k % t.shape[1]}]` : `[${k}]`;
      throw new TesseraError('input', `tensor '${t.name}'${where} is ${t.data[k]}, not a finite number`);
    }
  }
}

/** Split a name into text and number runs: "fc10" → ["fc", 10]; "layers.3.lin" → ["layers.", 3, ".lin"]. */
function naturalKey(name: string): (string | number)[] {
  return (name.match(/\d+|\D+/g) ?? []).map((part) => (/^\d/.test(part) ? Number(part) : part));
}

function compareNatural(a: string, b: string): number {
  const ka = naturalKey(a);
  const kb = naturalKey(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const x = ka[i];
    const y = kb[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return ka.length - kb.length;
}

const outOf = (m: Module) => (m.weight as NamedTensor).shape[0];
const inOf = (m: Module) => (m.weight as NamedTensor).shape[1];

function chains(order: readonly Module[]): boolean {
  for (let l = 1; l < order.length; l++) if (inOf(order[l]) !== outOf(order[l - 1])) return false;
  return true;
}

function orderModules(modules: Module[]): Module[] {
  if (modules.length === 1) return modules;
  const numbered = modules.every((m) => /\d/.test(m.name));
  const order = numbered ? [...modules].sort((a, b) => compareNatural(a.name, b.name)) : [...modules].sort((a, b) => a.firstSeen - b.firstSeen);
  if (chains(order)) return order;
  if (numbered) throw mismatch(order);
  // Unnumbered names in an order that does not chain (safetensors sorts its tensors by name, not by
  // model order): accept the order the widths force, when exactly one exists.
  // The search is exponential (at most 8! orders here); unnumbered modules are few in practice.
  const found = modules.length <= 8 ? chainOrders(modules, 2) : [order, order];
  if (found.length === 1) return found[0];
  if (found.length === 0) throw mismatch(order);
  throw new TesseraError(
    'format',
    `cannot tell the layer order of modules ${modules.map((m) => `'${m.name}'`).join(', ')}: number them (fc1, fc2, …) or save an nn.Sequential`,
  );
}

function mismatch(order: readonly Module[]): TesseraError {
  for (let l = 1; l < order.length; l++) {
    if (inOf(order[l]) !== outOf(order[l - 1])) {
      const w = order[l].weight as NamedTensor;
      const prev = order[l - 1].weight as NamedTensor;
      return new TesseraError(
        'shape',
        `shape mismatch: '${w.name}' ${shapeText(w.shape)} takes ${inOf(order[l])} inputs but the layer before it, '${prev.name}' ${shapeText(prev.shape)}, gives ${outOf(order[l - 1])} outputs`,
      );
    }
  }
  return new TesseraError('shape', 'the layers do not chain');
}

/** Up to `limit` orders of all modules in which widths chain (depth-first; layer counts are small). */
function chainOrders(modules: readonly Module[], limit: number): Module[][] {
  const found: Module[][] = [];
  const used = new Array<boolean>(modules.length).fill(false);
  const path: Module[] = [];
  const visit = (): void => {
    if (found.length >= limit) return;
    if (path.length === modules.length) {
      found.push([...path]);
      return;
    }
    for (let i = 0; i < modules.length; i++) {
      if (used[i] || (path.length > 0 && inOf(modules[i]) !== outOf(path[path.length - 1]))) continue;
      used[i] = true;
      path.push(modules[i]);
      visit();
      path.pop();
      used[i] = false;
    }
  };
  visit();
  return found;
}

/**
 * The state dict of the `nn.Sequential(Linear, ReLU, Linear, …)` computing `net`: names 0, 2, 4, …
 * (ReLU modules at the odd indices), under `prefix` (e.g. "net.").
 */
export function stateDictFromNetwork(net: Network, prefix = ''): NamedTensor[] {
  const out: NamedTensor[] = [];
  net.layers.forEach((l, i) => {
    out.push({ name: `${prefix}${2 * i}.weight`, shape: [l.outDim, l.inDim], data: l.weight });
    out.push({ name: `${prefix}${2 * i}.bias`, shape: [l.outDim], data: l.bias });
  });
  return out;
}
