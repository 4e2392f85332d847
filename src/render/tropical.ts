/**
 * Pictures of a network's tropical geometry (2-D input): the Newton polygons of f and g with their dual
 * subdivisions (upper faces of the lifted polygon, projected; notes §1), side by side, and optionally
 * the network's region picture next to them. Monomials are dots coloured by coefficient.
 */
import type { Arithmetic } from '../numeric/arithmetic.js';
import { convexHullPolygon } from '../tropical/hull.js';
import type { TropicalPolynomial } from '../tropical/polynomial.js';
import { axes, colorBar, colormap, escapeXml, fmt, linear, polygonPath, svgDocument } from './svg.js';

export interface NewtonPanel<T> {
  readonly title: string;
  readonly polynomial: TropicalPolynomial<T>;
  /** Edges of the dual subdivision (monomial index pairs). */
  readonly edges: readonly [number, number][];
}

/** One panel body at (x, y) of the given size: axes in exponent space, hull, subdivision, dots. */
export function newtonPanel<T>(ar: Arithmetic<T>, panel: NewtonPanel<T>, x: number, y: number, size: number): string {
  const p = panel.polynomial;
  const ex = (i: number) => ar.toNumber(p.exponents[2 * i]);
  const ey = (i: number) => ar.toNumber(p.exponents[2 * i + 1]);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, c0 = Infinity, c1 = -Infinity;
  for (let i = 0; i < p.count; i++) {
    x0 = Math.min(x0, ex(i));
    x1 = Math.max(x1, ex(i));
    y0 = Math.min(y0, ey(i));
    y1 = Math.max(y1, ey(i));
    const c = ar.toNumber(p.coefficients[i]);
    c0 = Math.min(c0, c);
    c1 = Math.max(c1, c);
  }
  // Equal units on both axes, a margin of 8% around the points.
  const span = Math.max(x1 - x0, y1 - y0, 1) * 1.16;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const sx = linear([cx - span / 2, cx + span / 2], [x, x + size]);
  const sy = linear([cy - span / 2, cy + span / 2], [y + size, y]);
  const cmap = colormap('viridis');
  const t = (c: number) => (c1 > c0 ? (c - c0) / (c1 - c0) : 0.5);
  const parts: string[] = [axes(sx, sy, { xLabel: 'exponent of x', yLabel: 'exponent of y', ticks: 5 })];
  const hull = convexHullPolygon(ar, p.exponents, p.count);
  if (hull.length >= 3) {
    const xy: number[] = [];
    for (const i of hull) xy.push(sx(ex(i)), sy(ey(i)));
    parts.push(`<path d="${polygonPath(xy)}" fill="#e8eef7" stroke="#5b6b8c" stroke-width="1.5"/>`);
  }
  for (const [i, j] of panel.edges) {
    parts.push(`<line x1="${sx(ex(i)).toFixed(2)}" y1="${sy(ey(i)).toFixed(2)}" x2="${sx(ex(j)).toFixed(2)}" y2="${sy(ey(j)).toFixed(2)}" stroke="#334" stroke-width="1.2"/>`);
  }
  for (let i = 0; i < p.count; i++) {
    const c = ar.toNumber(p.coefficients[i]);
    parts.push(
      `<circle cx="${sx(ex(i)).toFixed(2)}" cy="${sy(ey(i)).toFixed(2)}" r="5" fill="${cmap(t(c))}" stroke="#222" stroke-width="0.8"><title>exponent (${ar.format(p.exponents[2 * i])}, ${ar.format(p.exponents[2 * i + 1])}), coefficient ${ar.format(p.coefficients[i])}</title></circle>`,
    );
  }
  parts.push(`<text x="${x + size / 2}" y="${y - 12}" text-anchor="middle" font-size="14" fill="#111">${escapeXml(panel.title)}</text>`);
  parts.push(colorBar(x + size + 18, y + 20, 12, size - 40, Number.isFinite(c0) ? c0 : 0, Number.isFinite(c1) ? c1 : 1, cmap, 'coefficient'));
  return parts.join('\n');
}

/**
 * Newton polygons of f and g with their dual subdivisions side by side; `regionSVG` (a whole SVG
 * document, e.g. render/complex.ts's picture) is placed to their right when given.
 */
export function renderTropicalSVG<T>(ar: Arithmetic<T>, panels: readonly NewtonPanel<T>[], options: { title?: string; regionSVG?: string } = {}): string {
  const size = 300;
  const panelW = size + 150;
  const top = 70;
  const left = 80;
  let body = panels.map((panel, k) => newtonPanel(ar, panel, left + k * panelW, top, size)).join('\n');
  let width = left + panels.length * panelW;
  let height = top + size + 70;
  if (options.regionSVG) {
    const m = /width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(options.regionSVG);
    const w = m ? Number(m[1]) : 720;
    const h = m ? Number(m[2]) : 560;
    const inner = options.regionSVG.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<svg /, `<svg x="${width}" y="${top - 40}" `);
    body += '\n' + inner;
    width += w;
    height = Math.max(height, top - 40 + h);
  }
  if (options.title) body = `<text x="${left}" y="28" font-size="16" fill="#111">${escapeXml(options.title)}</text>\n` + body;
  body += `\n<text x="${left}" y="${height - 14}" font-size="11" fill="#555">dots: monomials (upper-hull vertices of the lifted Newton polygon), lines: dual subdivision δ(f); ${escapeXml(fmt(panels.reduce((s, p) => s + p.polynomial.count, 0)))} monomials in all</text>`;
  return svgDocument(Math.ceil(width), Math.ceil(height), body, options.title);
}

export interface BoundsChartRow {
  readonly config: string;
  /** Optional second label line (the size budget the group shares). */
  readonly group?: string;
  readonly zhangBound: number | string | null;
  readonly serraBound: number | string;
  readonly activationRegions: number;
  readonly linearRegions: number;
  readonly distinctAffineMaps: number;
}

/** Grouped bars on a log scale: bounds next to exact counts, one group per architecture. */
export function renderBoundsChart(rows: readonly BoundsChartRow[], title: string): string {
  const series: { key: keyof BoundsChartRow; label: string; color: string }[] = [
    { key: 'zhangBound', label: 'Zhang bound', color: '#c0c6d4' },
    { key: 'serraBound', label: 'Serra bound', color: '#8d99ae' },
    { key: 'activationRegions', label: 'activation regions', color: '#2a9d8f' },
    { key: 'linearRegions', label: 'linear regions', color: '#e9c46a' },
    { key: 'distinctAffineMaps', label: 'distinct maps', color: '#e76f51' },
  ];
  const value = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));
  let hi = 1;
  for (const r of rows) for (const s of series) if (Number.isFinite(value(r[s.key]))) hi = Math.max(hi, value(r[s.key]));
  const left = 80;
  const top = 50;
  const plotH = 320;
  const group = series.length * 16 + 24;
  const plotW = Math.max(360, rows.length * group);
  const x = linear([0, rows.length], [left, left + plotW]);
  const yMax = Math.ceil(Math.log10(hi));
  const y = linear([0, yMax], [top + plotH, top]);
  const parts: string[] = [];
  for (let k = 0; k <= yMax; k++) {
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(k)}" y2="${y(k)}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 8}" y="${y(k) + 4}" text-anchor="end" fill="#333">${k >= 4 ? `1e${k}` : String(10 ** k)}</text>`);
  }
  rows.forEach((r, g) => {
    const gx = x(g) + 12;
    series.forEach((s, k) => {
      const v = value(r[s.key]);
      if (!Number.isFinite(v) || v <= 0) return;
      const top2 = y(Math.log10(v));
      parts.push(`<rect x="${gx + k * 16}" y="${top2.toFixed(2)}" width="14" height="${(y(0) - top2).toFixed(2)}" fill="${s.color}"><title>${escapeXml(`${r.config}: ${s.label} ${v}`)}</title></rect>`);
    });
    parts.push(`<text x="${gx + (series.length * 16) / 2}" y="${top + plotH + 18}" text-anchor="middle" fill="#333" font-size="11">${escapeXml(r.config)}</text>`);
    if (r.group) parts.push(`<text x="${gx + (series.length * 16) / 2}" y="${top + plotH + 32}" text-anchor="middle" fill="#777" font-size="10">${escapeXml(r.group)}</text>`);
  });
  parts.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${left - 56}" y="${top + plotH / 2}" text-anchor="middle" transform="rotate(-90 ${left - 56} ${top + plotH / 2})" fill="#111">regions (log scale)</text>`);
  series.forEach((s, k) => {
    const lx = left + plotW + 20;
    const ly = top + 10 + k * 20;
    parts.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${s.color}"/><text x="${lx + 18}" y="${ly}" fill="#333">${escapeXml(s.label)}</text>`);
  });
  parts.push(`<text x="${left}" y="28" font-size="15" fill="#111">${escapeXml(title)}</text>`);
  return svgDocument(left + plotW + 180, top + plotH + 60, parts.join('\n'), title);
}
