/**
 * Keeping what is drawn current: the complex of the view (coalesced while a build runs), the layers
 * computed from it, the side cards, the stats chip and the level slider.
 */
import type { CriticalResult, RankResult, TopologyResult, TropicalResult } from './analysis.js';
import type { Polygons } from './compute.js';
import { render } from './canvas.js';
import { SUPERSEDED } from './client.js';
import { num } from './hover.js';
import { bettiHTML, criticalHTML, newtonHTML, persistenceHTML, rankHTML } from './panels.js';
import { DEFAULT_VIEW_CELLS, type ComplexGeometry } from './protocol.js';
import { app, el, escapeHTML, showError } from './state.js';
import { compute, slow } from './workers.js';

const MAX_CELLS = DEFAULT_VIEW_CELLS;
let complexToken = 0;
let complexInFlight = false;
let complexDirty = false;
let complexStarted = 0;

/** Ask the worker for the complex of the current box. Coalesces while a recent request is running. */
export function requestComplex(): void {
  if (!app.net) return;
  if (complexInFlight && performance.now() - complexStarted < 250) {
    complexDirty = true;
    return;
  }
  const token = ++complexToken;
  complexInFlight = true;
  complexDirty = false;
  complexStarted = performance.now();
  const box = { ...app.box };
  const version = app.netVersion;
  compute
    .call<ComplexGeometry>({ type: 'complex', box, maxCells: MAX_CELLS })
    .then((geometry) => {
      app.geometry = geometry;
      app.geometryVersion = version;
      showError(null);
      updateStats();
      updateLevelRange();
      requestOverlays();
      render();
    })
    .catch((err: Error) => {
      if (err.message !== SUPERSEDED) showError(err.message);
    })
    .finally(() => {
      if (token !== complexToken) return;
      complexInFlight = false;
      if (complexDirty) requestComplex();
    });
}

let viewTimer = 0;
/** The view changed (zoom, pan, resize): draw now from what we have, recompute shortly. */
export function viewChanged(): void {
  render();
  clearTimeout(viewTimer);
  viewTimer = window.setTimeout(requestComplex, 70);
}

/** Overlays computed from the current complex: level set, decision boundary. */
export function requestOverlays(): void {
  const g = app.geometry;
  if (!g) return;
  if (el.showLevel.checked) {
    compute
      .call<Float64Array>({ type: 'levelSet', box: app.geometry!.box, level: app.level, output: app.output, difference: -1 }, 'level')
      .then((s) => ((app.levelSegments = s), render()))
      .catch(ignoreSuperseded);
  } else app.levelSegments = null;
  if (el.showBoundary.checked && g.outputDim <= 2) {
    compute
      .call<Float64Array>({ type: 'levelSet', box: app.geometry!.box, level: 0, output: g.outputDim === 2 ? 1 : 0, difference: g.outputDim === 2 ? 0 : -1 }, 'boundary')
      .then((s) => ((app.boundarySegments = s), render()))
      .catch(ignoreSuperseded);
  } else app.boundarySegments = null;
  if (el.showCritical.checked) {
    compute
      .call<CriticalResult>({ type: 'critical', box: g.box, output: app.output })
      .then((c) => ((app.critical = c), updateCards(), render()))
      .catch(ignoreSuperseded);
  } else app.critical = null;
  requestTopology();
  if (app.mode === 'rank' || el.showLowrank.checked) {
    compute
      .call<RankResult>({ type: 'rank', box: g.box })
      .then((r) => ((app.ranks = r), updateCards(), render()))
      .catch(ignoreSuperseded);
  } else app.ranks = null;
  requestTropical();
  updateCards();
}

export function requestTopology(): void {
  // With the Betti numbers on, the sublevel set they count is shaded on the canvas.
  if (app.geometry && el.showBetti.checked) {
    compute
      .call<Polygons>({ type: 'sublevelSet', box: app.geometry.box, level: app.level, output: app.output })
      .then((p) => ((app.sublevel = p), render()))
      .catch(ignoreSuperseded);
  } else app.sublevel = null;
  if (!app.geometry || !(el.showBetti.checked || el.showPersistence.checked)) {
    app.topology = null;
    return;
  }
  compute
    .call<TopologyResult>({ type: 'topology', box: app.geometry.box, output: app.output, level: app.level })
    .then((t) => ((app.topology = t), updateCards()))
    .catch(ignoreSuperseded);
}

let tropicalInFlight = false;
/**
 * The tropical map can take seconds: while one is computed, later requests wait for it (training
 * keeps changing the network), except that a newly loaded network (`force`) replaces it.
 */
export function requestTropical(force = false): void {
  if (!el.showNewton.checked || app.tropicalVersion === app.netVersion) return;
  if (tropicalInFlight && !force) return;
  const version = app.netVersion;
  tropicalInFlight = true;
  slow
    .call<TropicalResult>({ type: 'tropical', output: app.output })
    .then((t) => {
      app.tropical = t;
      app.tropicalVersion = version;
      updateCards();
    })
    .catch((err: Error) => {
      if (err.message === SUPERSEDED) return;
      app.tropical = null;
      app.tropicalVersion = version;
      el.newtonChart.innerHTML = `<div class="note">${escapeHTML(err.message)}</div>`;
    })
    .finally(() => {
      if (version !== app.tropicalVersion && version !== app.netVersion) return; // superseded by a forced call
      tropicalInFlight = false;
      requestTropical();
    });
}

/** Show each side card whose layer is on, filled with its latest result. */
export function updateCards(): void {
  el.criticalCard.hidden = !(el.showCritical.checked && app.critical);
  if (!el.criticalCard.hidden) el.criticalInfo.innerHTML = criticalHTML(app.critical!);
  el.bettiCard.hidden = !(el.showBetti.checked && app.topology);
  if (!el.bettiCard.hidden) el.bettiChart.innerHTML = bettiHTML(app.topology!, app.level);
  el.persistenceCard.hidden = !(el.showPersistence.checked && app.topology);
  if (!el.persistenceCard.hidden) el.persistenceChart.innerHTML = persistenceHTML(app.topology!);
  el.newtonCard.hidden = !el.showNewton.checked;
  if (el.showNewton.checked && app.tropical && app.tropicalVersion === app.netVersion) el.newtonChart.innerHTML = newtonHTML(app.tropical);
  else if (el.showNewton.checked && app.tropicalVersion !== app.netVersion && !el.newtonChart.innerHTML) el.newtonChart.innerHTML = '<div class="note">computing the tropical map… (seconds for wide layers: the number of monomials grows with every layer)</div>';
  const rankOn = app.mode === 'rank' || el.showLowrank.checked;
  el.rankRow.hidden = !rankOn;
  el.rankCard.hidden = !(rankOn && app.ranks);
  if (!el.rankCard.hidden) el.rankInfo.innerHTML = rankHTML(app.ranks!, app.rankLayer, rankLayerName(app.rankLayer));
}

/** "output" or "after hidden layer k" for the rank card. */
export function rankLayerName(layer: number): string {
  return app.net && layer === app.net.layers.length - 1 ? 'output' : `after hidden layer ${layer + 1}`;
}

/** A superseded call is expected; anything else is shown. */
export function ignoreSuperseded(err: Error): void {
  if (err.message !== SUPERSEDED) showError(err.message);
}

/** The counts chip; the exact numbers also ride in data- attributes for tests. */
export function updateStats(): void {
  const g = app.geometry;
  if (!g) return;
  el.stats.innerHTML =
    `<b data-testid="stat-regions">${g.activationRegions}</b> activation regions · <b data-testid="stat-linear">${g.linearRegions}</b> linear regions · ` +
    `<b>${g.cellsByDim[0]}</b> vertices · <b>${g.cellsByDim[1]}</b> edges · χ = <b data-testid="stat-euler">${g.eulerCharacteristic}</b> · ${g.buildMs.toFixed(1)} ms`;
  el.stats.dataset.box = JSON.stringify(g.box);
  el.stats.dataset.regions = String(g.activationRegions);
  el.stats.dataset.linear = String(g.linearRegions);
  el.stats.dataset.cells = JSON.stringify(g.cellsByDim);
  el.stats.dataset.euler = String(g.eulerCharacteristic);
}

/** The level slider spans F over the view (its vertices: F is affine on every cell). */
export function updateLevelRange(): void {
  const g = app.geometry;
  if (!g) return;
  const m = g.outputDim;
  let lo = Infinity;
  let hi = -Infinity;
  for (let v = 0; v < g.vertexCount; v++) {
    const f = g.vertexValues[v * m + app.output];
    if (f < lo) lo = f;
    if (f > hi) hi = f;
  }
  if (!(lo < hi)) {
    lo -= 1;
    hi += 1;
  }
  app.levelRange = [lo, hi];
  // A new network starts at T = 0 (the decision boundary of a classifier) when F crosses 0 in
  // view, else half-way up its range.
  if (app.levelSession !== app.session) {
    app.levelSession = app.session;
    app.level = lo <= 0 && 0 <= hi ? 0 : (lo + hi) / 2;
    el.levelOut.dataset.level = String(app.level);
  }
  el.levelSlider.value = String(Math.round(((app.level - lo) / (hi - lo)) * 1000));
  el.levelOut.textContent = num(app.level, 4);
}

/** The slider moved: redraw the level set and the Betti numbers at the new T. */
export function onLevelInput(): void {
  const [lo, hi] = app.levelRange;
  app.level = lo + (Number(el.levelSlider.value) / 1000) * (hi - lo);
  el.levelOut.textContent = num(app.level, 4);
  el.levelOut.dataset.level = String(app.level);
  if (el.showLevel.checked && app.geometry) {
    compute
      .call<Float64Array>({ type: 'levelSet', box: app.geometry!.box, level: app.level, output: app.output, difference: -1 }, 'level')
      .then((s) => ((app.levelSegments = s), render()))
      .catch(ignoreSuperseded);
  }
  requestTopology();
}
