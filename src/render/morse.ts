/**
 * The Morse picture of a 2-D complex: regions shaded by F, level sets F = t (in each top cell F is affine,
 * so a level set is one straight segment per cell), and the PL critical points marked — minima blue,
 * saddles orange (bigger for monkey saddles), maxima red; hollow markers on the domain boundary, grey
 * squares on flat components. With a discrete gradient, its pairs are drawn as small arrows and its
 * critical edges and faces highlighted.
 */
import { polygonCycle } from '../complex/geometry.js';
import { criticalPoints, flatComponents, type MorseContext } from '../morse/classify.js';
import type { Pairs } from '../morse/pairing.js';
import { row } from '../morse/incidence.js';
import { axes, colorBar, colormap, escapeXml, fmt, linear, polygonPath, svgDocument } from './svg.js';
import { planarBounds } from '../complex/geometry.js';

export interface MorseSvgOptions {
  /** Number of level sets, evenly spaced strictly between min F and max F. */
  levels?: number;
  title?: string;
  /** Critical cells per dimension (from a discrete gradient) to highlight. */
  criticalCells?: Int32Array[];
  /** Pairs of the gradient, drawn as arrows when the complex is small. */
  pairs?: Pairs;
  width?: number;
}

const COLORS = { min: '#1f6fd1', saddle: '#f08c00', max: '#d62728', flat: '#666666' };

export function morseSvg(ctx: MorseContext, options: MorseSvgOptions = {}): string {
  const { complex, field, incidence: inc } = ctx;
  const V = complex.vertexCount;
  const xy = complex.vertices;
  const [x0, x1, y0, y1] = planarBounds(xy, V);
  const W = options.width ?? 640;
  const margin = { left: 64, right: 110, top: 40, bottom: 56 };
  const plotW = W - margin.left - margin.right;
  const aspect = (y1 - y0) / (x1 - x0 || 1);
  const plotH = Math.max(200, Math.min(900, Math.round(plotW * aspect)));
  const H = plotH + margin.top + margin.bottom;
  const sx = linear([x0, x1], [margin.left, margin.left + plotW]);
  const sy = linear([y0, y1], [margin.top + plotH, margin.top]);
  let fmin = Infinity, fmax = -Infinity;
  for (let v = 0; v < V; v++) {
    fmin = Math.min(fmin, field.values[v]);
    fmax = Math.max(fmax, field.values[v]);
  }
  const cmap = colormap('viridis');
  const shade = (f: number) => cmap(fmax > fmin ? (f - fmin) / (fmax - fmin) : 0.5);
  const parts: string[] = [];

  // Filled contour bands between the level sets (F is affine on each face, so a band is the face clipped
  // by two half-planes), flat 2-cells in grey, cell edges in white.
  const faces = complex.cells[2];
  const levels = options.levels ?? 6;
  const cuts = Array.from({ length: levels }, (_, l) => fmin + ((fmax - fmin) * (l + 1)) / (levels + 1));
  const bounds = [-Infinity, ...cuts, Infinity];
  const bandColor = (b: number) => shade(fmin + ((fmax - fmin) * (b + 0.5)) / (levels + 1));
  const banded = faces.count * (levels + 1) <= 400_000;
  for (let i = 0; i < faces.count; i++) {
    const cyc = polygonCycle(complex, i);
    const poly: number[] = [];
    let f = 0;
    for (const v of cyc) {
      poly.push(xy[2 * v], xy[2 * v + 1], field.values[v]);
      f += field.values[v] / cyc.length;
    }
    if (field.flat[2][i] || !banded || !(fmax > fmin)) {
      const pts: number[] = [];
      for (let k = 0; k < poly.length; k += 3) pts.push(sx(poly[k]), sy(poly[k + 1]));
      parts.push(`<path d="${polygonPath(pts)}" fill="${field.flat[2][i] ? '#bdbdbd' : shade(f)}" fill-opacity="0.6"/>`);
    } else {
      for (let b = 0; b + 1 < bounds.length; b++) {
        const piece = clipBelow(clipAbove(poly, bounds[b]), bounds[b + 1]);
        if (piece.length < 9) continue;
        const pts: number[] = [];
        for (let k = 0; k < piece.length; k += 3) pts.push(sx(piece[k]), sy(piece[k + 1]));
        parts.push(`<path d="${polygonPath(pts)}" fill="${bandColor(b)}" fill-opacity="0.6" stroke="${bandColor(b)}" stroke-width="0.3" stroke-opacity="0.6"/>`);
      }
    }
  }
  for (let i = 0; i < faces.count; i++) {
    const pts: number[] = [];
    for (const v of polygonCycle(complex, i)) pts.push(sx(xy[2 * v]), sy(xy[2 * v + 1]));
    parts.push(`<path d="${polygonPath(pts)}" fill="none" stroke="#ffffff" stroke-width="0.7"/>`);
  }

  // Level sets: in each face, the segment where F = t (F affine on the face).
  const ev = inc.cellVertices[1];
  for (const t of fmax > fmin ? cuts : []) {
    let d = '';
    for (let i = 0; i < faces.count; i++) {
      const hits: number[] = [];
      for (let k = faces.facetOffsets[i]; k < faces.facetOffsets[i + 1]; k++) {
        const e = faces.facetIndices[k];
        const a = ev.indices[ev.offsets[e]];
        const b = ev.indices[ev.offsets[e] + 1];
        const fa = field.values[a] - t;
        const fb = field.values[b] - t;
        if ((fa < 0 && fb >= 0) || (fa >= 0 && fb < 0)) {
          const s = fa / (fa - fb);
          hits.push(xy[2 * a] + s * (xy[2 * b] - xy[2 * a]), xy[2 * a + 1] + s * (xy[2 * b + 1] - xy[2 * a + 1]));
        }
      }
      if (hits.length >= 4) d += `M${sx(hits[0]).toFixed(2)} ${sy(hits[1]).toFixed(2)}L${sx(hits[2]).toFixed(2)} ${sy(hits[3]).toFixed(2)}`;
    }
    if (d) parts.push(`<path d="${d}" fill="none" stroke="#222" stroke-width="1" stroke-opacity="0.75"><title>F = ${fmt(t)}</title></path>`);
  }

  // Gradient: critical cells and pair arrows.
  const crit = options.criticalCells;
  if (crit) {
    for (const i of crit[2] ?? []) {
      const cyc = polygonCycle(complex, i);
      const pts: number[] = [];
      for (const v of cyc) pts.push(sx(xy[2 * v]), sy(xy[2 * v + 1]));
      parts.push(`<path d="${polygonPath(pts)}" fill="none" stroke="${COLORS.max}" stroke-width="2.5"/>`);
    }
    for (const e of crit[1] ?? []) {
      const a = ev.indices[ev.offsets[e]];
      const b = ev.indices[ev.offsets[e] + 1];
      parts.push(`<line x1="${sx(xy[2 * a])}" y1="${sy(xy[2 * a + 1])}" x2="${sx(xy[2 * b])}" y2="${sy(xy[2 * b + 1])}" stroke="${COLORS.saddle}" stroke-width="3"/>`);
    }
  }
  if (options.pairs && inc.counts[1] + inc.counts[2] <= 4000) parts.push(arrows(ctx, options.pairs, sx, sy));

  // PL critical points.
  for (const f of flatComponents(ctx)) {
    const [px, py] = [sx(xy[2 * f.vertex]), sy(xy[2 * f.vertex + 1])]; // complex coordinates (slice parameters for a slice)
    parts.push(`<rect x="${px - 4}" y="${py - 4}" width="8" height="8" fill="${COLORS.flat}"><title>flat ${f.dim}-cell at F = ${fmt(f.value)}</title></rect>`);
  }
  for (const p of criticalPoints(ctx)) {
    const loc = [xy[2 * p.vertex], xy[2 * p.vertex + 1]];
    const color = p.index === 0 ? COLORS.min : p.index === complex.dim ? COLORS.max : COLORS.saddle;
    const r = 4.5 + 2.5 * (p.multiplicity - 1);
    const fill = p.boundary ? 'none' : color;
    const label = `${p.index === 0 ? 'minimum' : p.index === complex.dim ? 'maximum' : 'saddle'}${p.multiplicity > 1 ? ` ×${p.multiplicity}` : ''}, F = ${fmt(p.value)}${p.boundary ? ' (boundary)' : ''}`;
    parts.push(`<circle cx="${sx(loc[0])}" cy="${sy(loc[1])}" r="${r}" fill="${fill}" stroke="${color}" stroke-width="2"><title>${escapeXml(label)}</title></circle>`);
  }

  parts.push(axes(sx, sy, { xLabel: complex.plane ? 't₁' : 'x₁', yLabel: complex.plane ? 't₂' : 'x₂' }));
  parts.push(colorBar(W - margin.right + 30, margin.top, 14, Math.min(plotH, 240), fmin, fmax, cmap, 'F'));
  parts.push(legend(W - margin.right + 18, margin.top + Math.min(plotH, 240) + 30));
  if (options.title) parts.push(`<text x="${margin.left}" y="${margin.top - 14}" font-size="14" fill="#111">${escapeXml(options.title)}</text>`);
  return svgDocument(W, H, parts.join('\n'), options.title);
}

/** Sutherland–Hodgman in value space: the part of polygon [x,y,f,…] where f ≥ t (f affine along edges). */
function clipAbove(poly: number[], t: number): number[] {
  if (t === -Infinity) return poly;
  return clip(poly, (f) => f - t);
}

function clipBelow(poly: number[], t: number): number[] {
  if (t === Infinity) return poly;
  return clip(poly, (f) => t - f);
}

function clip(poly: number[], inside: (f: number) => number): number[] {
  const out: number[] = [];
  const m = poly.length / 3;
  for (let k = 0; k < m; k++) {
    const a = k * 3;
    const b = ((k + 1) % m) * 3;
    const ga = inside(poly[a + 2]);
    const gb = inside(poly[b + 2]);
    if (ga >= 0) out.push(poly[a], poly[a + 1], poly[a + 2]);
    if ((ga >= 0) !== (gb >= 0)) {
      const s = ga / (ga - gb);
      out.push(poly[a] + s * (poly[b] - poly[a]), poly[a + 1] + s * (poly[b + 1] - poly[a + 1]), poly[a + 2] + s * (poly[b + 2] - poly[a + 2]));
    }
  }
  return out;
}

function legend(x: number, y: number): string {
  const items: [string, string, boolean][] = [
    ['minimum', COLORS.min, true],
    ['saddle', COLORS.saddle, true],
    ['maximum', COLORS.max, true],
    ['on boundary', '#444', false],
  ];
  const rows = items.map(([name, color, filled], k) => `<circle cx="${x + 6}" cy="${y + k * 18}" r="5" fill="${filled ? color : 'none'}" stroke="${color}" stroke-width="2"/><text x="${x + 16}" y="${y + k * 18 + 4}" fill="#222">${name}</text>`);
  rows.push(`<rect x="${x + 1}" y="${y + 4 * 18 - 5}" width="10" height="10" fill="${COLORS.flat}"/><text x="${x + 16}" y="${y + 4 * 18 + 4}" fill="#222">flat</text>`);
  return rows.join('');
}

/** Gradient pairs as arrows from the lower cell's centre towards the higher cell's centre. */
function arrows(ctx: MorseContext, pairs: Pairs, sx: (v: number) => number, sy: (v: number) => number): string {
  const { complex, incidence: inc } = ctx;
  const centre = (d: number, i: number): [number, number] => {
    const vs = row(inc.cellVertices[d], i);
    let cx = 0, cy = 0;
    for (const v of vs) {
      cx += complex.vertices[2 * v] / vs.length;
      cy += complex.vertices[2 * v + 1] / vs.length;
    }
    return [sx(cx), sy(cy)];
  };
  let d = '';
  for (let dim = 0; dim < 2; dim++) {
    for (let i = 0; i < pairs.up[dim].length; i++) {
      const t = pairs.up[dim][i];
      if (t < 0) continue;
      const [ax, ay] = centre(dim, i);
      const [bx, by] = centre(dim + 1, t);
      const mx = ax + 0.7 * (bx - ax);
      const my = ay + 0.7 * (by - ay);
      const len = Math.hypot(mx - ax, my - ay) || 1;
      const ux = (mx - ax) / len;
      const uy = (my - ay) / len;
      d += `M${ax.toFixed(1)} ${ay.toFixed(1)}L${mx.toFixed(1)} ${my.toFixed(1)}M${(mx - 4 * ux - 2.5 * uy).toFixed(1)} ${(my - 4 * uy + 2.5 * ux).toFixed(1)}L${mx.toFixed(1)} ${my.toFixed(1)}L${(mx - 4 * ux + 2.5 * uy).toFixed(1)} ${(my - 4 * uy - 2.5 * ux).toFixed(1)}`;
    }
  }
  return d ? `<path d="${d}" fill="none" stroke="#333" stroke-width="0.8" stroke-opacity="0.7"/>` : '';
}
