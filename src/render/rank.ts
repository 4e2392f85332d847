/**
 * Pictures of the rank decomposition (Beshkov & Einevoll, arXiv 2404.19710):
 * - `rankComplexSvg`: a 2-D complex coloured by the rank of each cell's layer map, one panel per layer;
 * - `heatmapSvg`: a table of values (e.g. the probability of low-rank regions over width × input
 *   dimension, or width × mean weight) as coloured cells with the numbers written in;
 * - `lineChartSvg`: a few named series against one x axis (e.g. min/max rank against inhibitory inputs);
 * - `histogramPairSvg`: two histograms on shared axes (ranks before vs after training), one panel a layer.
 */
import type { Complex } from '../complex/types.js';
import { polygonCycle } from '../complex/geometry.js';
import { axes, colormap, colorBar, escapeXml, fmt, linear, polygonPath, svgDocument } from './svg.js';
import { planarBounds } from '../complex/geometry.js';

/** Discrete rank colours: rank 0 dark, full rank bright (viridis), so collapse reads as darkness. */
function rankColour(rank: number, maxRank: number): string {
  return colormap('viridis')(maxRank > 0 ? 0.1 + (0.85 * rank) / maxRank : 0.5);
}

export interface RankPanel {
  readonly title: string;
  /** One rank per top cell. */
  readonly ranks: ArrayLike<number>;
}

/**
 * A 2-D complex, one panel per layer, cells coloured by rank; cells of rank < `fullRank` (the input
 * dimension) are outlined in red — the places where the layer can change the topology of data.
 */
export function rankComplexSvg(
  complex: Complex,
  panels: readonly RankPanel[],
  fullRank: number,
  opts: { title?: string; axisLabels?: [string, string]; /** Data points (count × 2, the complex's coordinates) drawn as dots. */ points?: Float64Array } = {},
): string {
  if (complex.dim !== 2) throw new RangeError(`rank pictures are drawn for 2-D complexes (a box in 2 inputs or a 2-D slice), not ${complex.dim}-D`);
  const size = 300;
  const margin = { left: 56, top: 54, right: 24, bottom: 52 };
  const legendWidth = 120;
  const width = margin.left + panels.length * (size + margin.left) - margin.left + margin.right + legendWidth;
  const height = margin.top + size + margin.bottom;
  const X = complex.vertices;
  const [x0, x1, y0, y1] = planarBounds(X, complex.vertexCount);
  const regions = complex.cells[2].count;
  const cycles = Array.from({ length: regions }, (_, r) => polygonCycle(complex, r));
  let maxRank = fullRank;
  for (const p of panels) for (let r = 0; r < regions; r++) maxRank = Math.max(maxRank, p.ranks[r]);
  const labels = opts.axisLabels ?? (complex.plane ? ['t₁', 't₂'] : ['x₁', 'x₂']);
  const parts: string[] = [];
  panels.forEach((panel, k) => {
    const left = margin.left + k * (size + margin.left);
    const sx = linear([x0, x1], [left, left + size]);
    const sy = linear([y0, y1], [margin.top + size, margin.top]);
    const low: string[] = [];
    for (let r = 0; r < regions; r++) {
      const xy: number[] = [];
      for (const v of cycles[r]) xy.push(sx(X[2 * v]), sy(X[2 * v + 1]));
      const rank = panel.ranks[r];
      const d = polygonPath(xy);
      parts.push(`<path d="${d}" fill="${rankColour(rank, maxRank)}" stroke="#ffffff" stroke-width="0.6"/>`);
      if (rank < fullRank) low.push(`<path d="${d}" fill="none" stroke="#d62728" stroke-width="1.4" stroke-linejoin="round"/>`);
    }
    parts.push(...low);
    const pts = opts.points;
    if (pts) for (let p = 0; p + 1 < pts.length; p += 2) if (pts[p] >= x0 && pts[p] <= x1 && pts[p + 1] >= y0 && pts[p + 1] <= y1) parts.push(`<circle cx="${sx(pts[p]).toFixed(1)}" cy="${sy(pts[p + 1]).toFixed(1)}" r="1.6" fill="#111" opacity="0.7"/>`);
    parts.push(axes(sx, sy, { xLabel: labels[0], yLabel: k === 0 ? labels[1] : undefined }));
    parts.push(`<text x="${left + size / 2}" y="${margin.top - 12}" text-anchor="middle" font-size="14" fill="#111">${escapeXml(panel.title)}</text>`);
  });
  // Legend: one swatch per rank.
  const lx = width - legendWidth - margin.right + 24;
  parts.push(`<text x="${lx}" y="${margin.top}" fill="#111" font-size="13">rank</text>`);
  for (let r = 0; r <= maxRank; r++) {
    const y = margin.top + 12 + r * 22;
    parts.push(
      `<rect x="${lx}" y="${y}" width="16" height="16" fill="${rankColour(r, maxRank)}" stroke="${r < fullRank ? '#d62728' : '#333'}" stroke-width="${r < fullRank ? 1.4 : 0.6}"/>`,
      `<text x="${lx + 22}" y="${y + 12}" fill="#333">${r}${r < fullRank ? ' (low)' : ''}</text>`,
    );
  }
  if (opts.title) parts.push(`<text x="${margin.left}" y="22" font-size="15" font-weight="600" fill="#111">${escapeXml(opts.title)}</text>`);
  return svgDocument(width, height, parts.join('\n'), opts.title ?? 'rank decomposition');
}

export interface HeatmapOptions {
  readonly title?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly colorLabel?: string;
  /** Value range of the colour scale (default: the data's). */
  readonly range?: [number, number];
  /** How a cell's number is written (default fmt). */
  readonly format?: (v: number) => string;
}

/** values[row][col] as coloured cells; rows are drawn top to bottom in the given order. */
export function heatmapSvg(rowLabels: readonly string[], colLabels: readonly string[], values: readonly (readonly number[])[], opts: HeatmapOptions): string {
  const cell = { w: Math.max(34, Math.min(64, 640 / colLabels.length)), h: 30 };
  const margin = { left: 84, top: 56, right: 110, bottom: 64 };
  const width = margin.left + cell.w * colLabels.length + margin.right;
  const height = margin.top + cell.h * rowLabels.length + margin.bottom;
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of values) for (const v of row) if (Number.isFinite(v)) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  [lo, hi] = opts.range ?? [lo, hi === lo ? lo + 1 : hi];
  const cmap = colormap('viridis');
  const format = opts.format ?? fmt;
  const parts: string[] = [];
  rowLabels.forEach((rl, i) => {
    const y = margin.top + i * cell.h;
    parts.push(`<text x="${margin.left - 8}" y="${y + cell.h / 2 + 4}" text-anchor="end" fill="#333">${escapeXml(rl)}</text>`);
    colLabels.forEach((_, j) => {
      const v = values[i][j];
      const t = (v - lo) / (hi - lo || 1);
      const x = margin.left + j * cell.w;
      parts.push(`<rect x="${x}" y="${y}" width="${cell.w}" height="${cell.h}" fill="${Number.isFinite(v) ? cmap(t) : '#eee'}" stroke="#fff"/>`);
      if (Number.isFinite(v)) parts.push(`<text x="${x + cell.w / 2}" y="${y + cell.h / 2 + 4}" text-anchor="middle" font-size="10" fill="${t > 0.6 ? '#111' : '#fff'}">${escapeXml(format(v))}</text>`);
    });
  });
  colLabels.forEach((cl, j) => {
    const x = margin.left + j * cell.w + cell.w / 2;
    parts.push(`<text x="${x}" y="${margin.top + rowLabels.length * cell.h + 16}" text-anchor="middle" fill="#333">${escapeXml(cl)}</text>`);
  });
  const bottom = margin.top + rowLabels.length * cell.h;
  parts.push(`<text x="${margin.left + (colLabels.length * cell.w) / 2}" y="${bottom + 40}" text-anchor="middle" fill="#111">${escapeXml(opts.xLabel)}</text>`);
  const cy = margin.top + (rowLabels.length * cell.h) / 2;
  parts.push(`<text x="22" y="${cy}" text-anchor="middle" fill="#111" transform="rotate(-90 22 ${cy})">${escapeXml(opts.yLabel)}</text>`);
  parts.push(colorBar(width - margin.right + 28, margin.top + 10, 14, Math.max(80, rowLabels.length * cell.h - 20), lo, hi, cmap, opts.colorLabel ?? ''));
  if (opts.title) parts.push(`<text x="${margin.left}" y="26" font-size="15" font-weight="600" fill="#111">${escapeXml(opts.title)}</text>`);
  return svgDocument(width, height, parts.join('\n'), opts.title);
}

export interface Series {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly color?: string;
  readonly dashed?: boolean;
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

/** Named series against a shared x axis, with a legend; `shade` marks an x interval (e.g. a balanced window). */
export function lineChartSvg(series: readonly Series[], opts: { title?: string; xLabel: string; yLabel: string; shade?: [number, number]; yRange?: [number, number] }): string {
  const margin = { left: 70, top: 48, right: 170, bottom: 56 };
  const w = 520;
  const h = 320;
  const xs = series.flatMap((s) => s.x);
  const ys = series.flatMap((s) => s.y).filter(Number.isFinite);
  const sx = linear([Math.min(...xs), Math.max(...xs)], [margin.left, margin.left + w]);
  const sy = linear(opts.yRange ?? [Math.min(0, ...ys), Math.max(...ys)], [margin.top + h, margin.top]);
  const parts: string[] = [];
  if (opts.shade) parts.push(`<rect x="${sx(opts.shade[0])}" y="${margin.top}" width="${sx(opts.shade[1]) - sx(opts.shade[0])}" height="${h}" fill="#f2d7a6" opacity="0.55"/>`);
  parts.push(axes(sx, sy, { xLabel: opts.xLabel, yLabel: opts.yLabel }));
  series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    const pts = s.x.map((x, i) => [sx(x), sy(s.y[i])] as const).filter(([, y]) => Number.isFinite(y));
    parts.push(`<polyline points="${pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    if (!s.dashed) for (const [x, y] of pts) parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${color}"/>`);
    const ly = margin.top + 10 + k * 20;
    const lx = margin.left + w + 18;
    parts.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`, `<text x="${lx + 28}" y="${ly + 4}" fill="#333">${escapeXml(s.name)}</text>`);
  });
  if (opts.title) parts.push(`<text x="${margin.left}" y="26" font-size="15" font-weight="600" fill="#111">${escapeXml(opts.title)}</text>`);
  return svgDocument(margin.left + w + margin.right, margin.top + h + margin.bottom, parts.join('\n'), opts.title);
}

export interface HistogramPanel {
  readonly title: string;
  /** Bin k counts value k (integer ranks 0 … bins−1). */
  readonly before: ArrayLike<number>;
  readonly after: ArrayLike<number>;
}

/** Per panel, two overlaid histograms of integer values (before: blue, after: orange), as in the paper's Fig. 3. */
export function histogramPairSvg(panels: readonly HistogramPanel[], opts: { title?: string; xLabel: string; labels?: [string, string]; marks?: number[] }): string {
  const pw = 260;
  const ph = 200;
  const margin = { left: 60, top: 56, right: 20, bottom: 56 };
  const gap = 40;
  const width = margin.left + panels.length * (pw + gap) - gap + margin.right;
  const height = margin.top + ph + margin.bottom + 24;
  const parts: string[] = [];
  const names = opts.labels ?? ['before training', 'after training'];
  panels.forEach((p, k) => {
    const left = margin.left + k * (pw + gap);
    const bins = Math.max(p.before.length, p.after.length);
    let top = 1;
    for (let i = 0; i < bins; i++) top = Math.max(top, p.before[i] ?? 0, p.after[i] ?? 0);
    const sx = linear([-0.5, bins - 0.5], [left, left + pw]);
    const sy = linear([0, top], [margin.top + ph, margin.top]);
    const bw = Math.max(1, sx(1) - sx(0));
    for (const [counts, color] of [[p.before, '#1f77b4'], [p.after, '#ff7f0e']] as const) {
      for (let i = 0; i < counts.length; i++) {
        if (!counts[i]) continue;
        parts.push(`<rect x="${(sx(i) - bw / 2).toFixed(2)}" y="${sy(counts[i]).toFixed(2)}" width="${bw.toFixed(2)}" height="${(sy(0) - sy(counts[i])).toFixed(2)}" fill="${color}" opacity="0.6"/>`);
      }
    }
    for (const m of opts.marks ?? []) if (m < bins) parts.push(`<line x1="${sx(m)}" y1="${margin.top}" x2="${sx(m)}" y2="${margin.top + ph}" stroke="#555" stroke-dasharray="4 3"/>`);
    parts.push(axes(sx, sy, { xLabel: opts.xLabel, yLabel: k === 0 ? 'count' : undefined, ticks: 4 }));
    parts.push(`<text x="${left + pw / 2}" y="${margin.top - 10}" text-anchor="middle" fill="#111">${escapeXml(p.title)}</text>`);
  });
  const ly = height - 14;
  parts.push(
    `<rect x="${margin.left}" y="${ly - 10}" width="14" height="10" fill="#1f77b4" opacity="0.6"/><text x="${margin.left + 20}" y="${ly}" fill="#333">${escapeXml(names[0])}</text>`,
    `<rect x="${margin.left + 170}" y="${ly - 10}" width="14" height="10" fill="#ff7f0e" opacity="0.6"/><text x="${margin.left + 190}" y="${ly}" fill="#333">${escapeXml(names[1])}</text>`,
  );
  if (opts.title) parts.push(`<text x="${margin.left}" y="24" font-size="15" font-weight="600" fill="#111">${escapeXml(opts.title)}</text>`);
  return svgDocument(width, height, parts.join('\n'), opts.title);
}
