/**
 * Which representation a rank refers to. Beshkov & Einevoll (arXiv 2404.19710, §2) study the
 * representation *after* the ReLU: layer l = 1 … H is the post-activation output of hidden layer l,
 * Φ_l = σ ∘ (W_l ·) ∘ … ∘ σ ∘ (W_1 ·); layer H + 1 is the network's output (affine, no ReLU), named
 * "output". Layer 0 would be the input itself and is never asked for.
 */
import { TesseraError } from '../numeric/errors.js';
import type { Network } from '../net/network.js';

/** Number of representations: hidden layers + the output. */
export function representationCount(net: Network): number {
  return net.layers.length;
}

/** 1 … H + 1. */
export function allLayers(net: Network): number[] {
  return Array.from({ length: net.layers.length }, (_, i) => i + 1);
}

/** "1", "2", …, "output". */
export function layerLabel(net: Network, layer: number): string {
  return layer === net.layers.length ? 'output' : String(layer);
}

/** Width of representation `layer` (1-based). */
export function layerWidth(net: Network, layer: number): number {
  return net.layers[layer - 1].outDim;
}

/** True for hidden (post-ReLU) representations, false for the output. */
export function isHidden(net: Network, layer: number): boolean {
  return layer < net.layers.length;
}

/**
 * Parse a layer list: "all" (or nothing) → every layer; otherwise comma-separated 1-based hidden
 * layer numbers and/or "output" (also "out" or "L" for the last).
 */
export function parseLayers(text: string | undefined, net: Network, option = '--layer'): number[] {
  const L = net.layers.length;
  if (text === undefined || text.trim() === '' || text.trim() === 'all') return allLayers(net);
  const out = new Set<number>();
  for (const part of text.split(',').map((s) => s.trim())) {
    if (part === 'output' || part === 'out' || part === 'L') {
      out.add(L);
      continue;
    }
    const v = Number(part);
    if (!Number.isInteger(v) || v < 1 || v > L) {
      const choices = L > 1 ? `use 1..${L - 1} (hidden, after ReLU) or "output"` : 'this network has no hidden layer: use "output"';
      throw new TesseraError('input', `${option}: "${part}" is not a layer; ${choices}`);
    }
    out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}
