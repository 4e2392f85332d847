/**
 * A binary min-heap of simplices keyed by filtration order: smaller diameter first, and among equal
 * diameters the larger combinatorial index first (Ripser's order). Entries live in two parallel
 * Float64Arrays. Over Z/2 a simplex pushed twice cancels: heapPivot() pops such pairs.
 */
export interface SimplexHeap {
  diam: Float64Array;
  index: Float64Array;
  size: number;
}

export function simplexHeap(capacity = 64): SimplexHeap {
  return { diam: new Float64Array(capacity), index: new Float64Array(capacity), size: 0 };
}

/** a before b in the filtration. */
function before(h: SimplexHeap, a: number, b: number): boolean {
  const da = h.diam[a];
  const db = h.diam[b];
  return da < db || (da === db && h.index[a] > h.index[b]);
}

function swap(h: SimplexHeap, a: number, b: number): void {
  const d = h.diam[a];
  h.diam[a] = h.diam[b];
  h.diam[b] = d;
  const i = h.index[a];
  h.index[a] = h.index[b];
  h.index[b] = i;
}

export function heapPush(h: SimplexHeap, diam: number, index: number): void {
  if (h.size === h.diam.length) grow(h);
  let c = h.size++;
  h.diam[c] = diam;
  h.index[c] = index;
  while (c > 0) {
    const p = (c - 1) >> 1;
    if (!before(h, c, p)) break;
    swap(h, c, p);
    c = p;
  }
}

function popTop(h: SimplexHeap): void {
  h.size--;
  if (h.size === 0) return;
  h.diam[0] = h.diam[h.size];
  h.index[0] = h.index[h.size];
  siftDown(h, 0);
}

/** Append without restoring the heap order; call heapify() before reading the pivot. */
export function heapAppend(h: SimplexHeap, diam: number, index: number): void {
  if (h.size === h.diam.length) grow(h);
  h.diam[h.size] = diam;
  h.index[h.size] = index;
  h.size++;
}

function grow(h: SimplexHeap): void {
  const d = new Float64Array(2 * h.diam.length);
  d.set(h.diam);
  const i = new Float64Array(2 * h.index.length);
  i.set(h.index);
  h.diam = d;
  h.index = i;
}

function siftDown(h: SimplexHeap, p: number): void {
  for (;;) {
    const l = 2 * p + 1;
    if (l >= h.size) return;
    const r = l + 1;
    const c = r < h.size && before(h, r, l) ? r : l;
    if (!before(h, c, p)) return;
    swap(h, c, p);
    p = c;
  }
}

/** Restore the heap order after entries were appended from position `start` on (sift each up). */
export function heapSiftUpFrom(h: SimplexHeap, start: number): void {
  for (let c0 = start; c0 < h.size; c0++) {
    let c = c0;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (!before(h, c, p)) break;
      swap(h, c, p);
      c = p;
    }
  }
}

/** Restore the heap order of the whole array (Floyd, linear time). */
export function heapify(h: SimplexHeap): void {
  for (let p = (h.size >> 1) - 1; p >= 0; p--) siftDown(h, p);
}

/**
 * Cancel pairs at the top and return 0 when a pivot is on top, −1 when the heap is empty. A second
 * copy of the top entry is always one of its children (its ancestors would have to be copies too).
 */
export function heapPivot(h: SimplexHeap): number {
  while (h.size > 0) {
    const i = h.index[0];
    const twin = (h.size > 1 && h.index[1] === i) || (h.size > 2 && h.index[2] === i);
    if (!twin) return 0;
    // remove the top and its copy: pop twice (the copy becomes the top after the first pop)
    popTop(h);
    popTop(h);
  }
  return -1;
}

export function heapClear(h: SimplexHeap): void {
  h.size = 0;
}
