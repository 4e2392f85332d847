/**
 * Barcodes: for each degree k, the bars [birth, death) of the k-th persistent homology. An essential
 * class has death = Infinity (written as null in JSON, since JSON.stringify maps Infinity to null).
 */
export interface Bar {
  readonly birth: number;
  readonly death: number;
}

/** barcode[k] = bars of degree k, sorted by birth then death. */
export type Barcode = Bar[][];

/** Betti numbers of the filtration's space at value t: bars with birth ≤ t < death. */
export function bettiAt(barcode: Barcode, t: number): number[] {
  return barcode.map((bars) => bars.filter((b) => b.birth <= t && t < b.death).length);
}

/** Number of essential bars per degree: the Betti numbers of the whole (final) space. */
export function essentialCounts(barcode: Barcode): number[] {
  return barcode.map((bars) => bars.filter((b) => b.death === Infinity).length);
}

export function sortBars(bars: Bar[]): Bar[] {
  return bars.sort((a, b) => a.birth - b.birth || a.death - b.death);
}

/** Plain JSON form: [[{birth, death|null}…] per degree]. */
export function barcodeToJSON(barcode: Barcode): { birth: number; death: number | null }[][] {
  return barcode.map((bars) => bars.map((b) => ({ birth: b.birth, death: Number.isFinite(b.death) ? b.death : null })));
}
