/**
 * Persistence diagrams: each bar (birth, death) is a point above the diagonal, one colour per degree;
 * essential classes (death = ∞) sit on a dashed line above the plot area labelled ∞. Bars are drawn
 * larger-degree last so rare H₂ points stay visible over many H₀ points.
 */
import type { Barcode } from '../topology/barcode.js';
import { axes, escapeXml, fmt, linear, svgDocument } from './svg.js';

export interface PersistenceSvgOptions {
  title?: string;
  /** Axis label for the filtration value (default "birth" / "death"). */
  valueLabel?: string;
  width?: number;
}

const DEGREE_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

export function degreeColor(k: number): string {
  return DEGREE_COLORS[k % DEGREE_COLORS.length];
}

export function persistenceDiagramSvg(barcode: Barcode, options: PersistenceSvgOptions = {}): string {
  const W = options.width ?? 560;
  const margin = { left: 70, right: 120, top: 58, bottom: 56 };
  // a square plot, so the diagonal is at 45°
  const side = W - margin.left - margin.right;
  const H = margin.top + 22 + side + margin.bottom;
  let lo = Infinity;
  let hi = -Infinity;
  for (const bars of barcode) {
    for (const b of bars) {
      lo = Math.min(lo, b.birth);
      hi = Math.max(hi, b.birth);
      if (Number.isFinite(b.death)) hi = Math.max(hi, b.death);
    }
  }
  if (!Number.isFinite(lo)) (lo = 0), (hi = 1);
  if (hi === lo) (lo -= 0.5), (hi += 0.5);
  const pad = 0.04 * (hi - lo);
  const plotTop = margin.top + 22; // room for the ∞ line above the plot
  const x = linear([lo - pad, hi + pad], [margin.left, W - margin.right]);
  const y = linear([lo - pad, hi + pad], [H - margin.bottom, plotTop]);
  const infY = margin.top + 6;
  const parts: string[] = [];
  parts.push(axes(x, y, { xLabel: options.valueLabel ? `birth (${options.valueLabel})` : 'birth', yLabel: options.valueLabel ? `death (${options.valueLabel})` : 'death' }));
  // the diagonal
  parts.push(`<line x1="${x(lo - pad)}" y1="${y(lo - pad)}" x2="${x(hi + pad)}" y2="${y(hi + pad)}" stroke="#999" stroke-width="1"/>`);
  parts.push(`<line x1="${margin.left}" y1="${infY}" x2="${W - margin.right}" y2="${infY}" stroke="#999" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${margin.left - 8}" y="${infY + 4}" text-anchor="end" fill="#333">∞</text>`);
  barcode.forEach((bars, k) => {
    const color = degreeColor(k);
    for (const b of bars) {
      const cx = x(b.birth).toFixed(2);
      const cy = (Number.isFinite(b.death) ? y(b.death) : infY).toFixed(2);
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3.6" fill="${color}" fill-opacity="0.75" stroke="#fff" stroke-width="0.6"><title>H${k}: [${fmt(b.birth)}, ${Number.isFinite(b.death) ? fmt(b.death) : '∞'})</title></circle>`);
    }
  });
  // legend
  const lx = W - margin.right + 18;
  barcode.forEach((bars, k) => {
    const ly = plotTop + 10 + 22 * k;
    parts.push(`<circle cx="${lx}" cy="${ly}" r="5" fill="${degreeColor(k)}"/>`, `<text x="${lx + 12}" y="${ly + 4}" fill="#111">H${sub(k)} (${bars.length})</text>`);
  });
  if (options.title) parts.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="15" fill="#111">${escapeXml(options.title)}</text>`);
  return svgDocument(W, H, parts.join('\n'), options.title ?? 'persistence diagram');
}

function sub(k: number): string {
  return String(k).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}
