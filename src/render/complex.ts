/**
 * Pictures of 2-D complexes (boxes, polytopes, 2-D slices): every region filled, thin dark edges, axes in
 * the domain's coordinates (slice parameters t₁, t₂ for slices) and a legend or colour bar.
 * Colour by region (linear region, categorical), by value (F at the region's interior point, viridis),
 * or by rank (rank of the last hidden layer's Jacobian on the region, a discrete palette; Beshkov &
 * Einevoll, arXiv 2404.19710, §2).
 */
import { affineMapForPattern } from '../net/affine.js';
import type { Network } from '../net/network.js';
import { TesseraError } from '../numeric/errors.js';
import { DEFAULT_TOLERANCE } from '../numeric/tolerance.js';
import { planarBounds, polygonCycle } from '../complex/geometry.js';
import { cellSignSequence, linearRegions } from '../complex/query.js';
import type { Complex } from '../complex/types.js';
import { axes, categorical, colorBar, colormap, escapeXml, linear, polygonPath, svgDocument } from './svg.js';

export type ComplexColoring = 'region' | 'value' | 'rank';

export interface ComplexSVGOptions {
  readonly color?: ComplexColoring;
  /** The network on the complex's own coordinates (for a slice: the sliced network); needed for 'rank'. */
  readonly net?: Network;
  readonly width?: number;
  readonly title?: string;
  /** Output component for 'value' (default 0). */
  readonly output?: number;
}

const RANK_COLORS = ['#3b4252', '#e5a50a', '#2a9d8f', '#7b61ff', '#e76f51', '#8ab17d'];

/** Rank of a rows × cols matrix by elimination with partial pivoting, zero relative to its largest entry. */
export function matrixRank(a: Float64Array, rows: number, cols: number): number {
  const m = Float64Array.from(a);
  let big = 0;
  for (const x of m) big = Math.max(big, Math.abs(x));
  if (big === 0) return 0;
  const eps = 1e-10 * big * Math.max(rows, cols);
  let rank = 0;
  for (let c = 0; c < cols && rank < rows; c++) {
    let p = rank;
    for (let r = rank + 1; r < rows; r++) if (Math.abs(m[r * cols + c]) > Math.abs(m[p * cols + c])) p = r;
    if (Math.abs(m[p * cols + c]) <= eps) continue;
    for (let j = 0; j < cols; j++) [m[p * cols + j], m[rank * cols + j]] = [m[rank * cols + j], m[p * cols + j]];
    for (let r = rank + 1; r < rows; r++) {
      const f = m[r * cols + c] / m[rank * cols + c];
      for (let j = c; j < cols; j++) m[r * cols + j] -= f * m[rank * cols + j];
    }
    rank++;
  }
  return rank;
}

/** Rank of the last hidden layer's Jacobian (activations after ReLU) on every top cell. */
export function regionRanks(complex: Complex, net: Network): Int32Array {
  const n = complex.dim;
  const R = complex.cells[n].count;
  const out = new Int32Array(R);
  const L = net.layers.length;
  if (L < 2) return out.fill(Math.min(n, net.outputDim));
  const width = net.layers[L - 2].outDim;
  const offset = complex.hiddenCount - width;
  for (let r = 0; r < R; r++) {
    const signs = cellSignSequence(complex, n, r);
    const map = affineMapForPattern(net, signs, L - 2);
    const J = Float64Array.from(map.jacobian);
    for (let o = 0; o < width; o++) if (!(signs[offset + o] > 0)) J.fill(0, o * n, (o + 1) * n);
    out[r] = matrixRank(J, width, n);
  }
  return out;
}

export function renderComplexSVG(complex: Complex, options: ComplexSVGOptions = {}): string {
  if (complex.dim !== 2) throw new TesseraError('unsupported', `pictures are drawn for 2-D complexes (and 2-D slices), this one is ${complex.dim}-D`);
  const color = options.color ?? 'region';
  const W = options.width ?? 720;
  const plot = W - 250;
  const margin = { left: 70, top: 40 };
  const X = complex.vertices;
  const [x0, x1, y0, y1] = planarBounds(X, complex.vertexCount);
  // Equal units on both axes, so regions keep their shapes.
  const span = Math.max(x1 - x0, y1 - y0) || 1;
  const pw = (plot * (x1 - x0)) / span;
  const ph = (plot * (y1 - y0)) / span;
  const sx = linear([x0, x1], [margin.left, margin.left + pw]);
  const sy = linear([y0, y1], [margin.top + ph, margin.top]);
  const H = Math.round(ph + margin.top + (complex.plane ? 72 : 60));
  const R = complex.cells[2].count;
  const fills: string[] = new Array(R);
  let legend = '';
  const legendX = margin.left + pw + 30;
  if (color === 'value') {
    const m = complex.outputDim;
    const o = options.output ?? 0;
    const vals = new Float64Array(R);
    let lo = Infinity, hi = -Infinity;
    for (let r = 0; r < R; r++) {
      let v = complex.topOffsets[r * m + o];
      for (let j = 0; j < 2; j++) v += complex.topJacobians[(r * m + o) * 2 + j] * complex.topInteriorPoints[r * 2 + j];
      vals[r] = v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const cmap = colormap('viridis');
    for (let r = 0; r < R; r++) fills[r] = cmap(hi > lo ? (vals[r] - lo) / (hi - lo) : 0.5);
    legend = colorBar(legendX, margin.top + 20, 18, Math.min(ph - 20, 300), lo, hi, cmap, m > 1 ? `F${o + 1}` : 'F');
  } else if (color === 'rank') {
    if (!options.net) throw new TesseraError('input', "colouring by rank needs the network (options.net)");
    const ranks = regionRanks(complex, options.net);
    const seen = new Set<number>();
    for (let r = 0; r < R; r++) {
      fills[r] = RANK_COLORS[ranks[r] % RANK_COLORS.length];
      seen.add(ranks[r]);
    }
    const items = [...seen].sort((a, b) => a - b);
    legend =
      `<text x="${legendX}" y="${margin.top + 10}" fill="#111">rank</text>` +
      items.map((k, i) => `<rect x="${legendX}" y="${margin.top + 22 + i * 22}" width="16" height="16" fill="${RANK_COLORS[k % RANK_COLORS.length]}" stroke="#333"/><text x="${legendX + 24}" y="${margin.top + 35 + i * 22}" fill="#333">${k}</text>`).join('');
  } else {
    const lin = linearRegions(complex, DEFAULT_TOLERANCE);
    for (let r = 0; r < R; r++) fills[r] = categorical(lin.labels[r]);
    legend = `<text x="${legendX}" y="${margin.top + 10}" fill="#111">${R} activation regions</text><text x="${legendX}" y="${margin.top + 28}" fill="#111">${lin.count} linear regions</text>`;
  }
  const parts: string[] = [];
  for (let r = 0; r < R; r++) {
    const cyc = polygonCycle(complex, r);
    const xy = new Float64Array(cyc.length * 2);
    cyc.forEach((v, i) => {
      xy[2 * i] = sx(X[2 * v]);
      xy[2 * i + 1] = sy(X[2 * v + 1]);
    });
    parts.push(`<path d="${polygonPath(xy)}" fill="${fills[r]}"/>`);
  }
  // Edges in one path: thin, dark, drawn over the fills.
  const E = complex.cells[1];
  let d = '';
  for (let e = 0; e < E.count; e++) {
    const a = E.facetIndices[E.facetOffsets[e]];
    const b = E.facetIndices[E.facetOffsets[e] + 1];
    d += `M${sx(X[2 * a]).toFixed(2)} ${sy(X[2 * a + 1]).toFixed(2)}L${sx(X[2 * b]).toFixed(2)} ${sy(X[2 * b + 1]).toFixed(2)}`;
  }
  const edgeWidth = R > 5000 ? 0.25 : R > 500 ? 0.5 : 0.9;
  parts.push(`<path d="${d}" fill="none" stroke="#1d1d28" stroke-width="${edgeWidth}" stroke-opacity="0.85" stroke-linejoin="round"/>`);
  const labels = complex.plane ? { xLabel: 't₁', yLabel: 't₂' } : { xLabel: 'x₁', yLabel: 'x₂' };
  const title = options.title ?? `${R} regions${complex.plane ? ' (slice)' : ''} · coloured by ${color}`;
  const body =
    `<text x="${margin.left}" y="${margin.top - 16}" font-size="14" fill="#111">${escapeXml(title)}</text>\n` +
    `<g>${parts.join('')}</g>\n` +
    axes(sx, sy, labels) +
    '\n' +
    legend +
    (complex.plane ? slicePoints(sx, sy, margin.left, margin.top + ph + 52) : '');
  return svgDocument(W, H, body, title);
}

/** The slice's defining points (t = 0, e₁, e₂) marked and numbered, and a note saying so. */
function slicePoints(sx: (v: number) => number, sy: (v: number) => number, noteX: number, noteY: number): string {
  const pts: [number, number][] = [[0, 0], [1, 0], [0, 1]];
  return (
    pts
      .map(([a, b], i) => {
        const x = sx(a).toFixed(1);
        const y = sy(b).toFixed(1);
        return `<circle cx="${x}" cy="${y}" r="4.5" fill="#fff" stroke="#111" stroke-width="1.5"/><text x="${Number(x) + 7}" y="${Number(y) - 6}" fill="#111" font-weight="bold">${i + 1}</text>`;
      })
      .join('') + `<text x="${noteX}" y="${noteY}" fill="#555" font-size="11">slice coordinates t: points 1, 2, 3 of the slice file are at (0,0), (1,0), (0,1)</text>`
  );
}
