/**
 * Line plots (loss curves, drift curves, probabilities against a parameter), on the shared SVG
 * primitives of svg.ts. Generic: any module may use them. A figure is one or more panels stacked
 * vertically; each panel has its own axes, optional log-scaled y, and a legend.
 */
import { categorical, escapeXml, fmt, linear, svgDocument, type Scale } from './svg.js';

export interface Series {
  label: string;
  /** x values; default 0, 1, 2, … */
  x?: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  dashed?: boolean;
  /** Draw dots at the points (and no line when `line` is false). */
  markers?: boolean;
  line?: boolean;
  /** Stroke width (default 1.8). */
  width?: number;
  /** Leave out of the legend (e.g. the 2nd… of many curves of one kind). */
  legend?: boolean;
}

export interface PanelOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Log₁₀ y axis; non-positive values are dropped from the line. */
  logY?: boolean;
  /** Log₁₀ x axis (ticks at the data's own x values when there are few of them). */
  logX?: boolean;
  /** Fixed y range (in data units); default from the data. */
  yDomain?: [number, number];
  xDomain?: [number, number];
  /** Hide the legend. */
  legend?: boolean;
  /** Put the legend right of the plot area (which narrows) instead of over its top-right corner. */
  legendOutside?: boolean;
}

export interface Panel {
  series: Series[];
  options?: PanelOptions;
}

const MARGIN = { left: 78, right: 24, top: 34, bottom: 50 };

/** One whole SVG document: the panels stacked top to bottom, each `panelHeight` tall. */
export function linePlot(panels: Panel[] | Panel, opts: { width?: number; panelHeight?: number; title?: string } = {}): string {
  const list = Array.isArray(panels) ? panels : [panels];
  const width = opts.width ?? 640;
  const ph = opts.panelHeight ?? 300;
  const top = opts.title ? 30 : 0;
  const body: string[] = [];
  if (opts.title) body.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600" fill="#111">${escapeXml(opts.title)}</text>`);
  list.forEach((p, i) => body.push(linePanel(p, { x: 0, y: top + i * ph, width, height: ph })));
  return svgDocument(width, top + list.length * ph, body.join('\n'), opts.title);
}

/** Extent of finite values (positive only, for log axes). */
function extent(values: Iterable<number>, positiveOnly: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : positiveOnly ? [1e-3, 1] : [0, 1];
}

function* allX(series: Series[]): Iterable<number> {
  for (const s of series) for (let i = 0; i < s.y.length; i++) yield s.x ? s.x[i] : i;
}
function* allY(series: Series[]): Iterable<number> {
  for (const s of series) for (let i = 0; i < s.y.length; i++) yield s.y[i];
}

/** A panel's SVG fragment inside the rectangle `box` (pixels). */
export function linePanel(panel: Panel, box: { x: number; y: number; width: number; height: number }): string {
  const o = panel.options ?? {};
  const x0 = box.x + MARGIN.left;
  const x1 = box.x + box.width - MARGIN.right - (o.legendOutside ? 130 : 0);
  const yTop = box.y + MARGIN.top;
  const yBottom = box.y + box.height - MARGIN.bottom;
  const [xlo, xhi] = o.xDomain ?? extent(allX(panel.series), !!o.logX);
  const xs = o.logX ? linear([Math.log10(xlo), Math.log10(xhi)], [x0, x1]) : linear([xlo, xhi], [x0, x1]);
  const tx = (v: number) => (o.logX ? xs(Math.log10(v)) : xs(v));
  let [ylo, yhi] = o.yDomain ?? extent(allY(panel.series), !!o.logY);
  if (o.logY) {
    ylo = Math.floor(Math.log10(ylo));
    yhi = Math.ceil(Math.log10(yhi));
    if (yhi === ylo) yhi = ylo + 1;
  } else if (!o.yDomain) {
    const pad = (yhi - ylo) * 0.05 || Math.abs(yhi) * 0.05 || 1;
    ylo -= pad;
    yhi += pad;
  }
  const ys = linear([ylo, yhi], [yBottom, yTop]);
  const ty = (v: number) => (o.logY ? ys(Math.log10(v)) : ys(v));
  const parts: string[] = [frame(xs, ys, o, o.logX ? logTicks(panel.series) : undefined)];
  if (o.title) parts.push(`<text x="${(x0 + x1) / 2}" y="${yTop - 12}" text-anchor="middle" font-size="13" font-weight="600" fill="#111">${escapeXml(o.title)}</text>`);
  panel.series.forEach((s, i) => {
    const color = s.color ?? categorical(i);
    const dots: string[] = [];
    let d = '';
    let pen = false;
    for (let k = 0; k < s.y.length; k++) {
      const v = s.y[k];
      const xv = s.x ? s.x[k] : k;
      if (!Number.isFinite(v) || (o.logY && v <= 0) || !Number.isFinite(xv) || (o.logX && xv <= 0)) {
        pen = false;
        continue;
      }
      const px = tx(xv).toFixed(2);
      const py = Math.min(yBottom, Math.max(yTop, ty(v))).toFixed(2);
      d += `${pen ? 'L' : 'M'}${px} ${py}`;
      pen = true;
      if (s.markers) dots.push(`<circle cx="${px}" cy="${py}" r="3" fill="${color}" stroke="#fff" stroke-width="0.8"/>`);
    }
    if (s.line !== false && d) parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="${s.width ?? 1.8}"${s.dashed ? ' stroke-dasharray="6 4"' : ''} stroke-linejoin="round"/>`);
    parts.push(...dots);
  });
  const listed = panel.series.map((s, i) => ({ ...s, color: s.color ?? categorical(i) })).filter((s) => s.legend !== false);
  if (o.legend !== false && listed.length > 0) parts.push(legend(listed, o.legendOutside ? box.x + box.width - 8 : x1 - 8, yTop + 8));
  return `<g>\n${parts.join('\n')}\n</g>`;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** For a log x axis: the distinct x values when there are at most 10, else none (decades instead). */
function logTicks(series: Series[]): number[] | undefined {
  const values = [...new Set(allX(series))].filter((v) => v > 0).sort((a, b) => a - b);
  return values.length <= 10 ? values : undefined;
}

function frame(xs: Scale, ys: Scale, o: PanelOptions, xValues?: number[]): string {
  const logY = !!o.logY;
  const [x0, x1] = xs.range();
  const [y0, y1] = ys.range();
  const parts = [`<rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="none" stroke="#333"/>`];
  const [xlo, xhi] = xs.domain();
  const xt: [number, string][] = o.logX
    ? (xValues ?? decades(xlo, xhi).map((e) => 10 ** e)).map((v) => [Math.log10(v), fmt(v)])
    : xs.ticks(6).map((t) => [t, fmt(t)]);
  for (const [t, label] of xt) {
    const px = xs(t);
    parts.push(`<line x1="${px}" y1="${y0}" x2="${px}" y2="${y0 + 5}" stroke="#333"/><text x="${px}" y="${y0 + 18}" text-anchor="middle" fill="#333">${label}</text>`);
  }
  const [lo, hi] = ys.domain();
  const yt = logY ? decades(lo, hi) : ys.ticks(5);
  for (const t of yt) {
    const py = ys(t);
    const label = logY ? `10${String(t).split('').map((c) => SUPERSCRIPT[c] ?? c).join('')}` : fmt(t);
    parts.push(
      `<line x1="${x0 - 5}" y1="${py}" x2="${x0}" y2="${py}" stroke="#333"/><line x1="${x0}" y1="${py}" x2="${x1}" y2="${py}" stroke="#e6e6e6"/>` +
        `<text x="${x0 - 8}" y="${py + 4}" text-anchor="end" fill="#333">${label}</text>`,
    );
  }
  if (o.xLabel) parts.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 38}" text-anchor="middle" fill="#111">${escapeXml(o.xLabel)}</text>`);
  if (o.yLabel) {
    const cy = (y0 + y1) / 2;
    const lx = x0 - 58;
    parts.push(`<text x="${lx}" y="${cy}" text-anchor="middle" fill="#111" transform="rotate(-90 ${lx} ${cy})">${escapeXml(o.yLabel)}</text>`);
  }
  return parts.join('\n');
}

/** Integer exponents lo…hi, thinned to at most ~8 labels. */
function decades(lo: number, hi: number): number[] {
  const step = Math.max(1, Math.ceil((hi - lo) / 8));
  const out: number[] = [];
  for (let e = Math.ceil(lo); e <= hi; e += step) out.push(e);
  return out;
}

function legend(series: (Series & { color: string })[], right: number, top: number): string {
  const shown = series.slice(0, 12);
  const w = 16 + Math.max(...shown.map((s) => s.label.length)) * 6.6 + 28;
  const parts = [`<rect x="${right - w}" y="${top}" width="${w}" height="${shown.length * 17 + 8}" fill="#ffffff" fill-opacity="0.85" stroke="#ccc"/>`];
  shown.forEach((s, i) => {
    const color = s.color;
    const y = top + 14 + i * 17;
    parts.push(
      s.line === false
        ? `<circle cx="${right - w + 18}" cy="${y - 4}" r="3.5" fill="${color}"/>`
        : `<line x1="${right - w + 8}" y1="${y - 4}" x2="${right - w + 28}" y2="${y - 4}" stroke="${color}" stroke-width="2.2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
      `<text x="${right - w + 34}" y="${y}" fill="#222" font-size="11">${escapeXml(s.label)}</text>`,
    );
  });
  return parts.join('\n');
}
