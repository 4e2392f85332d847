/**
 * The page's state (one object, mutated by the handlers, drawn by render()) and its DOM handles.
 */
import type { Network } from '../../src/net/network.js';
import type { AffinePlane } from '../../src/net/slice.js';
import type { CriticalResult, RankResult, TopologyResult, TropicalResult } from './analysis.js';
import type { Polygons } from './compute.js';
import type { ColourMode } from './draw.js';
import type { SliceEntry } from './loading.js';
import type { ComplexGeometry, ViewBox } from './protocol.js';
import { plotRect } from './view.js';

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
export const el = {
  canvas: $<HTMLCanvasElement>('canvas'),
  stage: $('stage'),
  stats: $('stats'),
  busy: $('busy'),
  error: $('error'),
  hover: $('hover'),
  legend: $('legend'),
  exampleSelect: $<HTMLSelectElement>('example-select'),
  drop: $('drop'),
  fileInput: $<HTMLInputElement>('file-input'),
  netInfo: $('net-info'),
  sliceControls: $('slice-controls'),
  sliceMode: $<HTMLSelectElement>('slice-mode'),
  sliceAxes: $('slice-axes'),
  sliceI: $<HTMLInputElement>('slice-i'),
  sliceJ: $<HTMLInputElement>('slice-j'),
  slicePoints: $('slice-points'),
  slicePointsText: $<HTMLTextAreaElement>('slice-points-text'),
  sliceRandom: $<HTMLButtonElement>('slice-random'),
  sliceFile: $<HTMLSelectElement>('slice-file'),
  sliceApply: $<HTMLButtonElement>('slice-apply'),
  dataSelect: $<HTMLSelectElement>('data-select'),
  lrSelect: $<HTMLSelectElement>('lr-select'),
  optimizerSelect: $<HTMLSelectElement>('optimizer-select'),
  widthInput: $<HTMLInputElement>('width-input'),
  depthInput: $<HTMLInputElement>('depth-input'),
  trainNew: $<HTMLButtonElement>('train-new'),
  trainToggle: $<HTMLButtonElement>('train-toggle'),
  trainStep: $<HTMLButtonElement>('train-step'),
  trainStatus: $('train-status'),
  colourMode: $('colour-mode'),
  outputRow: $('output-row'),
  outputSelect: $<HTMLSelectElement>('output-select'),
  showEdges: $<HTMLInputElement>('show-edges'),
  showData: $<HTMLInputElement>('show-data'),
  showLevel: $<HTMLInputElement>('show-level'),
  showBoundary: $<HTMLInputElement>('show-boundary'),
  levelSlider: $<HTMLInputElement>('level-slider'),
  levelOut: $('level-out'),
  showConserved: $<HTMLInputElement>('show-conserved'),
  showCritical: $<HTMLInputElement>('show-critical'),
  showLowrank: $<HTMLInputElement>('show-lowrank'),
  showBetti: $<HTMLInputElement>('show-betti'),
  showPersistence: $<HTMLInputElement>('show-persistence'),
  showNewton: $<HTMLInputElement>('show-newton'),
  rankRow: $('rank-row'),
  rankLayer: $<HTMLSelectElement>('rank-layer'),
  bettiCard: $('betti-card'),
  bettiChart: $('betti-chart'),
  persistenceCard: $('persistence-card'),
  persistenceChart: $('persistence-chart'),
  newtonCard: $('newton-card'),
  newtonChart: $('newton-chart'),
  criticalCard: $('critical-card'),
  criticalInfo: $('critical-info'),
  rankCard: $('rank-card'),
  rankInfo: $('rank-info'),
  lossCard: $('loss-card'),
  lossChart: $('loss-chart'),
  conservedCard: $('conserved-card'),
  conservedChart: $('conserved-chart'),
};

/** Everything the page shows. One object, mutated by the handlers below, drawn by render(). */
export const app = {
  net: null as Network | null,
  name: '',
  plane: null as AffinePlane | null,
  slicePoints: null as Float64Array | null,
  sliceImages: null as (HTMLCanvasElement | null)[] | null,
  axisLabels: ['x₁', 'x₂'] as [string, string],
  box: { x0: -1, x1: 1, y0: -1, y1: 1 } as ViewBox,
  geometry: null as ComplexGeometry | null,
  /** netVersion of the network the geometry was built for. */
  geometryVersion: -1,
  mode: 'region' as ColourMode,
  output: 0,
  level: 0,
  levelRange: [0, 1] as [number, number],
  levelSegments: null as Float64Array | null,
  /** {F ≤ T} in the view, as polygons (shown with the sublevel Betti numbers). */
  sublevel: null as Polygons | null,
  boundarySegments: null as Float64Array | null,
  critical: null as CriticalResult | null,
  topology: null as TopologyResult | null,
  tropical: null as TropicalResult | null,
  ranks: null as RankResult | null,
  /** Representation layer (0-based) the rank colouring and low-rank overlay read. */
  rankLayer: 0,
  /** Bumped whenever the network or slice changes (the tropical map depends on nothing else). */
  netVersion: 0,
  /** Bumped when a different network is opened (not by training steps); the level resets then. */
  session: 0,
  levelSession: -1,
  tropicalVersion: -1,
  data: null as { points: Float64Array; labels: Int8Array } | null,
  hoverRegion: -1,
  /** Slice files the server offers (3 input points each). */
  slices: [] as SliceEntry[],
  training: { data: '', seed: 0, optimizer: 'gd', lr: 0.1, ready: false, running: false, step: 0, losses: [] as number[], loss: NaN, accuracy: NaN, steps: [] as number[], conserved: [] as Float64Array[], drift: 0 },
};

export function showError(message: string | null): void {
  el.error.hidden = !message;
  el.error.textContent = message ?? '';
}

/** The plot area of the canvas, in CSS pixels. */
export function rect() {
  return plotRect(el.canvas.clientWidth, el.canvas.clientHeight);
}

export function escapeHTML(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

/** k in subscript digits (x₁₂). */
export function sub(k: number): string {
  return String(k).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}
