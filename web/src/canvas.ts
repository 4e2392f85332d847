/**
 * Drawing and pointing: the scene handed to draw.ts, the legend, and the hover card.
 */
import { planePoint } from '../../src/net/slice.js';
import { colormap } from '../../src/render/svg.js';
import { drawScene, regionAt, regionColour, type Scene } from './draw.js';
import { hoverHTML, hoverInfo, num } from './hover.js';
import { CLASS_COLOURS, INDEX_COLOURS, INDEX_NAMES, rankColour } from './palette.js';
import { app, el, rect, sub } from './state.js';
import { inputImage } from './thumbs.js';
import { transform, type Transform } from './view.js';

/** The region under the pointer, found in the drawn complex, and its hover card. */
export function onPointerHover(px: number, py: number): void {
  const g = app.geometry;
  const net = app.net;
  if (!g || !net) return hideHover();
  const r = rect();
  if (px < r.left || py < r.top || px > r.left + r.width || py > r.top + r.height) return hideHover();
  const t = transform(app.box, r);
  const x = t.ix(px);
  const y = t.iy(py);
  const region = regionAt(g, x, y);
  if (region < 0) return hideHover();
  const input = app.plane ? planePoint(app.plane, [x, y]) : Float64Array.of(x, y);
  const info = hoverInfo(g, net, region, [x, y], input);
  const scene = sceneNow();
  el.hover.innerHTML = hoverHTML(g, info, regionColour(scene, region), app.plane && app.slicePoints ? ['t₁', 't₂'] : app.axisLabels);
  const near = nearestCritical(t, px, py);
  if (near) {
    const line = document.createElement('div');
    line.className = 'critical-line';
    line.innerHTML = `<span class="dot" style="background:${INDEX_COLOURS[Math.min(near.index, 3)]}"></span>${near.boundary ? 'boundary ' : ''}${INDEX_NAMES[Math.min(near.index, 3)]}${near.multiplicity > 1 ? ` (multiplicity ${near.multiplicity})` : ''} at (${num(near.x, 5)}, ${num(near.y, 5)}), F = ${num(near.value, 6)}`;
    el.hover.append(line);
  }
  const picture = inputImage(input);
  if (picture) {
    picture.className = 'thumb';
    picture.title = 'the input at the pointer';
    el.hover.append(picture);
  }
  el.hover.dataset.region = String(region);
  el.hover.dataset.signs = info.signs;
  el.hover.dataset.point = JSON.stringify(Array.from(input));
  el.hover.dataset.planePoint = JSON.stringify([x, y]);
  el.hover.dataset.output = JSON.stringify(Array.from(info.output));
  el.hover.hidden = false;
  const w = el.hover.offsetWidth;
  const h = el.hover.offsetHeight;
  const W = el.stage.clientWidth;
  const H = el.stage.clientHeight;
  el.hover.style.left = `${px + 18 + w > W ? px - w - 14 : px + 18}px`;
  el.hover.style.top = `${py + 18 + h > H ? Math.max(4, py - h - 14) : py + 18}px`;
  if (app.hoverRegion !== region) {
    app.hoverRegion = region;
    render();
  }
}

/** The critical point drawn within 8 px of the pointer, if the layer is on. */
function nearestCritical(t: Transform, px: number, py: number) {
  if (!el.showCritical.checked || !app.critical) return null;
  let best = null;
  let bestD = 8;
  for (const c of app.critical.points) {
    const d = Math.hypot(t.sx(c.x) - px, t.sy(c.y) - py);
    if (d <= bestD) (best = c), (bestD = d);
  }
  return best;
}

export function hideHover(): void {
  el.hover.hidden = true;
  if (app.hoverRegion !== -1) {
    app.hoverRegion = -1;
    render();
  }
}

/** Everything draw.ts needs, from the state. */
export function sceneNow(): Scene {
  return {
    box: app.box,
    rect: rect(),
    geometry: app.geometry,
    valueRange: app.levelRange,
    mode: app.mode,
    output: app.output,
    ranks: rankColumn(),
    maxRank: app.ranks ? app.ranks.fullRank[app.rankLayer] : 0,
    lowRank: el.showLowrank.checked ? lowRankFlags() : null,
    showEdges: el.showEdges.checked,
    levelSegments: el.showLevel.checked ? app.levelSegments : null,
    sublevel: el.showBetti.checked ? app.sublevel : null,
    boundarySegments: el.showBoundary.checked ? app.boundarySegments : null,
    critical: el.showCritical.checked && app.critical ? app.critical.points : null,
    data: el.showData.checked && !app.plane ? app.data : null,
    slicePoints: app.slicePoints,
    sliceImages: app.sliceImages,
    highlight: app.hoverRegion,
    axisLabels: app.axisLabels,
  };
}

/** Rank of every region at the chosen layer, when ranks for the current complex are at hand. */
export function rankColumn(): Int32Array | null {
  const r = app.ranks;
  const g = app.geometry;
  if (!r || !g || r.ranks.length !== g.regionCount * r.layers) return null;
  return Int32Array.from({ length: g.regionCount }, (_, i) => r.ranks[i * r.layers + app.rankLayer]);
}

export function lowRankFlags(): Uint8Array | null {
  const col = rankColumn();
  if (!col || !app.ranks) return null;
  const full = app.ranks.fullRank[app.rankLayer];
  return Uint8Array.from(col, (k) => (k < full ? 1 : 0));
}

let framePending = false;
/** Draw at the next animation frame (at most once a frame). */
export function render(): void {
  if (framePending) return;
  framePending = true;
  requestAnimationFrame(() => {
    framePending = false;
    drawScene(el.canvas, sceneNow());
    drawLegend();
  });
}

/** The legend box: colour bar, data classes, critical-point indices, ranks. */
export function drawLegend(): void {
  const items: string[] = [];
  if (app.mode === 'value' && app.geometry) {
    const f = colormap('viridis');
    const stops = Array.from({ length: 11 }, (_, i) => f(i / 10)).join(',');
    items.push(`<div style="margin-bottom:3px">F${app.net && app.net.outputDim > 1 ? sub(app.output + 1) : ''} in view</div><div style="width:150px;height:9px;border-radius:3px;background:linear-gradient(90deg,${stops})"></div><div style="display:flex;justify-content:space-between"><span>${num(app.levelRange[0], 3)}</span><span>${num(app.levelRange[1], 3)}</span></div>`);
  }
  if (app.data && el.showData.checked && !app.plane) {
    items.push(CLASS_COLOURS.map((c, i) => `<div class="item"><span class="dot" style="background:${c}"></span>class ${i}</div>`).join(''));
  }
  if (el.showCritical.checked && app.critical && app.critical.points.length > 0) {
    const seen = new Set(app.critical.points.map((c) => Math.min(c.index, 3)));
    items.push([...seen].sort().map((i) => `<div class="item"><span class="dot" style="background:${INDEX_COLOURS[i]}"></span>${INDEX_NAMES[i]}</div>`).join(''));
  }
  if (app.mode === 'rank' && app.ranks) {
    const present = new Set(rankColumn() ?? []);
    const full = app.ranks.fullRank[app.rankLayer];
    items.push([...present].sort((a, b) => b - a).map((k) => `<div class="item"><span class="dot" style="background:${rankColour(k, full)}"></span>rank ${k}${k === full ? ' (full)' : ''}</div>`).join(''));
  }
  el.legend.hidden = items.length === 0;
  el.legend.innerHTML = items.join('<hr style="border:none;border-top:1px solid #e2e5eb;margin:5px 0">');
}
