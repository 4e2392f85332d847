/**
 * Growable flat typed arrays (amortised doubling) for the subdivision engine's hot paths: cells and
 * vertices are appended one at a time without an object per element.
 */
export class GrowI32 {
  data: Int32Array;
  length = 0;
  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(4, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  grow(need: number): void {
    if (need <= this.data.length) return;
    const next = new Int32Array(Math.max(need, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /** A right-sized copy. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowF64 {
  data: Float64Array;
  length = 0;
  constructor(capacity = 64) {
    this.data = new Float64Array(Math.max(4, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  grow(need: number): void {
    if (need <= this.data.length) return;
    const next = new Float64Array(Math.max(need, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** Copy `a` into a new array of at least `need` elements (same type), keeping the contents. */
export function ensureCapacity<T extends Float64Array | Int32Array | Uint32Array | Int8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const C = a.constructor as new (n: number) => T;
  const next = new C(Math.max(need, a.length * 2));
  next.set(a as never);
  return next;
}
