/**
 * The visible box and its map to pixels. Both axes share one scale (a square in the input plane is a
 * square on screen), so the box always has the plot area's aspect ratio.
 */
import type { ViewBox } from './protocol.js';

export interface PlotRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export const MARGIN = { left: 52, right: 16, top: 14, bottom: 34 };

export function plotRect(cssWidth: number, cssHeight: number): PlotRect {
  return {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(10, cssWidth - MARGIN.left - MARGIN.right),
    height: Math.max(10, cssHeight - MARGIN.top - MARGIN.bottom),
  };
}

/** Grow the box (about its centre) so that it fills the rect with equal x and y scales. */
export function fitBox(box: ViewBox, rect: PlotRect): ViewBox {
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const s = Math.max(w / rect.width, h / rect.height);
  const hw = (s * rect.width) / 2;
  const hh = (s * rect.height) / 2;
  return { x0: cx - hw, x1: cx + hw, y0: cy - hh, y1: cy + hh };
}

export interface Transform {
  /** Box x → pixel x. */
  sx(x: number): number;
  sy(y: number): number;
  /** Pixel → box. */
  ix(px: number): number;
  iy(py: number): number;
  /** Pixels per unit. */
  scale: number;
}

export function transform(box: ViewBox, rect: PlotRect): Transform {
  const kx = rect.width / (box.x1 - box.x0);
  const ky = rect.height / (box.y1 - box.y0);
  return {
    sx: (x) => rect.left + (x - box.x0) * kx,
    sy: (y) => rect.top + (box.y1 - y) * ky,
    ix: (px) => box.x0 + (px - rect.left) / kx,
    iy: (py) => box.y1 - (py - rect.top) / ky,
    scale: kx,
  };
}

/** Zoom by `factor` (< 1 zooms in) keeping the box point (px, py) fixed. */
export function zoomAt(box: ViewBox, x: number, y: number, factor: number): ViewBox {
  return { x0: x + (box.x0 - x) * factor, x1: x + (box.x1 - x) * factor, y0: y + (box.y0 - y) * factor, y1: y + (box.y1 - y) * factor };
}

export function panBy(box: ViewBox, dx: number, dy: number): ViewBox {
  return { x0: box.x0 + dx, x1: box.x1 + dx, y0: box.y0 + dy, y1: box.y1 + dy };
}

export function sameBox(a: ViewBox, b: ViewBox): boolean {
  return a.x0 === b.x0 && a.x1 === b.x1 && a.y0 === b.y0 && a.y1 === b.y1;
}
