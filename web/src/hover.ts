/**
 * The hover card: which region the pointer is in, its sign sequence and affine map (read from the
 * complex the worker built), and F at the pointer (evaluated by the library). The exact numbers ride
 * along in data- attributes, so tests read them without parsing the pretty text.
 */
import { escapeXml } from '../../src/render/svg.js';
import { evaluate } from '../../src/net/evaluate.js';
import type { Network } from '../../src/net/network.js';
import { unpackSigns } from '../../src/net/signs.js';
import type { ComplexGeometry } from './protocol.js';

export function num(v: number, digits = 4): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) return v.toExponential(2);
  return String(Number(v.toPrecision(digits)));
}

/** The region's sign sequence as "+-0|+-…" (layers separated by |). */
export function regionSignString(g: ComplexGeometry, r: number): string {
  const signs = unpackSigns(g.regionSigns, g.hiddenCount, r * g.signWords);
  let s = '';
  let k = 0;
  g.hiddenWidths.forEach((w, l) => {
    if (l > 0) s += '|';
    for (let i = 0; i < w; i++, k++) s += signs[k] > 0 ? '+' : signs[k] < 0 ? '-' : '0';
  });
  return s;
}

function colouredSigns(s: string): string {
  return [...s].map((c) => (c === '+' ? '<span class="p">+</span>' : c === '-' ? '<span class="m">−</span>' : c === '|' ? '<span class="bar">|</span>' : '<span class="z">0</span>')).join('');
}

export interface HoverInfo {
  region: number;
  /** The pointer in the drawn plane, and the same point in the network's input space. */
  planePoint: [number, number];
  inputPoint: Float64Array;
  signs: string;
  output: Float64Array;
}

export function hoverInfo(g: ComplexGeometry, net: Network, region: number, planePoint: [number, number], inputPoint: Float64Array): HoverInfo {
  return { region, planePoint, inputPoint, signs: regionSignString(g, region), output: evaluate(net, inputPoint) };
}

export function hoverHTML(g: ComplexGeometry, info: HoverInfo, swatch: string, coords: [string, string]): string {
  const r = info.region;
  const m = g.outputDim;
  const rows: string[] = [];
  const [a, b] = coords;
  for (let o = 0; o < Math.min(m, 4); o++) {
    const J = g.jacobians.subarray((r * m + o) * 2, (r * m + o) * 2 + 2);
    const c = g.offsets[r * m + o];
    const sub = m > 1 ? `<sub>${o + 1}</sub>` : '';
    rows.push(`<tr><td>F${sub}</td><td>${num(J[0])}·${a} ${J[1] < 0 ? '−' : '+'} ${num(Math.abs(J[1]))}·${b} ${c < 0 ? '−' : '+'} ${num(Math.abs(c))}</td></tr>`);
  }
  if (m > 4) rows.push(`<tr><td></td><td>… ${m - 4} more outputs</td></tr>`);
  const value = Array.from(info.output.subarray(0, 4), (v) => num(v, 6)).join(', ') + (m > 4 ? ', …' : '');
  const lin = g.linearRegionOf[r];
  return (
    `<div class="title"><span class="swatch" style="background:${swatch}"></span>Region ${r + 1} of ${g.regionCount}` +
    `<span class="muted" style="font-weight:400">· linear region ${lin + 1}</span></div>` +
    `<div class="signs" data-testid="hover-signs">${colouredSigns(info.signs)}</div>` +
    `<table>${rows.join('')}` +
    `<tr><td>at</td><td>(${num(info.planePoint[0], 5)}, ${num(info.planePoint[1], 5)})</td></tr>` +
    `<tr><td>F(x)</td><td data-testid="hover-value">${escapeXml(value)}</td></tr></table>`
  );
}
