/**
 * An open-addressing hash map from an unordered vertex pair {a, b} to an int (the vertex that splits
 * edge ab). Flat Int32Arrays, linear probing: no object per entry, so millions of edges stay cheap.
 */
export class EdgeMap {
  private keysA!: Int32Array;
  private keysB!: Int32Array;
  private vals!: Int32Array;
  private mask!: number;
  private slot = -1;
  size = 0;

  constructor(expected = 1024) {
    this.allocate(expected * 2);
  }

  /** Empty the map, keeping its arrays when they have room for `expected` entries (no fresh pages). */
  clear(expected: number): void {
    if (this.keysA.length >= expected * 2) {
      if (this.size > 0) this.keysA.fill(-1);
      this.size = 0;
    } else this.allocate(expected * 2);
  }

  /** Fresh empty tables of at least `slots` slots (a power of two, ≥ 16). */
  private allocate(slots: number): void {
    let cap = 16;
    while (cap < slots) cap <<= 1;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
  }

  private static hash(a: number, b: number): number {
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 0;
  }

  /** Slot of {lo, hi} (lo < hi): where it is stored, or the empty slot where it would go. */
  private probe(lo: number, hi: number): number {
    let i = EdgeMap.hash(lo, hi) & this.mask;
    for (;;) {
      const k = this.keysA[i];
      if (k === -1 || (k === lo && this.keysB[i] === hi)) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** The value stored for {a, b}, or −1. */
  get(a: number, b: number): number {
    const i = a < b ? this.probe(a, b) : this.probe(b, a);
    return this.keysA[i] === -1 ? -1 : this.vals[i];
  }

  /**
   * get, remembering where {a, b} would go: a miss is then stored by `claim` with no second probe
   * (no other insertion may come in between).
   */
  find(a: number, b: number): number {
    if ((this.size + 1) * 2 > this.keysA.length) this.rehash();
    const i = (this.slot = a < b ? this.probe(a, b) : this.probe(b, a));
    return this.keysA[i] === -1 ? -1 : this.vals[i];
  }

  /** Store `value` for the pair that the last `find` missed. */
  claim(a: number, b: number, value: number): void {
    const i = this.slot;
    this.keysA[i] = a < b ? a : b;
    this.keysB[i] = a < b ? b : a;
    this.vals[i] = value;
    this.size++;
  }

  set(a: number, b: number, value: number): void {
    this.find(a, b);
    if (this.keysA[this.slot] === -1) this.claim(a, b, value);
    else this.vals[this.slot] = value;
  }

  private rehash(): void {
    const A = this.keysA;
    const B = this.keysB;
    const Vs = this.vals;
    this.allocate(A.length * 2);
    for (let i = 0; i < A.length; i++) if (A[i] !== -1) this.set(A[i], B[i], Vs[i]);
  }
}
