/**
 * The side cards for the analysis layers: what the library computed, as small charts and numbers.
 * Each function takes a worker result (analysis.ts) and returns HTML.
 */
import { categorical } from '../../src/render/svg.js';
import type { CriticalResult, RankResult, TopologyResult, TropicalResult } from './analysis.js';
import { lineChart, scatterChart, type ScatterPoint } from './charts.js';
import { DEGREE_COLOURS, INDEX_COLOURS, INDEX_NAMES, rankColour } from './palette.js';
import { num } from './hover.js';


function subscript(k: number): string {
  return String(k).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

export function criticalHTML(r: CriticalResult, dim = 2): string {
  const rows = Array.from({ length: dim + 1 }, (_, k) => {
    const c = r.countsByIndex[k] ?? 0;
    const b = r.boundaryCountsByIndex[k] ?? 0;
    return `<span><i class="dot" style="background:${INDEX_COLOURS[k]}"></i> ${INDEX_NAMES[k]}s</span><span><b data-index="${k}">${c}</b> inside · ${b} on the boundary</span>`;
  });
  const alt = r.countsByIndex.reduce((s, c, k) => s + (k % 2 === 0 ? c : -c), 0);
  return (
    `<div class="kv">${rows.join('')}<span>flat components</span><span>${r.degenerate}</span></div>` +
    `<div class="note">Σ(−1)<sup>k</sup> over all critical points (boundary and flat included) = <b>${r.euler.total}</b> ${r.euler.holds ? '= χ(box) ✓' : '≠ χ(box) = 1 ✗'}. ` +
    `${r.plMorse ? 'F is PL Morse inside the view.' : 'Not PL Morse inside the view (flat cells or degenerate points).'} ` +
    `Interior alternating sum ${alt}. Hollow markers sit on the view's boundary (Brooks &amp; Masden, lower-star homology).</div>`
  );
}

export function bettiHTML(r: TopologyResult, level: number): string {
  const degrees = r.curve.length;
  const pad = 0.04 * (r.range[1] - r.range[0] || 1);
  const series = r.curve.slice(0, 2).map((c, k) => {
    const xy: number[] = [r.range[0] - pad, 0];
    for (let i = 0; i < r.levels.length; i++) xy.push(r.levels[i], c[i]);
    xy.push(r.range[1] + pad, c[c.length - 1] ?? 0);
    return { xy, colour: DEGREE_COLOURS[k], step: true, label: `β${subscript(k)}`, width: 2 };
  });
  const numbers = r.bettiAtLevel
    .slice(0, Math.max(2, degrees - 1))
    .map((b, k) => `<span class="big" style="color:${DEGREE_COLOURS[k]}" data-testid="betti-${k}">β${subscript(k)} = ${b}</span>`)
    .join(' &nbsp; ');
  const agree = r.bettiAtLevel.every((b, k) => b === (r.bettiFromBarcode[k] ?? 0));
  return (
    `<div>${numbers}</div>` +
    lineChart(series, { xLabel: 'level T', yLabel: 'Betti number', marker: level, legend: true }) +
    `<div class="note">{F ≤ T} is shaded on the canvas. Z/2 Betti numbers of it at T = ${num(level)}: from the sublevel complex (src/morse) and the lower-star barcode (src/topology) — ${agree ? 'they agree ✓' : `they disagree (${r.bettiFromBarcode.join(', ')}) ✗`}.</div>`
  );
}

export function persistenceHTML(r: TopologyResult): string {
  const points: ScatterPoint[] = [];
  const [lo, hi] = r.range;
  const top = hi + 0.08 * (hi - lo || 1);
  let essential = 0;
  let finite = 0;
  r.bars.forEach((bars, k) => {
    for (let i = 0; i < bars.length; i += 2) {
      const birth = bars[i];
      const death = bars[i + 1];
      const inf = !Number.isFinite(death);
      if (inf) essential++;
      else finite++;
      points.push({ x: birth, y: inf ? top : death, colour: DEGREE_COLOURS[k] ?? categorical(k), r: inf ? 4.5 : 3.5, title: `H${k}: born ${num(birth)}, ${inf ? 'never dies' : `dies ${num(death)}`}` });
    }
  });
  const legend = r.bars.map((b, k) => (b.length ? `<span style="color:${DEGREE_COLOURS[k]}">● H${subscript(k)} (${b.length / 2})</span>` : '')).join(' ');
  return (
    scatterChart(points, { xLabel: 'birth', yLabel: 'death', diagonal: true }) +
    `<div class="note">${legend}<br>${finite} finite pairs, ${essential} essential class${essential === 1 ? '' : 'es'} (drawn on top). Sublevel persistence of F on the complex of the view.</div>`
  );
}

export function newtonHTML(r: TropicalResult): string {
  const points: ScatterPoint[] = [];
  const polys = [
    { p: r.numerator, colour: '#2563eb' },
    { p: r.denominator, colour: '#e07b39' },
  ];
  for (const { p, colour } of polys) for (let i = 0; i < p.count; i++) points.push({ x: p.points[2 * i], y: p.points[2 * i + 1], colour, r: 3 });
  return (
    scatterChart(points, { xLabel: 'exponent of x₁', yLabel: 'exponent of x₂', polygons: polys.map(({ p, colour }) => ({ xy: Array.from(p.hull), colour })) }) +
    `<div class="note"><span style="color:#2563eb">● f</span> (${r.numerator.count} monomials) and <span style="color:#e07b39">● g</span> (${r.denominator.count}) with F = f − g as tropical polynomials (Zhang, Naitzat &amp; Lim 2018), ${r.exact ? 'exact rationals' : 'floating point'}, redundant monomials pruned. Each point is a monomial's exponent; the outlines are the Newton polygons.</div>`
  );
}

export function rankHTML(r: RankResult, layer: number, layerName: string): string {
  const L = r.layers;
  const byRank = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < r.volumes.length; i++) {
    const k = r.ranks[i * L + layer];
    byRank.set(k, (byRank.get(k) ?? 0) + r.volumes[i]);
    total += r.volumes[i];
  }
  const full = r.fullRank[layer];
  const rows = [...byRank.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([k, v]) => `<span><i class="dot" style="background:${rankColour(k, full)}"></i> rank ${k}${k === full ? ' (full)' : ''}</span><span><b>${(100 * v / (total || 1)).toFixed(1)}%</b> of the area</span>`);
  return `<div class="kv">${rows.join('')}</div><div class="note">Rank of the map from the input to representation ${layerName} on each region, exact from its sign sequence (Beshkov &amp; Einevoll 2024). Full rank here is ${full}; lower-rank regions fold the input.</div>`;
}
