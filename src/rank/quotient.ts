/**
 * The quotient metric of Beshkov & Einevoll (arXiv 2404.19710 §3; their code's relative homology, notes
 * §3.1): the homology of the representation Φ(M) should match that of M/A, the data with each collapse
 * class A_j — the points sharing one low-rank activation region — crushed to a point. On a sample:
 * distances inside a class become 0, a class's distance to anything is the least over its members
 * ("isometry quotient"), one node stands for each class, and the shortest-path closure (Floyd–Warshall)
 * makes the result a metric again; Rips persistence of that metric is the quotient's.
 */

/**
 * Quotient distance matrix. `dist`: n × n; `classOf[i]`: the class of point i, or −1 when it is not
 * collapsed. Returns the node distances (nodes × nodes): uncollapsed points first, in order, then one
 * node per class in order of first appearance.
 */
export function quotientDistances(dist: Float64Array, n: number, classOf: Int32Array): { dist: Float64Array; nodes: number } {
  const nodeOf = new Int32Array(n);
  const classNode = new Map<number, number>();
  let nodes = 0;
  for (let i = 0; i < n; i++) if (classOf[i] < 0) nodeOf[i] = nodes++;
  for (let i = 0; i < n; i++) {
    if (classOf[i] < 0) continue;
    let node = classNode.get(classOf[i]);
    if (node === undefined) {
      node = nodes++;
      classNode.set(classOf[i], node);
    }
    nodeOf[i] = node;
  }
  const q = new Float64Array(nodes * nodes).fill(Infinity);
  for (let a = 0; a < nodes; a++) q[a * nodes + a] = 0;
  for (let i = 0; i < n; i++) {
    const a = nodeOf[i];
    for (let j = 0; j < n; j++) {
      const b = nodeOf[j];
      if (a === b) continue;
      const d = dist[i * n + j];
      if (d < q[a * nodes + b]) q[a * nodes + b] = d;
    }
  }
  // Shortest-path closure: the crushed classes act as shortcuts.
  for (let k = 0; k < nodes; k++) {
    for (let a = 0; a < nodes; a++) {
      const ak = q[a * nodes + k];
      if (ak === Infinity) continue;
      for (let b = 0; b < nodes; b++) {
        const via = ak + q[k * nodes + b];
        if (via < q[a * nodes + b]) q[a * nodes + b] = via;
      }
    }
  }
  return { dist: q, nodes };
}
