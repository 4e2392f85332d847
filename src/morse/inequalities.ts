/**
 * The Morse inequalities and the Euler relation for a discrete gradient (Forman; notes §1.5, §1.8):
 * with c_k the critical k-cells and β_k the Betti numbers of the complex (or of a sublevel complex that
 * is a union of lower stars),
 *   weak:    c_k ≥ β_k for every k;
 *   strong:  Σ_{j≤k} (−1)^{k−j} c_j ≥ Σ_{j≤k} (−1)^{k−j} β_j for every k;
 *   Euler:   Σ_k (−1)^k c_k = Σ_k (−1)^k β_k = χ.
 */
export interface MorseInequalities {
  readonly critical: number[];
  readonly betti: number[];
  /** Σ (−1)^k c_k. */
  readonly alternatingCritical: number;
  /** χ = Σ (−1)^k β_k. */
  readonly eulerCharacteristic: number;
  readonly euler: boolean;
  /** weak[k]: c_k ≥ β_k. */
  readonly weak: boolean[];
  /** strong[k]: the k-th strong inequality. */
  readonly strong: boolean[];
  /** All of the above hold. */
  readonly holds: boolean;
}

export function alternatingSum(a: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += k % 2 === 0 ? a[k] : -a[k];
  return s;
}

export function morseInequalities(critical: readonly number[], betti: readonly number[]): MorseInequalities {
  const len = Math.max(critical.length, betti.length);
  const c = Array.from({ length: len }, (_, k) => critical[k] ?? 0);
  const b = Array.from({ length: len }, (_, k) => betti[k] ?? 0);
  const weak = c.map((ck, k) => ck >= b[k]);
  const strong: boolean[] = [];
  let sc = 0;
  let sb = 0;
  for (let k = 0; k < len; k++) {
    sc = c[k] - sc;
    sb = b[k] - sb;
    strong.push(sc >= sb);
  }
  const alternatingCritical = alternatingSum(c);
  const eulerCharacteristic = alternatingSum(b);
  const euler = alternatingCritical === eulerCharacteristic;
  return { critical: c, betti: b, alternatingCritical, eulerCharacteristic, euler, weak, strong, holds: euler && weak.every(Boolean) && strong.every(Boolean) };
}
