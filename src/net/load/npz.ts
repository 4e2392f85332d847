/**
 * .npz networks: a zip of .npy arrays named like a PyTorch state dict, as written by
 *   np.savez("net.npz", **{k: v.numpy() for k, v in model.state_dict().items()})
 * (or np.savez_compressed). Members keep the dict's order, which is the model's.
 */
import { TesseraError } from '../../numeric/errors.js';
import type { Network } from '../network.js';
import { parseNpy, writeNpy } from './npy.js';
import { networkFromStateDict, stateDictFromNetwork, type NamedTensor } from './stateDict.js';
import { readZip, writeZip } from './zip.js';

/** The named arrays of an .npz archive, in archive order. */
export function readNpz(bytes: Uint8Array): NamedTensor[] {
  const entries = readZip(bytes);
  if (entries.some((e) => e.name.endsWith('data.pkl'))) {
    // torch.save writes a zip too (archive/data.pkl + tensor blobs).
    throw new TesseraError('unsupported', 'this zip is a PyTorch checkpoint (torch.save), not an .npz; export the model with np.savez, safetensors or torch.onnx.export (README: "Exporting from PyTorch")');
  }
  return entries.map((entry) => {
    if (!entry.name.endsWith('.npy')) throw new TesseraError('format', `.npz member '${entry.name}' is not a .npy array`);
    const name = entry.name.slice(0, -4);
    const { shape, data } = parseNpy(entry.data, `array '${name}'`);
    return { name, shape, data };
  });
}

export function parseNpz(bytes: Uint8Array): Network {
  return networkFromStateDict(readNpz(bytes), '.npz archive');
}

export interface NpzWriteOptions {
  /** Element type of the arrays: 'f4' (PyTorch's default float32, rounds) or 'f8'. */
  dtype?: 'f2' | 'f4' | 'f8';
  /** Deflate the members, as np.savez_compressed does. */
  compress?: boolean;
  /** Name prefix, e.g. "net." for a Sequential stored as `self.net`. */
  prefix?: string;
}

/** The .npz that np.savez would write for the state dict of `net` as an nn.Sequential. */
export function networkToNpz(net: Network, options: NpzWriteOptions = {}): Uint8Array {
  const entries = stateDictFromNetwork(net, options.prefix).map((t) => ({
    name: `${t.name}.npy`,
    data: writeNpy(t.shape, t.data, options.dtype ?? 'f4'),
  }));
  return writeZip(entries, { deflate: options.compress, zip64Local: true });
}
