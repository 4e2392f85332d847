/**
 * Canvas drawing of a 2-D complex and its overlays. The complex is drawn from box coordinates, so a
 * complex computed for an older view is simply drawn where it belongs until the new one arrives.
 */
import { categorical, colormap, fmt, linear } from '../../src/render/svg.js';
import type { Polygons } from './compute.js';
import type { ComplexGeometry, ViewBox } from './protocol.js';
import { CLASS_COLOURS, INDEX_COLOURS, rankColour } from './palette.js';
import { transform, type PlotRect, type Transform } from './view.js';

export type ColourMode = 'region' | 'linear' | 'value' | 'rank';

export interface CriticalMark {
  x: number;
  y: number;
  index: number;
  value: number;
  /** On the view's boundary: drawn hollow and smaller. */
  boundary?: boolean;
}

export interface Scene {
  box: ViewBox;
  rect: PlotRect;
  geometry: ComplexGeometry | null;
  /** Range of F over the view (its vertices), for the value colouring. */
  valueRange: [number, number];
  mode: ColourMode;
  output: number;
  /** Rank of each region's map (colour mode 'rank'), and the regions to outline as low rank. */
  ranks: Int32Array | null;
  maxRank: number;
  lowRank: Uint8Array | null;
  showEdges: boolean;
  /** Flat [x0, y0, x1, y1, …] segments in box coordinates. */
  levelSegments: Float64Array | null;
  /** The sublevel set {F ≤ T}, shaded. */
  sublevel: Polygons | null;
  boundarySegments: Float64Array | null;
  critical: CriticalMark[] | null;
  data: { points: Float64Array; labels: Int8Array } | null;
  slicePoints: Float64Array | null;
  /** Pictures of the slice's points, when the inputs are images (thumbs.ts). */
  sliceImages: (HTMLCanvasElement | null)[] | null;
  highlight: number;
  axisLabels: [string, string];
}


/** Fill colour of region r in the categorical modes. */
export function regionColour(scene: Pick<Scene, 'mode' | 'geometry' | 'ranks' | 'maxRank'>, r: number): string {
  const g = scene.geometry!;
  if (scene.mode === 'linear') return categorical(g.linearRegionOf[r]);
  if (scene.mode === 'rank' && scene.ranks) return rankColour(scene.ranks[r], scene.maxRank);
  return categorical(r);
}

const VALUE_STOPS = 12;

/**
 * Colour each region by F exactly: F is affine there, so its colour varies only along ∇F. A linear
 * gradient along ∇F from the region's lowest to its highest vertex, with the colour map sampled at
 * VALUE_STOPS values, paints every pixel with the colour of F at that pixel (up to the stops' spacing).
 */
function fillByValue(ctx: CanvasRenderingContext2D, g: ComplexGeometry, scene: Scene, t: Transform): void {
  const m = g.outputDim;
  const o = scene.output;
  const [lo, hi] = scene.valueRange;
  const span = hi - lo || 1;
  const cmap = colormap('viridis');
  for (let r = 0; r < g.regionCount; r++) {
    let fMin = Infinity;
    let fMax = -Infinity;
    let vMin = -1;
    for (let k = g.ringOffsets[r]; k < g.ringOffsets[r + 1]; k++) {
      const v = g.ringVertices[k];
      const f = g.vertexValues[v * m + o];
      if (f < fMin) (fMin = f), (vMin = v);
      if (f > fMax) fMax = f;
    }
    const jx = g.jacobians[(r * m + o) * 2];
    const jy = g.jacobians[(r * m + o) * 2 + 1];
    const grad2 = jx * jx + jy * jy;
    ctx.beginPath();
    ringPath(ctx, g, r, t);
    if (!(fMax > fMin) || grad2 === 0) {
      ctx.fillStyle = cmap(((fMin + fMax) / 2 - lo) / span);
    } else {
      // From the lowest vertex along ∇F to where F reaches fMax.
      const x0 = g.vertices[2 * vMin];
      const y0 = g.vertices[2 * vMin + 1];
      const k = (fMax - fMin) / grad2;
      const grad = ctx.createLinearGradient(t.sx(x0), t.sy(y0), t.sx(x0 + k * jx), t.sy(y0 + k * jy));
      for (let i = 0; i <= VALUE_STOPS; i++) grad.addColorStop(i / VALUE_STOPS, cmap((fMin + ((fMax - fMin) * i) / VALUE_STOPS - lo) / span));
      ctx.fillStyle = grad;
    }
    ctx.fill();
  }
}

function ringPath(ctx: CanvasRenderingContext2D, g: ComplexGeometry, r: number, t: Transform): void {
  const a = g.ringOffsets[r];
  const b = g.ringOffsets[r + 1];
  for (let k = a; k < b; k++) {
    const v = g.ringVertices[k];
    const px = t.sx(g.vertices[2 * v]);
    const py = t.sy(g.vertices[2 * v + 1]);
    if (k === a) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.closePath();
}

function segments(ctx: CanvasRenderingContext2D, s: Float64Array, t: Transform): void {
  ctx.beginPath();
  for (let i = 0; i + 3 < s.length; i += 4) {
    ctx.moveTo(t.sx(s[i]), t.sy(s[i + 1]));
    ctx.lineTo(t.sx(s[i + 2]), t.sy(s[i + 3]));
  }
  ctx.stroke();
}

/** Segments in `color` over a wider white halo, so they read on any region colour. */
function haloSegments(ctx: CanvasRenderingContext2D, s: Float64Array, t: Transform, width: number, haloWidth: number, color: string): void {
  ctx.lineWidth = haloWidth;
  ctx.strokeStyle = '#ffffff';
  segments(ctx, s, t);
  ctx.lineWidth = width;
  ctx.strokeStyle = color;
  segments(ctx, s, t);
}

function marker(ctx: CanvasRenderingContext2D, x: number, y: number, index: number, boundary = false): void {
  const r = boundary ? 4.5 : 6.5;
  ctx.beginPath();
  if (index === 0) {
    ctx.moveTo(x - r, y - r * 0.7);
    ctx.lineTo(x + r, y - r * 0.7);
    ctx.lineTo(x, y + r);
  } else if (index === 2) {
    ctx.moveTo(x - r, y + r * 0.7);
    ctx.lineTo(x + r, y + r * 0.7);
    ctx.lineTo(x, y - r);
  } else {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r);
    ctx.lineTo(x - r, y);
  }
  ctx.closePath();
  if (boundary) {
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.lineWidth = 1.8;
    ctx.strokeStyle = INDEX_COLOURS[Math.min(index, 3)];
    ctx.stroke();
    return;
  }
  ctx.fillStyle = INDEX_COLOURS[Math.min(index, 3)];
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#fff';
  ctx.stroke();
}

function drawAxes(ctx: CanvasRenderingContext2D, scene: Scene, t: Transform): void {
  const { rect, box } = scene;
  const xs = linear([box.x0, box.x1], [rect.left, rect.left + rect.width]);
  const ys = linear([box.y0, box.y1], [rect.top + rect.height, rect.top]);
  ctx.save();
  ctx.strokeStyle = '#c9ced8';
  ctx.lineWidth = 1;
  ctx.strokeRect(rect.left + 0.5, rect.top + 0.5, rect.width - 1, rect.height - 1);
  ctx.fillStyle = '#5b6272';
  ctx.font = '11px Inter, system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const bottom = rect.top + rect.height;
  ctx.beginPath();
  for (const v of xs.ticks(Math.max(2, Math.round(rect.width / 90)))) {
    const px = Math.round(t.sx(v)) + 0.5;
    ctx.moveTo(px, bottom);
    ctx.lineTo(px, bottom + 4);
    ctx.fillText(fmt(v), px, bottom + 6);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of ys.ticks(Math.max(2, Math.round(rect.height / 70)))) {
    const py = Math.round(t.sy(v)) + 0.5;
    ctx.moveTo(rect.left - 4, py);
    ctx.lineTo(rect.left, py);
    ctx.fillText(fmt(v), rect.left - 6, py);
  }
  ctx.stroke();
  ctx.fillStyle = '#1d2330';
  ctx.font = 'italic 12px Inter, system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillText(scene.axisLabels[0], rect.left + rect.width, bottom + 18);
  ctx.save();
  ctx.translate(rect.left - 38, rect.top);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'right';
  ctx.fillText(scene.axisLabels[1], 0, 0);
  ctx.restore();
  ctx.restore();
}

export function drawScene(canvas: HTMLCanvasElement, scene: Scene): void {
  const dpr = window.devicePixelRatio || 1;
  const cssW = canvas.clientWidth;
  const cssH = canvas.clientHeight;
  if (canvas.width !== Math.round(cssW * dpr) || canvas.height !== Math.round(cssH * dpr)) {
    canvas.width = Math.round(cssW * dpr);
    canvas.height = Math.round(cssH * dpr);
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, cssW, cssH);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, cssW, cssH);
  const { rect } = scene;
  const t = transform(scene.box, rect);
  const g = scene.geometry;

  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.left, rect.top, rect.width, rect.height);
  ctx.clip();
  ctx.fillStyle = '#f1f2f5';
  ctx.fillRect(rect.left, rect.top, rect.width, rect.height);

  if (g) {
    if (scene.mode === 'value') {
      fillByValue(ctx, g, scene, t);
    } else {
      // Slightly washed out over white: the palette stays distinct but calm under the overlays.
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(rect.left, rect.top, rect.width, rect.height);
      ctx.globalAlpha = 0.8;
      for (let r = 0; r < g.regionCount; r++) {
        ctx.beginPath();
        ringPath(ctx, g, r, t);
        ctx.fillStyle = regionColour(scene, r);
        ctx.fill();
      }
      ctx.globalAlpha = 1;
    }
    if (scene.sublevel) {
      // Shade {F ≤ T}: the components and holes the Betti numbers count.
      const { offsets, xy } = scene.sublevel;
      ctx.beginPath();
      for (let k = 0; k + 1 < offsets.length; k++) {
        for (let i = offsets[k]; i < offsets[k + 1]; i++) {
          const px = t.sx(xy[2 * i]);
          const py = t.sy(xy[2 * i + 1]);
          if (i === offsets[k]) ctx.moveTo(px, py);
          else ctx.lineTo(px, py);
        }
        ctx.closePath();
      }
      ctx.fillStyle = 'rgba(15, 23, 42, 0.32)';
      ctx.fill();
    }
    if (scene.lowRank) {
      ctx.save();
      ctx.fillStyle = 'rgba(20, 20, 30, 0.35)';
      for (let r = 0; r < g.regionCount; r++) {
        if (!scene.lowRank[r]) continue;
        ctx.beginPath();
        ringPath(ctx, g, r, t);
        ctx.fill();
      }
      ctx.restore();
    }
    if (scene.showEdges) {
      ctx.beginPath();
      for (let e = 0; e < g.edges.length; e += 2) {
        const a = g.edges[e];
        const b = g.edges[e + 1];
        ctx.moveTo(t.sx(g.vertices[2 * a]), t.sy(g.vertices[2 * a + 1]));
        ctx.lineTo(t.sx(g.vertices[2 * b]), t.sy(g.vertices[2 * b + 1]));
      }
      ctx.lineWidth = 0.9;
      ctx.strokeStyle = scene.mode === 'value' ? 'rgba(255,255,255,0.55)' : 'rgba(35,40,55,0.55)';
      ctx.stroke();
    }
    if (scene.highlight >= 0 && scene.highlight < g.regionCount) {
      ctx.beginPath();
      ringPath(ctx, g, scene.highlight, t);
      ctx.fillStyle = 'rgba(255,255,255,0.28)';
      ctx.fill();
      ctx.lineWidth = 2.2;
      ctx.strokeStyle = '#1d2330';
      ctx.stroke();
    }
  }
  if (scene.levelSegments) haloSegments(ctx, scene.levelSegments, t, 1.2, 2, '#7c3aed');
  if (scene.boundarySegments) haloSegments(ctx, scene.boundarySegments, t, 2, 3.5, '#111827');
  if (scene.data) {
    const { points, labels } = scene.data;
    for (let i = 0; i < labels.length; i++) {
      ctx.beginPath();
      ctx.arc(t.sx(points[2 * i]), t.sy(points[2 * i + 1]), 3.4, 0, 2 * Math.PI);
      ctx.fillStyle = CLASS_COLOURS[labels[i] > 0 ? 1 : 0];
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    }
  }
  if (scene.slicePoints) {
    const p = scene.slicePoints;
    ctx.font = '600 12px Inter, system-ui, sans-serif';
    for (let i = 0; i < p.length / 2; i++) {
      const x = t.sx(p[2 * i]);
      const y = t.sy(p[2 * i + 1]);
      ctx.beginPath();
      ctx.arc(x, y, 5, 0, 2 * Math.PI);
      ctx.fillStyle = '#111827';
      ctx.fill();
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#fff';
      ctx.stroke();
      ctx.fillStyle = '#111827';
      ctx.fillText(`p${i}`, x + 8, y - 6);
      const img = scene.sliceImages?.[i];
      if (img) {
        // The input itself, framed, beside its label.
        const size = 42;
        ctx.imageSmoothingEnabled = false;
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(x + 7, y + 1, size + 4, size + 4);
        ctx.drawImage(img, x + 9, y + 3, size, size);
        ctx.strokeStyle = '#c9ced8';
        ctx.lineWidth = 1;
        ctx.strokeRect(x + 7.5, y + 1.5, size + 3, size + 3);
        ctx.imageSmoothingEnabled = true;
      }
    }
  }
  if (scene.critical) {
    for (const c of scene.critical) if (c.boundary) marker(ctx, t.sx(c.x), t.sy(c.y), c.index, true);
    for (const c of scene.critical) if (!c.boundary) marker(ctx, t.sx(c.x), t.sy(c.y), c.index);
  }
  ctx.restore();
  drawAxes(ctx, scene, t);
}

/** Index of the region containing box point (x, y), or −1 (ray casting over the rings, bbox first). */
export function regionAt(g: ComplexGeometry, x: number, y: number): number {
  const V = g.vertices;
  for (let r = 0; r < g.regionCount; r++) {
    const a = g.ringOffsets[r];
    const b = g.ringOffsets[r + 1];
    let inside = false;
    for (let k = a, j = b - 1; k < b; j = k++) {
      const vi = g.ringVertices[k];
      const vj = g.ringVertices[j];
      const xi = V[2 * vi];
      const yi = V[2 * vi + 1];
      const xj = V[2 * vj];
      const yj = V[2 * vj + 1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    if (inside) return r;
  }
  return -1;
}
