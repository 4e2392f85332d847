/**
 * Small SVG charts for the side column, built on src/render/svg.ts (scales, axes, colours):
 * line charts (loss, conserved quantities, Betti numbers against the level) and scatter plots
 * (persistence diagrams, Newton polygons).
 */
import { axes, categorical, escapeXml, fmt, linear, svgDocument } from '../../src/render/svg.js';

const W = 276;
const H = 170;
const M = { left: 58, right: 10, top: 10, bottom: 38 };

export interface Series {
  /** Flat [x0, y0, x1, y1, …]. */
  xy: ArrayLike<number>;
  colour?: string;
  label?: string;
  /** Draw as steps (piecewise constant, e.g. Betti numbers). */
  step?: boolean;
  width?: number;
}

function extent(series: Series[], axis: 0 | 1, fallback: [number, number]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = axis; i < s.xy.length; i += 2) {
      const v = s.xy[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) return fallback;
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

function pathOf(s: Series, x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  for (let i = 0; i + 1 < s.xy.length; i += 2) {
    const px = x(s.xy[i]);
    const py = y(s.xy[i + 1]);
    if (!Number.isFinite(py)) continue;
    if (d === '') d = `M${px.toFixed(1)} ${py.toFixed(1)}`;
    else if (s.step) d += `H${px.toFixed(1)}V${py.toFixed(1)}`;
    else d += `L${px.toFixed(1)} ${py.toFixed(1)}`;
  }
  return d;
}

export function lineChart(series: Series[], opts: { xLabel: string; yLabel: string; yRange?: [number, number]; marker?: number; height?: number; legend?: boolean }): string {
  const h = opts.height ?? H;
  const xr = extent(series, 0, [0, 1]);
  const yr = opts.yRange ?? extent(series, 1, [0, 1]);
  const x = linear(xr, [M.left, W - M.right]);
  const y = linear(yr, [h - M.bottom, M.top]).nice();
  const parts = [axes(x, y, { xLabel: opts.xLabel, yLabel: opts.yLabel, ticks: 4 }).replaceAll('stroke="#333"', 'stroke="#9aa1ae"')];
  series.forEach((s, i) => {
    parts.push(`<path d="${pathOf(s, x, y)}" fill="none" stroke="${s.colour ?? categorical(i)}" stroke-width="${s.width ?? 1.6}" stroke-linejoin="round"/>`);
  });
  if (opts.marker !== undefined && opts.marker >= xr[0] && opts.marker <= xr[1]) {
    const px = x(opts.marker);
    parts.push(`<line x1="${px}" x2="${px}" y1="${M.top}" y2="${h - M.bottom}" stroke="#7c3aed" stroke-dasharray="3 3"/>`);
  }
  if (opts.legend) {
    let lx = M.left + 6;
    for (const [i, s] of series.entries()) {
      if (!s.label) continue;
      parts.push(`<rect x="${lx}" y="${M.top + 4}" width="9" height="9" rx="2" fill="${s.colour ?? categorical(i)}"/><text x="${lx + 12}" y="${M.top + 12}" font-size="10.5" fill="#333">${escapeXml(s.label)}</text>`);
      lx += 18 + 6.5 * s.label.length;
    }
  }
  return svgDocument(W, h, parts.join('\n')).replace(/font-size="12"/, 'font-size="10.5"');
}

export interface ScatterPoint {
  x: number;
  y: number;
  colour: string;
  r?: number;
  title?: string;
}

/** Scatter with optional diagonal (persistence diagrams) and closed polygons (Newton polygons). */
export function scatterChart(
  points: ScatterPoint[],
  opts: { xLabel: string; yLabel: string; diagonal?: boolean; polygons?: { xy: number[]; colour: string }[]; equalAspect?: boolean },
): string {
  const all: Series[] = [{ xy: points.flatMap((p) => [p.x, p.y]) }, ...(opts.polygons ?? []).map((p) => ({ xy: p.xy }))];
  let xr = extent(all, 0, [0, 1]);
  let yr = extent(all, 1, [0, 1]);
  if (opts.diagonal) {
    const lo = Math.min(xr[0], yr[0]);
    const hi = Math.max(xr[1], yr[1]);
    xr = [lo, hi];
    yr = [lo, hi];
  }
  const pad = (r: [number, number]): [number, number] => [r[0] - 0.06 * (r[1] - r[0]), r[1] + 0.06 * (r[1] - r[0])];
  xr = pad(xr);
  yr = pad(yr);
  const x = linear(xr, [M.left, W - M.right]);
  const y = linear(yr, [H - M.bottom, M.top]);
  const parts = [axes(x, y, { xLabel: opts.xLabel, yLabel: opts.yLabel, ticks: 4 }).replaceAll('stroke="#333"', 'stroke="#9aa1ae"')];
  if (opts.diagonal) parts.push(`<line x1="${x(xr[0])}" y1="${y(xr[0])}" x2="${x(xr[1])}" y2="${y(xr[1])}" stroke="#c9ced8"/>`);
  for (const poly of opts.polygons ?? []) {
    const d = poly.xy.map((v, i) => (i % 2 === 0 ? `${i === 0 ? 'M' : 'L'}${x(v).toFixed(1)}` : ` ${y(v).toFixed(1)}`)).join('') + 'Z';
    parts.push(`<path d="${d}" fill="${poly.colour}" fill-opacity="0.12" stroke="${poly.colour}" stroke-width="1.4"/>`);
  }
  for (const p of points) {
    parts.push(`<circle cx="${x(p.x).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="${p.r ?? 3.5}" fill="${p.colour}" stroke="#fff" stroke-width="0.8">${p.title ? `<title>${escapeXml(p.title)}</title>` : ''}</circle>`);
  }
  return svgDocument(W, H, parts.join('\n')).replace(/font-size="12"/, 'font-size="10.5"');
}

export { fmt };
