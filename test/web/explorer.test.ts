/**
 * End to end: the explorer in a real browser (Debian's Chromium driven by playwright-core). The page
 * is built fresh from web/ into a temporary folder, served by `tessera explore`'s server, and every
 * number it shows is checked against the library computed here in node: region counts, sign sequences
 * and values under the pointer, the complex after a zoom, the training loss, critical points and
 * sublevel Betti numbers, a slice of a 3-input network. Screenshots go to test-artifacts/.
 *
 * Without /usr/bin/chromium the suite is skipped (CI installs it with apt-get; see .ci/run).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startExplorer, type ExplorerServer } from '../../src/cli/commands/explore.js';
import { buildComplex } from '../../src/complex/build.js';
import { eulerCharacteristic, linearRegions } from '../../src/complex/query.js';
import type { Domain } from '../../src/complex/types.js';
import { objective } from '../../src/dynamics/gradient.js';
import { packNetwork } from '../../src/dynamics/params.js';
import { morseContext } from '../../src/morse/classify.js';
import { criticalReport } from '../../src/morse/report.js';
import { sublevelBetti } from '../../src/morse/sublevel.js';
import { evaluate } from '../../src/net/evaluate.js';
import { loadNetwork } from '../../src/net/load/index.js';
import { networkFromObject } from '../../src/net/load/json.js';
import type { Network } from '../../src/net/network.js';
import { hiddenWidths, signSequence, signString } from '../../src/net/signs.js';
import { planeThroughPoints, sliceNetwork, type AffinePlane } from '../../src/net/slice.js';
import { renderComplexSVG } from '../../src/render/complex.js';
import { colormap } from '../../src/render/svg.js';
import { rgb } from 'd3-color';
import { toyData, type ToyName } from '../../web/src/trainer.js';
import { MARGIN } from '../../web/src/view.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`test/web/explorer.test.ts: skipped — ${CHROMIUM} is missing (CI installs it: apt-get install -y chromium)`);

const ARTIFACTS = resolve('test-artifacts');
type Box = { x0: number; x1: number; y0: number; y1: number };

interface PageHandle {
  network(): unknown;
  plane(): { origin: number[]; basis: number[]; ambientDim: number; dim: 2 } | null;
  box(): Box;
  geometryBox(): Box | null;
  valueRange(): [number, number];
  training(): { data: string; seed: number; step: number; loss: number; accuracy: number; losses: number[] };
  settled(): boolean;
}

function boxDomain(b: Box): Domain {
  return { kind: 'box', dim: 2, lo: Float64Array.of(b.x0, b.y0), hi: Float64Array.of(b.x1, b.y1) };
}

/** The network and drawn box the page reports, once its complex is current. */
async function settledState(page: Page): Promise<{ net: Network; box: Box; plane: AffinePlane | null }> {
  await page.waitForFunction(() => (window as unknown as { tessera: PageHandle }).tessera.settled(), undefined, { timeout: 20_000 });
  const state = await page.evaluate(() => {
    const t = (window as unknown as { tessera: PageHandle }).tessera;
    return { net: t.network(), box: t.geometryBox()!, plane: t.plane() };
  });
  const plane = state.plane ? { ...state.plane, origin: Float64Array.from(state.plane.origin), basis: Float64Array.from(state.plane.basis) } : null;
  return { net: networkFromObject(state.net), box: state.box, plane };
}

async function shownStats(page: Page): Promise<{ regions: number; linear: number; cells: number[]; euler: number }> {
  return page.locator('#stats').evaluate((el: HTMLElement) => ({
    regions: Number(el.dataset.regions),
    linear: Number(el.dataset.linear),
    cells: JSON.parse(el.dataset.cells ?? '[]') as number[],
    euler: Number(el.dataset.euler),
  }));
}

/** The counts the library gives for the same network and box. */
function libraryStats(net2: Network, box: Box) {
  const complex = buildComplex(net2, boxDomain(box));
  return { complex, regions: complex.cells[2].count, linear: linearRegions(complex).count, cells: complex.cells.map((c) => c.count), euler: eulerCharacteristic(complex) };
}

describe.skipIf(!haveChromium)('explorer in Chromium', () => {
  let server: ExplorerServer;
  let browser: Browser;
  let page: Page;
  let webRoot: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    webRoot = mkdtempSync(join(tmpdir(), 'tessera-web-'));
    const { build } = await import('vite');
    await build({ configFile: resolve('web/vite.config.ts'), logLevel: 'error', build: { outDir: webRoot, emptyOutDir: true } });
    server = await startExplorer({ root: webRoot, port: 0 });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  it('shows an example with the region counts of buildComplex', async () => {
    await page.waitForSelector('#example-select option[value="small-2d.json"]', { state: 'attached' });
    await page.selectOption('#example-select', 'small-2d.json');
    await page.waitForFunction(() => document.querySelector('#net-info')?.textContent?.includes('small-2d.json'));
    const { net, box } = await settledState(page);
    const file = networkFromObject(JSON.parse(readFileSync('examples/small-2d.json', 'utf8')));
    expect(net.layers.map((l) => Array.from(l.weight))).toEqual(file.layers.map((l) => Array.from(l.weight)));
    const lib = libraryStats(net, box);
    const shown = await shownStats(page);
    expect(shown.regions).toBe(lib.regions);
    expect(shown.linear).toBe(lib.linear);
    expect(shown.cells).toEqual(lib.cells);
    expect(shown.euler).toBe(1);
    expect(lib.regions).toBeGreaterThan(20); // a real picture, not an empty one
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-example.png') });
    expect(pageErrors).toEqual([]);
  });

  it('saves the view as the SVG the library renders for it', async () => {
    const { net, box } = await settledState(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-svg')]);
    expect(download.suggestedFilename()).toBe('small-2d-view.svg');
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(saved).toBe(renderComplexSVG(buildComplex(net, boxDomain(box)), { color: 'region', net, output: 0, title: 'small-2d.json' }));
  });

  it('hovering shows the sign sequence and value the library computes at that point', async () => {
    const { net } = await settledState(page);
    const canvas = (await page.locator('#canvas').boundingBox())!;
    let checked = 0;
    for (const [fx, fy] of [[0.3, 0.3], [0.55, 0.45], [0.7, 0.7], [0.42, 0.62], [0.8, 0.2]]) {
      await page.mouse.move(canvas.x + fx * canvas.width, canvas.y + fy * canvas.height);
      await page.waitForSelector('#hover:not([hidden])');
      const shown = await page.locator('#hover').evaluate((el: HTMLElement) => ({ point: JSON.parse(el.dataset.point!) as number[], signs: el.dataset.signs!, output: JSON.parse(el.dataset.output!) as number[] }));
      const expected = signSequence(net, shown.point);
      if (expected.includes(0)) continue; // exactly on a bent hyperplane: the region is ambiguous
      expect(shown.signs).toBe(signString(expected, hiddenWidths(net)));
      expect(shown.output[0]).toBeCloseTo(evaluate(net, shown.point)[0], 12);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-hover.png') });
  });

  it('colours by value with the colour map of F at each pixel', async () => {
    await page.click('button[data-mode="value"]');
    await page.uncheck('#show-edges'); // edges would cover some of the sampled pixels
    const { net } = await settledState(page);
    await page.mouse.move(5, 5); // no hover highlight
    await page.waitForTimeout(100); // a frame
    const [lo, hi] = await page.evaluate(() => (window as unknown as { tessera: PageHandle }).tessera.valueRange());
    const canvas = (await page.locator('#canvas').boundingBox())!;
    const viridis = colormap('viridis');
    let close = 0;
    const spots = [[0.3, 0.3], [0.55, 0.45], [0.7, 0.7], [0.42, 0.62], [0.8, 0.2], [0.2, 0.8]];
    for (const [fx, fy] of spots) {
      const px = Math.round(fx * canvas.width);
      const py = Math.round(fy * canvas.height);
      const shown = await page.evaluate(([x, y]) => Array.from((document.querySelector('#canvas') as HTMLCanvasElement).getContext('2d')!.getImageData(x * devicePixelRatio, y * devicePixelRatio, 1, 1).data), [px, py]);
      // The pixel's centre in the plane, through the page's plot rectangle (view.ts).
      const x = await page.evaluate(([x, y, m]) => {
        const b = (window as unknown as { tessera: PageHandle }).tessera.geometryBox()!;
        const c = document.querySelector('#canvas') as HTMLCanvasElement;
        const r = { left: m.left, top: m.top, width: c.clientWidth - m.left - m.right, height: c.clientHeight - m.top - m.bottom };
        return [b.x0 + ((x - r.left) / r.width) * (b.x1 - b.x0), b.y1 - ((y - r.top) / r.height) * (b.y1 - b.y0)];
      }, [px + 0.5, py + 0.5, MARGIN] as const);
      const expected = rgb(viridis((evaluate(net, x)[0] - lo) / (hi - lo)));
      const distance = Math.hypot(shown[0] - expected.r, shown[1] - expected.g, shown[2] - expected.b);
      if (distance < 12) close++;
    }
    expect(close).toBeGreaterThanOrEqual(spots.length - 1); // one spot may sit on a level-set line
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-value.png') });
    await page.check('#show-edges');
    await page.click('button[data-mode="region"]');
  });

  it('zooming recomputes the exact complex of the new view', async () => {
    const before = await settledState(page);
    const canvas = (await page.locator('#canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width * 0.5, canvas.y + canvas.height * 0.5);
    for (let k = 0; k < 4; k++) await page.mouse.wheel(0, -240);
    await page.waitForFunction((w) => {
      const b = (window as unknown as { tessera: PageHandle }).tessera.geometryBox();
      return !!b && b.x1 - b.x0 < w * 0.7;
    }, before.box.x1 - before.box.x0);
    const { net, box } = await settledState(page);
    expect(box.x1 - box.x0).toBeLessThan(before.box.x1 - before.box.x0);
    const lib = libraryStats(net, box);
    const shown = await shownStats(page);
    expect(shown.regions).toBe(lib.regions);
    expect(shown.cells).toEqual(lib.cells);
    expect(shown.euler).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-zoom.png') });
  });

  it('PL critical points and sublevel Betti numbers match the library', async () => {
    await page.dblclick('#canvas'); // back to the default view
    await page.check('#show-critical');
    await page.check('#show-betti');
    await page.waitForSelector('#critical-card:not([hidden])');
    await page.waitForSelector('#betti-card:not([hidden])');
    const { net, box } = await settledState(page);
    const complex = buildComplex(net, boxDomain(box));
    const report = criticalReport(morseContext(complex));
    const shownCounts = await page.locator('#critical-info b[data-index]').evaluateAll((els) => els.map((e) => Number(e.textContent)));
    expect(shownCounts).toEqual(report.countsByIndex);
    const level = Number(await page.locator('#level-out').evaluate((el: HTMLElement) => el.dataset.level ?? '0'));
    const betti = sublevelBetti(morseContext(complex), level);
    const shownB0 = await page.locator('[data-testid="betti-0"]').textContent();
    expect(shownB0).toBe(`β₀ = ${betti[0]}`);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-layers.png') });
    await page.uncheck('#show-critical');
    await page.uncheck('#show-betti');
  });

  it('trains in the page: the loss shown is the library loss and it decreases', async () => {
    await page.selectOption('#data-select', 'xor');
    await page.click('#train-new');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#train-status')?.dataset.step === '0');
    const first = await page.evaluate(() => (window as unknown as { tessera: PageHandle }).tessera.training());
    for (let k = 0; k < 3; k++) await page.click('#train-step');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#train-status')?.dataset.step === '30');
    await page.click('#train-toggle');
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('#train-status')?.dataset.step) > 200, undefined, { timeout: 30_000 });
    await page.click('#train-toggle'); // pause
    await page.waitForFunction(() => document.querySelector('#train-toggle')?.textContent === 'Train');
    const { net, box } = await settledState(page);
    const after = await page.evaluate(() => (window as unknown as { tessera: PageHandle }).tessera.training());
    const shownLoss = Number(await page.locator('#train-status').evaluate((el: HTMLElement) => el.dataset.loss));
    expect(after.loss).toBe(shownLoss);
    expect(after.loss).toBeLessThan(first.loss);
    // The loss shown is the library's BCE of the network shown on the same seeded data set.
    const data = toyData(after.data as ToyName, after.seed);
    const { layout, theta } = packNetwork(net);
    const f = objective(layout, data, 'bce');
    expect(f(theta, new Float64Array(layout.size))).toBeCloseTo(shownLoss, 10);
    // And the complex drawn is the trained network's.
    const lib = libraryStats(net, box);
    const shown = await shownStats(page);
    expect(shown.regions).toBe(lib.regions);
    expect(shown.linear).toBe(lib.linear);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-training.png') });
  });

  it('draws a slice of a 3-input network dropped on the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-net-'));
    const path = join(dir, 'three-inputs.json');
    writeFileSync(
      path,
      JSON.stringify({
        layers: [
          { weight: [[1, -0.5, 0.3], [0.2, 1, -0.7], [-0.6, 0.4, 1], [0.9, 0.8, -0.2], [-0.3, -1, 0.5]], bias: [0.1, -0.2, 0.05, -0.3, 0.2] },
          { weight: [[1, -1, 0.5, 0.7, -0.4]], bias: [0] },
        ],
      }),
    );
    await page.click('#train-toggle'); // training runs on while the file is opened: it must not take the picture back
    await page.waitForFunction(() => document.querySelector('#train-toggle')?.textContent === 'Pause');
    await page.setInputFiles('#file-input', path);
    await page.waitForFunction(() => document.querySelector('#net-info')?.textContent?.includes('three-inputs.json'));
    await page.waitForSelector('#slice-controls:not([hidden])');
    await page.waitForTimeout(300);
    const { net, box, plane } = await settledState(page);
    expect(net.inputDim).toBe(3);
    expect(await page.locator('#train-toggle').isDisabled()).toBe(true);
    expect(plane).not.toBeNull();
    const lib = libraryStats(sliceNetwork(net, plane!), box);
    const shown = await shownStats(page);
    expect(shown.regions).toBe(lib.regions);
    expect(shown.cells).toEqual(lib.cells);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-slice.png') });
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads ONNX in the browser with the same parser as the CLI', async () => {
    await page.selectOption('#example-select', 'small-2d.onnx');
    await page.waitForFunction(() => document.querySelector('#net-info')?.textContent?.includes('small-2d.onnx'));
    const { net, box } = await settledState(page);
    const file = loadNetwork('examples/small-2d.onnx');
    expect(net.layers.map((l) => Array.from(l.weight))).toEqual(file.layers.map((l) => Array.from(l.weight)));
    const lib = libraryStats(file, box);
    expect((await shownStats(page)).regions).toBe(lib.regions);
  });

  it('opens `tessera explore NET --slice FILE` on the plane through the given points', async () => {
    const sliced = await startExplorer({ root: webRoot, port: 0, network: 'examples/mnist-mlp.json', slice: 'examples/slice-mnist.json' });
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await other.goto(sliced.url);
      await other.waitForFunction(() => document.querySelector('#net-info')?.textContent?.includes('mnist-mlp.json'));
      const { net, box, plane } = await settledState(other);
      const points = (JSON.parse(readFileSync('examples/slice-mnist.json', 'utf8')) as { points: number[][] }).points;
      const expected = planeThroughPoints(points);
      expect(Array.from(plane!.origin)).toEqual(Array.from(expected.origin));
      expect(Array.from(plane!.basis)).toEqual(Array.from(expected.basis));
      const lib = libraryStats(sliceNetwork(net, expected), box);
      const shown = await shownStats(other);
      expect(shown.regions).toBe(lib.regions);
      expect(shown.cells).toEqual(lib.cells);
      await other.screenshot({ path: join(ARTIFACTS, 'explorer-mnist-slice.png') });
    } finally {
      await other.close();
      await sliced.close();
    }
  });

  it('says what is wrong with a malformed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-net-'));
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"layers": [{"weight": [[1, 2], [3]]}]}');
    await page.setInputFiles('#file-input', path);
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.locator('#error').textContent()).toContain('weight row 1 has 1 entries, expected 2');
    rmSync(dir, { recursive: true, force: true });
    expect(pageErrors).toEqual([]);
  });
});
