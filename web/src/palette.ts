import { colormap } from '../../src/render/svg.js';

/** The page's fixed colours: data classes, critical-point indices, homology degrees, ranks. */
export const CLASS_COLOURS = ['#e07b39', '#3b82c4'];
export const INDEX_COLOURS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea'];
export const INDEX_NAMES = ['minimum', 'saddle', 'maximum', 'index 3'];
export const DEGREE_COLOURS = ['#2563eb', '#dc2626', '#16a34a'];

const RANK_COLOURS = ['#cbd5e1', '#f4b860', '#6aa9e9', '#55c29a', '#b08ee6', '#ef8f8f'];

/** Colour of a rank: six distinct colours while the full rank is at most 5, else viridis over 0…full. */
export function rankColour(rank: number, full: number): string {
  if (full < RANK_COLOURS.length) return RANK_COLOURS[Math.min(rank, RANK_COLOURS.length - 1)];
  return colormap('viridis')(rank / full);
}
