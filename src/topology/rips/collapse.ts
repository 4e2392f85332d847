/**
 * Filtered edge collapse of a flag filtration (Boissonnat & Pritam, "Edge collapse and persistence of
 * flag complexes", SoCG 2020). In a graph G, an edge uv is dominated by a vertex w ∉ {u, v} when
 * N[u] ∩ N[v] ⊆ N[w] (closed neighbourhoods); then the flag complex of G collapses onto that of G − uv
 * (the paper's edge collapse: the link of uv is a cone with apex w, so removing uv is a sequence of
 * elementary simplicial collapses). For a filtration the paper runs over the edges from the last to the
 * first: an edge dominated in the graph at its own value stays out until the first value at which it
 * stops being dominated (it is then inserted at that later value), or for good if it stays dominated to
 * the end; the persistence diagrams in all degrees are unchanged. Every new value is one of the old
 * ones, so the barcodes are identical, values included (checked by test/topology/rips-collapse.test.ts).
 *
 * The loop follows the formulation in GUDHI's Flag_complex_edge_collapser (Glisse's 2021 rewrite):
 * edges in decreasing filtration order over a graph holding every edge at its current value; the
 * common neighbours of uv split into those present at the current time and those appearing later
 * (sorted by appearance); while some common neighbour c dominates uv, advance the time to the next
 * appearance that c does not also cover.
 */
import { neighbourTable, type FilteredEdges } from './edges.js';

/** The collapsed filtered graph: a subset of the edges, some with later values (taken from the input's). */
export function collapseEdges(n: number, edges: FilteredEdges): FilteredEdges {
  // Closed neighbourhoods (vertex itself at −∞), rows increasing. A removed edge's value becomes +∞
  // and the entry is dropped from its rows the next time they are walked (ends[a] is row a's end).
  const { offsets, nbrs, values } = neighbourTable(n, edges, false, true);
  const ends = offsets.slice(1);
  const find = (a: number, b: number): number => {
    let lo = offsets[a];
    let hi = ends[a] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const w = nbrs[mid];
      if (w === b) return mid;
      if (w < b) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };

  const ngb = new Int32Array(n); // common neighbours present at `time`
  const stamp = new Int32Array(n).fill(-1); // stamp[w] === e: w is in ngb of edge e
  const inU = new Int32Array(n).fill(-1); // inU[w] === e: w in u's row, with value valU[w]
  const valU = new Float64Array(n);
  const common = new Int32Array(n + 1); // row positions of the common neighbours
  const laterW = new Int32Array(n); // common neighbours appearing after `time`, and when
  const laterT = new Float64Array(n);
  const laterOrder = new Int32Array(n);
  const outU = new Int32Array(edges.count);
  const outV = new Int32Array(edges.count);
  const outValue = new Float64Array(edges.count);
  let kept = 0;

  const order = increasingOrder(edges.value);
  for (let q = order.length - 1; q >= 0; q--) {
    const e = order[q];
    const u = edges.u[e];
    const v = edges.v[e];
    const start = edges.value[e];
    let time = start;
    // common neighbours w ∉ {u, v}: mark the longer row, then walk the shorter (both compacted on the way)
    const long = ends[u] - offsets[u] >= ends[v] - offsets[v] ? u : v;
    const short = long === u ? v : u;
    let inLong = -1;
    let inShort = -1;
    let out = offsets[long];
    for (let p = out, end = ends[long]; p < end; p++) {
      const w = nbrs[p];
      const x = values[p];
      if (x === Infinity) continue;
      nbrs[out] = w;
      values[out] = x;
      inU[w] = e;
      valU[w] = x;
      if (w === short) inLong = out; // where uv sits in the long row
      out++;
    }
    ends[long] = out;
    inU[u] = inU[v] = -1; // w ∉ {u, v}
    // walk the shorter row; collect the marked entries without a branch (positions into `common`)
    let commonCount = 0;
    out = offsets[short];
    for (let p = out, end = ends[short]; p < end; p++) {
      const w = nbrs[p];
      const x = values[p];
      if (x === Infinity) continue;
      nbrs[out] = w;
      values[out] = x;
      if (w === long) inShort = out; // where uv sits in the short row
      common[commonCount] = out++;
      commonCount += +(inU[w] === e);
    }
    ends[short] = out;
    let ngbCount = 0;
    let laterCount = 0;
    let bestF = Infinity;
    for (let i = 0; i < commonCount; i++) {
      const w = nbrs[common[i]];
      const f = Math.max(valU[w], values[common[i]]);
      if (f > time) {
        laterW[laterCount] = w;
        laterT[laterCount++] = f;
        continue;
      }
      stamp[w] = e;
      // the common neighbour closest to both (smallest f) is the likeliest dominator: test it first
      if (f < bestF) {
        bestF = f;
        ngb[ngbCount++] = ngb[0];
        ngb[0] = w;
      } else ngb[ngbCount++] = w;
    }
    let laterPos = 0;
    let sorted = false;
    let dead = false;
    for (;;) {
      const dominator = findDominator(ngb, ngbCount, stamp, e, time, offsets, ends, nbrs, values);
      if (dominator < 0) break;
      // uv stays dominated by `dominator` until a common neighbour appears that it does not cover
      let still = true;
      while (still) {
        if (laterPos === laterCount) {
          dead = true;
          break;
        }
        if (!sorted) {
          for (let i = 0; i < laterCount; i++) laterOrder[i] = i;
          laterOrder.subarray(0, laterCount).sort((a, b) => laterT[a] - laterT[b]);
          sorted = true;
        }
        time = laterT[laterOrder[laterPos]];
        while (laterPos < laterCount && laterT[laterOrder[laterPos]] <= time) {
          const w = laterW[laterOrder[laterPos++]];
          const p = find(dominator, w);
          if (p < 0 || values[p] > time) still = false;
          ngb[ngbCount++] = w;
          stamp[w] = e;
        }
      }
      if (dead) break;
    }
    if (dead) {
      values[inLong] = values[inShort] = Infinity;
      continue;
    }
    if (time !== start) values[inLong] = values[inShort] = time;
    outU[kept] = u;
    outV[kept] = v;
    outValue[kept++] = time;
  }
  return { count: kept, u: outU.subarray(0, kept), v: outV.subarray(0, kept), value: outValue.subarray(0, kept) };
}

/**
 * Edge positions in increasing order of value, ties in input order: a stable LSD radix sort on the
 * values' IEEE-754 bits (eight bytes), mapped so that unsigned order is numeric order.
 */
export function increasingOrder(value: Float64Array): Int32Array {
  const m = value.length;
  const bits = new Uint32Array(2 * m); // little-endian words: lo at 2e, hi at 2e + 1
  const f = new Float64Array(bits.buffer);
  for (let e = 0; e < m; e++) f[e] = value[e] + 0; // −0 → +0
  for (let e = 0; e < m; e++) {
    const hi = bits[2 * e + 1];
    if (hi & 0x80000000) {
      bits[2 * e + 1] = ~hi >>> 0;
      bits[2 * e] = ~bits[2 * e] >>> 0;
    } else bits[2 * e + 1] = (hi | 0x80000000) >>> 0;
  }
  let order = new Int32Array(m);
  let next = new Int32Array(m);
  for (let e = 0; e < m; e++) order[e] = e;
  const count = new Int32Array(257);
  for (let pass = 0; pass < 8; pass++) {
    const word = pass >> 2;
    const shift = (pass & 3) * 8;
    count.fill(0);
    for (let e = 0; e < m; e++) count[((bits[2 * e + word] >>> shift) & 0xff) + 1]++;
    if (count[((bits[word] >>> shift) & 0xff) + 1] === m) continue; // one digit value: nothing to do
    for (let d = 0; d < 256; d++) count[d + 1] += count[d];
    for (let q = 0; q < m; q++) {
      const e = order[q];
      next[count[(bits[2 * e + word] >>> shift) & 0xff]++] = e;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * A vertex c of ngb (the entries stamped `e`) whose closed row holds every vertex of ngb with a value
 * ≤ time (then N[u] ∩ N[v] ⊆ N[c] at that time), or −1. One pass over c's row per candidate.
 */
function findDominator(
  ngb: Int32Array, count: number, stamp: Int32Array, e: number, time: number,
  offsets: Int32Array, ends: Int32Array, nbrs: Int32Array, values: Float64Array,
): number {
  for (let i = 0; i < count; i++) {
    const c = ngb[i];
    let need = count; // c's own entry (value −∞) counts for c
    const end = ends[c];
    for (let p = offsets[c]; need > 0 && need <= end - p; p++) need -= +(stamp[nbrs[p]] === e) & +(values[p] <= time);
    if (need === 0) return c;
  }
  return -1;
}
