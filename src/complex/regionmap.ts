/**
 * Affine maps of regions from their sign patterns, forward with shared prefixes.
 *
 * On a region with activation pattern D₀ … D_{L−2}, hidden layer l's pre-activations are the affine map
 * F_l(x) = F_l·[x; 1] with F₀ = [W₀ b₀] and F_{l+1} = W_{l+1}·D_l·F_l + [0 b_{l+1}]; the output map is
 * W_L·D_{L−1}·F_{L−1} + [0 b_L]. F_{l+1} depends only on the patterns of layers ≤ l, and consecutive
 * regions share most of their pattern (the 2-D engine emits the pieces of one parent region
 * contiguously), so F is kept from the previous call and only rebuilt from the first layer whose pattern
 * changed. Rows are rebuilt lazily: only rows of active neurons are ever read, so only those are made.
 *
 * When a layer's pattern changes in a few neurons (≤ MAX_FLIPS), the next layer's valid rows get a
 * rank-one update per flipped neuron instead of a rebuild, at most MAX_UPDATES times before the rows are
 * made from scratch again, so rounding cannot pile up (maps agree with the backward pass to ~1e-14). A
 * region's bits therefore depend on the regions since the last fresh start. The regions come in runs
 * that share the first layer's pattern (one run per region of the first layer's arrangement); the mapper
 * starts afresh at every FRESH_RUNS-th run, and worker threads split the regions exactly there
 * (freshStarts), so serial and threaded builds agree bit for bit. Between, a new run is one more pattern
 * change: a wide first layer then costs a rank-one update of layer 1's rows per run, not a rebuild
 * (784→512→256→10 through a 2-D slice: maps 2.2× faster). Cost per region: m × active × (n+1),
 * plus the rows of the layers whose prefix changed, instead of the backward pass's m × Σ active × width.
 */
import type { Network } from '../net/network.js';
import { liveInputs } from './live.js';
import { transposed } from './affinerow.js';

/** Flipped neurons per in-place update, and updates before a row is remade from scratch. */
const MAX_FLIPS = 8;
const MAX_UPDATES = 32;
/** The mapper starts afresh at every FRESH_RUNS-th run of regions with one first-layer pattern. */
export const FRESH_RUNS = 64;

export type RegionMapFn = (signs: Uint32Array, at: number, J: Float64Array, jAt: number, c: Float64Array, cAt: number) => void;

export function forwardRegionMapper(net: Network): RegionMapFn {
  const layers = net.layers;
  const L = layers.length;
  const n = net.inputDim;
  const n1 = n + 1;
  const m = net.outputDim;
  const hidden = L - 1;
  // Per hidden layer l: F_l (w × (n+1), row-major), which rows are valid (stamp === version), the
  // pattern that F_{l+1} was made for (1 = active) and its active neurons as a list.
  const F: Float64Array[] = [];
  const rowStamp: Int32Array[] = [];
  const version = new Int32Array(hidden);
  const pattern: Uint8Array[] = [];
  const activeList: Int32Array[] = [];
  const activeCount = new Int32Array(hidden);
  const first = new Int32Array(hidden);
  for (let l = 0, b = 0; l < hidden; l++) {
    const w = layers[l].outDim;
    first[l] = b;
    b += w;
    F.push(new Float64Array(w * n1));
    rowStamp.push(new Int32Array(w).fill(-1));
    pattern.push(new Uint8Array(w));
    activeList.push(new Int32Array(w));
  }
  if (hidden > 0) {
    // F₀ = [W₀ b₀] never changes.
    const { weight, bias, outDim } = layers[0];
    for (let j = 0; j < outDim; j++) {
      for (let i = 0; i < n; i++) F[0][j * n1 + i] = weight[j * n + i];
      F[0][j * n1 + n] = bias[j];
      rowStamp[0][j] = 0;
    }
  }

  // Each layer's weights transposed (in × out), for update's walk down a column.
  const WT = layers.map((x) => transposed(x.weight, x.inDim, x.outDim));
  // Flipped neurons of a layer, and rows waiting to be made.
  const diff = new Int32Array(Math.max(1, ...layers.map((x) => x.outDim)));
  const pending = new Int32Array(diff.length);
  /**
   * Rows js[0…count) of F_l (l ≥ 1): on the plane and in 3-D two at a time, sharing the loads of
   * F_{l−1}; each row is still its own sum in the same order, so its bits are makeRow's.
   */
  const makeRows = (l: number, js: Int32Array, count: number): void => {
    let c = 0;
    if (n1 === 3 || n1 === 4) {
      // The plane and 3-D (slices): n + 1 sums a row in registers, the fourth only in 3-D.
      const four = n1 === 4;
      const { weight, bias, inDim } = layers[l];
      const prev = F[l - 1];
      const list = activeList[l - 1];
      const na = activeCount[l - 1];
      const out = F[l];
      for (; c + 1 < count; c += 2) {
        const j = js[c];
        const h = js[c + 1];
        const rj = j * inDim;
        const rh = h * inDim;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let t0 = 0;
        let t1 = 0;
        let t2 = 0;
        let t3 = 0;
        for (let q = 0; q < na; q++) {
          const k = list[q];
          const p = k * n1;
          const x = prev[p];
          const y = prev[p + 1];
          const z = prev[p + 2];
          const wj = weight[rj + k];
          const wh = weight[rh + k];
          s0 += wj * x;
          s1 += wj * y;
          s2 += wj * z;
          t0 += wh * x;
          t1 += wh * y;
          t2 += wh * z;
          if (four) {
            const u = prev[p + 3];
            s3 += wj * u;
            t3 += wh * u;
          }
        }
        const oj = n1 * j;
        const oh = n1 * h;
        out[oj] = s0;
        out[oj + 1] = s1;
        out[oh] = t0;
        out[oh + 1] = t1;
        if (four) {
          out[oj + 2] = s2;
          out[oj + 3] = s3 + bias[j];
          out[oh + 2] = t2;
          out[oh + 3] = t3 + bias[h];
        } else {
          out[oj + 2] = s2 + bias[j];
          out[oh + 2] = t2 + bias[h];
        }
        rowStamp[l][j] = version[l];
        rowStamp[l][h] = version[l];
      }
    }
    for (; c < count; c++) makeRow(l, js[c]);
  };

  /** Row j of F_l (l ≥ 1) from F_{l−1} and layer l−1's current pattern. */
  const makeRow = (l: number, j: number): void => {
    const { weight, bias, inDim } = layers[l];
    const prev = F[l - 1];
    const list = activeList[l - 1];
    const na = activeCount[l - 1];
    const out = F[l];
    rowSum(weight, j * inDim, list, na, prev, n1, out, j * n1);
    out[j * n1 + n] += bias[j];
    rowStamp[l][j] = version[l];
  };

  // F_l was last rebuilt (l ≥ 1) at a version; rank-one updates applied to it since then.
  const updates = new Int32Array(hidden);
  let started = false;
  // Index of the current run (regions sharing the first layer's pattern). A slice that begins at a
  // fresh start begins a run whose index is ≡ 0 mod FRESH_RUNS, so counting from 0 there is the same.
  let run = 0;

  /**
   * Rows of F_{l+1} that are valid: F_{l+1} += Σ_{k∈S} ±W_{l+1}[·,k]·F_l[k] (pattern of layer l changed
   * on S). Flip by flip over the rows, down column k of W_{l+1} (WT: contiguous), so each row still gets
   * its terms added in flip order: the bits of addTerms row by row, without a call per row.
   */
  const update = (l: number, S: number): void => {
    const { outDim } = layers[l + 1];
    const wt = WT[l + 1];
    const prev = F[l];
    const out = F[l + 1];
    const stamp = rowStamp[l + 1];
    const v = version[l + 1];
    const pat = pattern[l];
    for (let q = 0; q < S; q++) {
      const k = diff[q];
      const on = pat[k] === 1;
      const col = k * outDim;
      if (n1 === 3) {
        const p0 = prev[3 * k];
        const p1 = prev[3 * k + 1];
        const p2 = prev[3 * k + 2];
        for (let j = 0; j < outDim; j++) {
          if (stamp[j] !== v) continue;
          const wk = on ? wt[col + j] : -wt[col + j];
          out[3 * j] += wk * p0;
          out[3 * j + 1] += wk * p1;
          out[3 * j + 2] += wk * p2;
        }
        continue;
      }
      for (let j = 0; j < outDim; j++) {
        if (stamp[j] !== v) continue;
        const wk = on ? wt[col + j] : -wt[col + j];
        for (let i = 0; i < n1; i++) out[j * n1 + i] += wk * prev[k * n1 + i];
      }
    }
    updates[l + 1] += S;
  };

  // The output sums (m × (n+1)), valid since the last fresh start, and the updates applied to them.
  const out = new Float64Array(m * n1);
  let outValid = false;
  let outUpdates = 0;

  // The last region's sign words: a layer whose words are unchanged needs no decoding.
  const H = hidden > 0 ? first[hidden - 1] + layers[hidden - 1].outDim : 0;
  const words = Math.ceil(H / 16);
  const last = new Uint32Array(words);
  // The hidden layer holding word q's first neuron.
  const layerOfWord = new Int32Array(words);
  for (let l = 0; l < hidden; l++) for (let k = first[l]; k < first[l] + layers[l].outDim; k++) if ((k & 15) === 0) layerOfWord[k >>> 4] = l;

  // activeList[l] holds layer l's active neurons of the current region (1), or is stale (0): it is only
  // decoded when a row maker or the output's full sum needs it, not at every change of pattern.
  const listOk = new Uint8Array(hidden);
  const ensureList = (l: number, signs: Uint32Array, at: number): void => {
    if (listOk[l] === 1) return;
    activeCount[l] = liveInputs(signs, at, first[l], layers[l].outDim, activeList[l]);
    listOk[l] = 1;
  };

  return (signs, at, J, jAt, c, cAt) => {
    // rebuild: F_l must be remade from scratch; changed: F_l differs from the last call's.
    let rebuild = false;
    let changed = false;
    // The last hidden layer's flipped neurons (in diff), and whether its F changed.
    let lastFlips = 0;
    let lastChanged = false;
    // Layers whose words all equal the last region's change nothing: start at the layer of the first
    // word that differs (most regions differ from their predecessor in the last layer only).
    let l = 0;
    let q0 = 0;
    if (started) {
      while (q0 < words && signs[at + q0] === last[q0]) q0++;
      l = q0 < words ? layerOfWord[q0] : hidden;
    }
    for (; l < hidden; l++) {
      const w = layers[l].outDim;
      const base = first[l];
      const pat = pattern[l];
      if (rebuild && l > 0) {
        version[l]++;
        updates[l] = 0;
      }
      const list = activeList[l];
      const stamp = rowStamp[l];
      const v = version[l];
      // This region's pattern of layer l; rows of F_l that it makes active must be valid.
      let S = 0;
      let same = started;
      for (let q = base >>> 4; same && q <= (base + w - 1) >>> 4; q++) same = signs[at + q] === last[q];
      let np = 0;
      if (!same) {
        // A word at a time: field 01 (active) of this region's and the last region's words (whose
        // pattern `pat` holds), within the layer's neurons: the flipped neurons, ascending.
        const end = base + w;
        for (let q = base >>> 4; q <= (end - 1) >>> 4; q++) {
          const lo = Math.max(base - (q << 4), 0);
          const hi = Math.min(end - (q << 4), 16);
          const mask = (hi === 16 ? 0xffffffff : (1 << (2 * hi)) - 1) & ~((1 << (2 * lo)) - 1);
          const x = signs[at + q];
          const y = last[q];
          const on = x & ~(x >>> 1) & 0x55555555 & mask;
          let flips = (on ^ (started ? y & ~(y >>> 1) & 0x55555555 & mask : 0)) | 0;
          const k0 = (q << 4) - base;
          while (flips !== 0) {
            const low = flips & -flips;
            flips ^= low;
            const k = k0 + ((31 - Math.clz32(low)) >>> 1);
            diff[S++] = k;
            pat[k] ^= 1;
          }
        }
        if (S > 0) listOk[l] = 0;
      }
      // Rows of F_l the region makes active that are not made: all active ones after a rebuild,
      // else only the neurons that just became active (the others' rows were made before).
      if (rebuild && l > 0) {
        ensureList(l, signs, at);
        for (let q = 0; q < activeCount[l]; q++) if (stamp[list[q]] !== v) pending[np++] = list[q];
      } else for (let q = 0; q < S; q++) if (pat[diff[q]] === 1 && stamp[diff[q]] !== v) pending[np++] = diff[q];
      if (np > 0) {
        ensureList(l - 1, signs, at);
        makeRows(l, pending, np);
      }
      if (l === 0 && started && S > 0) run++;
      if (l === 0 && (!started || (S > 0 && run % FRESH_RUNS === 0))) {
        // Every FRESH_RUNS-th new layer-0 pattern (a new region of the first layer's arrangement)
        // starts afresh: the maps from there on depend only on the regions from there on, so threads
        // that split the regions at such points compute the same bits as one thread.
        started = true;
        changed = true;
      }
      if (l + 1 === hidden) {
        lastFlips = S;
        lastChanged = changed;
        break;
      }
      // F_{l+1}: rebuilt if F_l changed; else, for a few flipped neurons, updated in place (a bounded
      // number of times, so rounding cannot pile up); else rebuilt.
      if (changed) rebuild = true;
      else if (S === 0) rebuild = false;
      else if (S <= MAX_FLIPS && updates[l + 1] + S <= MAX_UPDATES) {
        update(l, S);
        rebuild = false;
        changed = true;
        continue;
      } else rebuild = true;
      changed = rebuild;
    }
    for (let q = q0; q < words; q++) last[q] = signs[at + q];
    // Output: W_L·D_{L−1}·F_{L−1} + [0 b_L].
    const { weight, bias, inDim } = layers[L - 1];
    if (hidden === 0) {
      for (let o = 0; o < m; o++) {
        for (let i = 0; i < n; i++) J[jAt + o * n + i] = weight[o * n + i];
        c[cAt + o] = bias[o];
      }
      return;
    }
    // Σₖ W_L[o,k]·F_{L−1}[k] over the active k, kept from call to call: remade when F_{L−1} changed,
    // else updated for the flipped neurons (bounded as for the layers), like the layers' rows.
    const top = F[hidden - 1];
    const pat = pattern[hidden - 1];
    if (lastChanged || !outValid || lastFlips > MAX_FLIPS || outUpdates + lastFlips > MAX_UPDATES) {
      ensureList(hidden - 1, signs, at);
      const list = activeList[hidden - 1];
      const na = activeCount[hidden - 1];
      for (let o = 0; o < m; o++) rowSum(weight, o * inDim, list, na, top, n1, out, o * n1);
      outValid = true;
      outUpdates = 0;
    } else if (lastFlips > 0) {
      for (let o = 0; o < m; o++) addTerms(weight, o * inDim, diff, lastFlips, pat, top, n1, out, o * n1);
      outUpdates += lastFlips;
    }
    for (let o = 0; o < m; o++) {
      for (let i = 0; i < n; i++) J[jAt + o * n + i] = out[o * n1 + i];
      c[cAt + o] = out[o * n1 + n] + bias[o];
    }
  };
}

/**
 * out[o … o+n1) = Σ_q weight[r + k]·prev[k·n1 …] over k = list[0…na): one row of a product with the
 * active rows of the layer below, each coordinate summed from 0 in list order.
 */
function rowSum(weight: Float64Array, r: number, list: Int32Array, na: number, prev: Float64Array, n1: number, out: Float64Array, o: number): void {
  for (let i = 0; i < n1; i++) out[o + i] = 0;
  addTerms(weight, r, list, na, null, prev, n1, out, o);
}

/**
 * out[o … o+n1) += Σ_q ±weight[r + k]·prev[k·n1 …] over k = ks[0…count), in that order: + where
 * sign[k] is 1 (or sign is null), − where it is 0. One piece for a row made from scratch (rowSum), a
 * layer row's rank-one updates for flipped neurons (the sign is the neuron's new pattern: + if it
 * turned active) and the output sums' updates. On the plane and in 3-D the sums stay in registers,
 * with the same bits as the general loop.
 */
function addTerms(weight: Float64Array, r: number, ks: Int32Array, count: number, sign: Uint8Array | null, prev: Float64Array, n1: number, out: Float64Array, o: number): void {
  if (n1 === 3 || n1 === 4) {
    const four = n1 === 4;
    let s0 = out[o];
    let s1 = out[o + 1];
    let s2 = out[o + 2];
    let s3 = four ? out[o + 3] : 0;
    for (let q = 0; q < count; q++) {
      const k = ks[q];
      const wk = sign === null || sign[k] === 1 ? weight[r + k] : -weight[r + k];
      const p = k * n1;
      s0 += wk * prev[p];
      s1 += wk * prev[p + 1];
      s2 += wk * prev[p + 2];
      if (four) s3 += wk * prev[p + 3];
    }
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
    if (four) out[o + 3] = s3;
    return;
  }
  for (let q = 0; q < count; q++) {
    const k = ks[q];
    const wk = sign === null || sign[k] === 1 ? weight[r + k] : -weight[r + k];
    const p = k * n1;
    for (let i = 0; i < n1; i++) out[o + i] += wk * prev[p + i];
  }
}

/**
 * Run index of every region (regions in a row with the same first-layer active set share one) and
 * where the forward mapper starts afresh: region 0 and the first region of every FRESH_RUNS-th run.
 * Slices of the regions cut at fresh starts, each mapped by its own forwardRegionMapper, give the same
 * bits on worker threads as on one thread.
 */
export function freshStarts(net: Network, signs: Uint32Array, W: number, regions: number): { runs: Int32Array; fresh: Uint8Array } {
  const runs = new Int32Array(regions);
  const fresh = new Uint8Array(regions);
  const w = net.layers.length < 2 ? 0 : net.layers[0].outDim;
  let run = 0;
  for (let r = 0; r < regions; r++) {
    let changed = false;
    for (let k = 0; r > 0 && !changed && k < w; k++) {
      const a = ((signs[r * W + (k >>> 4)] >>> ((k & 15) << 1)) & 3) === 1;
      const b = ((signs[(r - 1) * W + (k >>> 4)] >>> ((k & 15) << 1)) & 3) === 1;
      changed = a !== b;
    }
    if (changed) run++;
    runs[r] = run;
    fresh[r] = r === 0 || (changed && run % FRESH_RUNS === 0) ? 1 : 0;
  }
  return { runs, fresh };
}
