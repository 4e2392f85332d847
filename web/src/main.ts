/**
 * The explorer page: wiring the controls and starting up. All exact computation happens in the
 * compute workers (the complex of the visible box, level sets, critical points, …) and the training
 * worker (the playground); this thread only draws and answers the pointer (state.ts holds what it shows).
 */
import { networkToJSON } from '../../src/net/network.js';
import { hideHover, onPointerHover, render } from './canvas.js';
import type { ColourMode } from './draw.js';
import { fetchCommandLineNetwork, fetchCommandLineSlice, fetchExample, fetchExamples, fetchSlice, fetchSlices, readDroppedFile } from './loading.js';
import { applySlice, loadSafely, setNetwork, setSlicePoints, syncSliceMode } from './networks.js';
import { dataBox, drawTrainingCharts, stopTraining, trainOptions } from './playground.js';
import type { ViewBox } from './protocol.js';
import { onLevelInput, requestOverlays, updateCards, updateLevelRange, viewChanged } from './refresh.js';
import { $, app, el, escapeHTML, rect, showError } from './state.js';
import { SUPERSEDED } from './client.js';
import { fitBox, panBy, sameBox, transform, zoomAt } from './view.js';
import { compute, trainSend } from './workers.js';

function wireEvents(): void {
  const canvas = el.canvas;
  let drag: { x: number; y: number; box: ViewBox } | null = null;
  canvas.addEventListener('pointerdown', (ev) => {
    drag = { x: ev.offsetX, y: ev.offsetY, box: { ...app.box } };
    canvas.setPointerCapture(ev.pointerId);
    canvas.classList.add('dragging');
  });
  canvas.addEventListener('pointermove', (ev) => {
    if (drag) {
      const t = transform(drag.box, rect());
      const dx = (ev.offsetX - drag.x) / t.scale;
      const dy = (ev.offsetY - drag.y) / t.scale;
      const next = panBy(drag.box, -dx, dy);
      if (!sameBox(next, app.box)) {
        app.box = next;
        hideHover();
        viewChanged();
      }
      return;
    }
    onPointerHover(ev.offsetX, ev.offsetY);
  });
  const endDrag = (ev: PointerEvent) => {
    if (!drag) return;
    drag = null;
    canvas.releasePointerCapture(ev.pointerId);
    canvas.classList.remove('dragging');
  };
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);
  canvas.addEventListener('pointerleave', () => !drag && hideHover());
  canvas.addEventListener(
    'wheel',
    (ev) => {
      ev.preventDefault();
      const t = transform(app.box, rect());
      const factor = Math.exp(Math.max(-1, Math.min(1, ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015))));
      app.box = zoomAt(app.box, t.ix(ev.offsetX), t.iy(ev.offsetY), factor);
      viewChanged();
      onPointerHover(ev.offsetX, ev.offsetY);
    },
    { passive: false },
  );
  canvas.addEventListener('dblclick', resetView);
  new ResizeObserver(() => {
    app.box = fitBox(app.box, rect());
    viewChanged();
  }).observe(el.stage);

  // network sources
  el.exampleSelect.addEventListener('change', () => {
    const file = el.exampleSelect.value;
    if (file) void loadSafely(() => fetchExample(file));
  });
  el.drop.addEventListener('click', () => el.fileInput.click());
  el.drop.addEventListener('keydown', (ev) => (ev.key === 'Enter' || ev.key === ' ') && el.fileInput.click());
  el.fileInput.addEventListener('change', () => {
    const f = el.fileInput.files?.[0];
    if (f) void loadSafely(() => readDroppedFile(f));
    el.fileInput.value = '';
  });
  for (const target of [el.drop, el.stage]) {
    target.addEventListener('dragover', (ev) => {
      ev.preventDefault();
      el.drop.classList.add('over');
    });
    target.addEventListener('dragleave', () => el.drop.classList.remove('over'));
    target.addEventListener('drop', (ev) => {
      ev.preventDefault();
      el.drop.classList.remove('over');
      const f = (ev as DragEvent).dataTransfer?.files?.[0];
      if (f) void loadSafely(() => readDroppedFile(f));
    });
  }
  el.sliceMode.addEventListener('change', syncSliceMode);
  el.sliceFile.addEventListener('change', () => {
    const file = el.sliceFile.value;
    if (file) void fetchSlice(file).then((p) => (setSlicePoints(p), applySlice())).catch((err: Error) => showError(err.message));
  });
  el.sliceRandom.addEventListener('click', () => {
    const n = app.net?.inputDim ?? 3;
    const pts = Array.from({ length: 3 }, () => Array.from({ length: n }, () => Number((Math.random() * 2 - 1).toFixed(3))));
    el.slicePointsText.value = JSON.stringify(pts);
    el.sliceFile.value = '';
  });
  el.sliceApply.addEventListener('click', applySlice);

  // playground
  el.trainNew.addEventListener('click', () => {
    stopTraining();
    showError(null);
    trainSend({ type: 'init', options: trainOptions() });
  });
  el.trainToggle.addEventListener('click', () => {
    if (app.training.running) stopTraining();
    else {
      app.training.running = true;
      el.trainToggle.textContent = 'Pause';
      trainSend({ type: 'run' });
    }
  });
  el.trainStep.addEventListener('click', () => trainSend({ type: 'steps', count: 10 }));

  // colour and layers
  el.colourMode.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest('button');
    if (!b?.dataset.mode) return;
    app.mode = b.dataset.mode as ColourMode;
    for (const other of el.colourMode.querySelectorAll('button')) other.classList.toggle('on', other === b);
    requestOverlays();
    render();
  });
  el.outputSelect.addEventListener('change', () => {
    app.output = Number(el.outputSelect.value);
    app.tropicalVersion = -1;
    updateLevelRange();
    requestOverlays();
    render();
  });
  for (const box of [el.showEdges, el.showData]) box.addEventListener('change', render);
  for (const box of [el.showLevel, el.showBoundary]) box.addEventListener('change', () => (requestOverlays(), render()));
  el.levelSlider.addEventListener('input', () => {
    if (!el.showLevel.checked) {
      el.showLevel.checked = true;
    }
    onLevelInput();
  });
  el.showConserved.addEventListener('change', drawTrainingCharts);
  $('reset-view').addEventListener('click', resetView);
  $('save-png').addEventListener('click', () => el.canvas.toBlob((blob) => blob && download(blob, `${baseName()}.png`)));
  $('save-svg').addEventListener('click', () => {
    if (!app.geometry) return;
    const color = app.mode === 'value' ? 'value' : app.mode === 'rank' ? 'rank' : 'region';
    compute
      .call<string>({ type: 'svg', box: app.geometry.box, color, output: app.output, title: app.name }, 'svg')
      .then((svg) => download(new Blob([svg], { type: 'image/svg+xml' }), `${baseName()}.svg`))
      .catch((err: Error) => err.message !== SUPERSEDED && showError(err.message));
  });
  for (const box of [el.showCritical, el.showLowrank, el.showBetti, el.showPersistence, el.showNewton]) box.addEventListener('change', () => (requestOverlays(), render()));
  el.rankLayer.addEventListener('change', () => {
    app.rankLayer = Number(el.rankLayer.value);
    updateCards();
    render();
  });
}

/** Back to the first view: the data's box in the playground, the slice's points, or [−1, 1]². */
function resetView(): void {
  app.box = fitBox(app.data ? dataBox(app.data.points) : app.slicePoints ? { x0: -0.3, x1: 1.3, y0: -0.3, y1: 1.3 } : { x0: -1, x1: 1, y0: -1, y1: 1 }, rect());
  viewChanged();
}

function baseName(): string {
  return (app.name.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '-') || 'tessera') + '-view';
}

function download(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function start(): Promise<void> {
  wireEvents();
  el.stats.textContent = 'loading…';
  const [examples, given, sliceList, givenSlice] = await Promise.all([fetchExamples(), fetchCommandLineNetwork(), fetchSlices(), fetchCommandLineSlice()]);
  app.slices = sliceList;
  const options = examples.map((e) => `<option value="${escapeHTML(e.file)}">${escapeHTML(e.file.replace(/\.[^.]+$/, ''))} · ${e.architecture.join('-')}</option>`);
  el.exampleSelect.innerHTML = `<option value="">${given ? escapeHTML(given.name) : examples.length ? 'choose an example…' : 'no examples served'}</option>` + options.join('');
  if (given) {
    setNetwork(given, { slicePoints: givenSlice });
    return;
  }
  // Open on the richest small 2-D example: the most hidden neurons, up to a size that draws instantly.
  const hidden = (e: (typeof examples)[number]) => e.architecture.slice(1, -1).reduce((a, b) => a + b, 0);
  const isJSON = (e: (typeof examples)[number]) => (e.file.endsWith('.json') ? 0 : 1);
  const planar = examples.filter((e) => e.architecture[0] === 2 && hidden(e) <= 64).sort((a, b) => hidden(b) - hidden(a) || isJSON(a) - isJSON(b));
  const first = planar[0] ?? examples[0];
  if (first) {
    el.exampleSelect.value = first.file;
    await loadSafely(() => fetchExample(first.file));
  } else {
    trainSend({ type: 'init', options: trainOptions() });
  }
}

/** A read-only handle for the browser console and the end-to-end tests: what the page is showing. */
(window as unknown as { tessera: unknown }).tessera = {
  network: () => (app.net ? networkToJSON(app.net) : null),
  plane: () => (app.plane ? { origin: Array.from(app.plane.origin), basis: Array.from(app.plane.basis), ambientDim: app.plane.ambientDim, dim: 2 } : null),
  box: () => ({ ...app.box }),
  geometryBox: () => (app.geometry ? { ...app.geometry.box } : null),
  /** The range of F the value colours span (F over the drawn complex's vertices). */
  valueRange: () => [...app.levelRange],
  training: () => ({ data: app.training.data, seed: app.training.seed, step: app.training.step, loss: app.training.loss, accuracy: app.training.accuracy, losses: app.training.losses.slice() }),
  /** True when the drawn complex is that of the current network and view, and no computation is pending. */
  settled: () => !!app.geometry && app.geometryVersion === app.netVersion && sameBox(app.geometry.box, app.box) && !compute.busy(),
};

void start();
