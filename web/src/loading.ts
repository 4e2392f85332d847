/**
 * Where networks come from: the examples the server lists (`/api/examples`), the network given to
 * `tessera explore NET` (`/api/network`), or a file the user drops. Bytes are parsed by the library's
 * browser-safe entry point, parseNetwork.
 */
import { detectFormat, parseNetwork } from '../../src/net/load/index.js';
import type { Network } from '../../src/net/network.js';

export interface ExampleEntry {
  /** File name under examples/. */
  file: string;
  architecture: number[];
}

export interface LoadedNetwork {
  net: Network;
  name: string;
}

export function parseBytes(name: string, bytes: Uint8Array): Network {
  return parseNetwork(bytes, detectFormat(name, bytes));
}

export async function fetchExamples(): Promise<ExampleEntry[]> {
  try {
    const res = await fetch('api/examples');
    if (!res.ok) return [];
    return (await res.json()) as ExampleEntry[];
  } catch {
    return [];
  }
}

export async function fetchExample(file: string): Promise<LoadedNetwork> {
  const res = await fetch(`api/examples/${encodeURIComponent(file)}`);
  if (!res.ok) throw new Error(`${file}: ${res.status} ${res.statusText}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { net: parseBytes(file, bytes), name: file };
}

/** The network passed on the command line, if any. */
export async function fetchCommandLineNetwork(): Promise<LoadedNetwork | null> {
  try {
    const res = await fetch('api/network');
    if (res.status !== 200) return null;
    const name = decodeURIComponent(res.headers.get('x-tessera-name') ?? 'network');
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { net: parseBytes(name, bytes), name };
  } catch {
    return null;
  }
}

export async function readDroppedFile(file: File): Promise<LoadedNetwork> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { net: parseBytes(file.name, bytes), name: file.name };
}

export interface SliceEntry {
  file: string;
  dim: number;
}

export async function fetchSlices(): Promise<SliceEntry[]> {
  try {
    const res = await fetch('api/slices');
    return res.ok ? ((await res.json()) as SliceEntry[]) : [];
  } catch {
    return [];
  }
}

export async function fetchSlice(file: string): Promise<number[][]> {
  const res = await fetch(`api/slices/${encodeURIComponent(file)}`);
  if (!res.ok) throw new Error(`${file}: ${res.status} ${res.statusText}`);
  return ((await res.json()) as { points: number[][] }).points;
}

/** The slice given with `tessera explore NET --slice FILE`, if any. */
export async function fetchCommandLineSlice(): Promise<number[][] | null> {
  try {
    const res = await fetch('api/slice');
    return res.status === 200 ? ((await res.json()) as { points: number[][] }).points : null;
  } catch {
    return null;
  }
}
