/** Disjoint sets over 0..n−1 in one Int32Array (path halving, union by attaching to a chosen root). */
export interface DisjointSets {
  readonly parent: Int32Array;
}

export function disjointSets(n: number): DisjointSets {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  return { parent };
}

export function findRoot(s: DisjointSets, x: number): number {
  const p = s.parent;
  while (p[x] !== x) {
    p[x] = p[p[x]];
    x = p[x];
  }
  return x;
}
