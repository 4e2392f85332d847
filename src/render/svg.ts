/**
 * SVG building blocks shared by every picture tessera draws: a document, linear scales (d3-scale),
 * axes with ticks, colour maps (d3-scale-chromatic) and a colour bar. Pictures are plain strings.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { interpolateViridis, interpolateRdBu, interpolateTurbo, interpolateCividis } from 'd3-scale-chromatic';

export type Scale = ScaleLinear<number, number>;

export const FONT = 'font-family="Inter, Helvetica, Arial, sans-serif"';

export function linear(domain: [number, number], range: [number, number]): Scale {
  const d: [number, number] = domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain;
  return scaleLinear().domain(d).range(range);
}

/** A whole SVG document with a white background. */
export function svgDocument(width: number, height: number, body: string, title?: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">\n` +
    (title ? `<title>${escapeXml(title)}</title>\n` : '') +
    `<rect width="100%" height="100%" fill="#ffffff"/>\n${body}\n</svg>\n`
  );
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Short number for labels: 3 significant digits, no trailing zeros. */
export function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

/** Bottom and left axes with ticks and labels, framing the plot area of the two scales. */
export function axes(x: Scale, y: Scale, opts: { xLabel?: string; yLabel?: string; ticks?: number } = {}): string {
  const [x0, x1] = x.range();
  const [y0, y1] = y.range(); // y0 is the bottom (larger pixel value)
  const ticks = opts.ticks ?? 5;
  const parts: string[] = [`<rect x="${x0}" y="${Math.min(y0, y1)}" width="${x1 - x0}" height="${Math.abs(y0 - y1)}" fill="none" stroke="#333" stroke-width="1"/>`];
  for (const t of x.ticks(ticks)) {
    const px = x(t);
    parts.push(`<line x1="${px}" y1="${y0}" x2="${px}" y2="${y0 + 5}" stroke="#333"/>`, `<text x="${px}" y="${y0 + 18}" text-anchor="middle" fill="#333">${fmt(t)}</text>`);
  }
  for (const t of y.ticks(ticks)) {
    const py = y(t);
    parts.push(`<line x1="${x0 - 5}" y1="${py}" x2="${x0}" y2="${py}" stroke="#333"/>`, `<text x="${x0 - 8}" y="${py + 4}" text-anchor="end" fill="#333">${fmt(t)}</text>`);
  }
  if (opts.xLabel) parts.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 36}" text-anchor="middle" fill="#111">${escapeXml(opts.xLabel)}</text>`);
  if (opts.yLabel) {
    const cy = (y0 + y1) / 2;
    parts.push(`<text x="${x0 - 44}" y="${cy}" text-anchor="middle" fill="#111" transform="rotate(-90 ${x0 - 44} ${cy})">${escapeXml(opts.yLabel)}</text>`);
  }
  return parts.join('\n');
}

export type ColormapName = 'viridis' | 'turbo' | 'diverging' | 'cividis';

/** t ∈ [0,1] ↦ CSS colour. */
export function colormap(name: ColormapName = 'viridis'): (t: number) => string {
  const f = name === 'turbo' ? interpolateTurbo : name === 'diverging' ? (t: number) => interpolateRdBu(1 - t) : name === 'cividis' ? interpolateCividis : interpolateViridis;
  return (t) => f(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)));
}

/** A vertical colour bar at (x, y) of the given size for values lo..hi, with tick labels and a label. */
export function colorBar(x: number, y: number, width: number, height: number, lo: number, hi: number, cmap: (t: number) => string, label = ''): string {
  const id = `cb${Math.round(x)}_${Math.round(y)}`;
  const stops = Array.from({ length: 11 }, (_, i) => `<stop offset="${i * 10}%" stop-color="${cmap(1 - i / 10)}"/>`).join('');
  const s = linear([lo, hi], [y + height, y]);
  const ticks = s.ticks(5).map((t) => `<line x1="${x + width}" y1="${s(t)}" x2="${x + width + 4}" y2="${s(t)}" stroke="#333"/><text x="${x + width + 7}" y="${s(t) + 4}" fill="#333">${fmt(t)}</text>`);
  return (
    `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${stops}</linearGradient></defs>` +
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="url(#${id})" stroke="#333"/>` +
    ticks.join('') +
    (label ? `<text x="${x + width / 2}" y="${y - 8}" text-anchor="middle" fill="#111">${escapeXml(label)}</text>` : '')
  );
}

/** A categorical palette: distinct, pleasant colours for region ids (golden-angle hue walk). */
export function categorical(i: number): string {
  const h = (i * 137.508) % 360;
  const l = 62 + ((i * 7) % 3) * 8;
  return `hsl(${h.toFixed(1)},55%,${l}%)`;
}

/** "M x y L x y … Z" for a closed polygon given as flat [x0,y0,x1,y1,…] pixel coordinates. */
export function polygonPath(xy: ArrayLike<number>): string {
  let d = '';
  for (let i = 0; i < xy.length; i += 2) d += `${i === 0 ? 'M' : 'L'}${xy[i].toFixed(2)} ${xy[i + 1].toFixed(2)}`;
  return d + 'Z';
}
