/**
 * The contract every reproduced experiment follows (`tessera reproduce NAME`). An experiment is a
 * plain object registered in `experiments/index.ts`; `run` computes, prints and writes its files.
 */

/** Where an experiment prints. Structurally the same as the CLI's IO, so the CLI passes its own. */
export interface ExperimentIO {
  out(text: string): void;
  err(text: string): void;
  readonly interactive: boolean;
}

/** Options common to every experiment (parsed by `tessera reproduce`). */
export interface ExperimentOptions {
  /** Print one JSON object on stdout instead of the human table. */
  json: boolean;
  /** Directory for tables (CSV/JSON) and SVG figures; created if missing. Undefined: write nothing. */
  out?: string;
  /** Seed for every random choice (networks, samples), so runs repeat exactly. */
  seed: number;
  /** A small, fast version (tests, CI): same code paths, fewer/smaller networks. */
  quick: boolean;
}

export interface Experiment {
  /** One line, shown by `tessera reproduce --list`. */
  description: string;
  /**
   * Run the experiment: print the human table (or, with opts.json, exactly one JSON object) on io.out,
   * write files under opts.out when given, and return the result data (for in-process callers).
   * Throw TesseraError for anything the user can fix.
   */
  run(opts: ExperimentOptions, io: ExperimentIO): Promise<unknown> | unknown;
}
