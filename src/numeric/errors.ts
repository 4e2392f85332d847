/**
 * User-facing errors. Anything the user can fix (a malformed file, a wrong shape, a job over budget)
 * is a TesseraError; the CLI prints its message on one line and exits with code 2, no stack trace.
 */
export type ErrorKind = 'input' | 'format' | 'shape' | 'unsupported' | 'budget' | 'domain';

export class TesseraError extends Error {
  readonly kind: ErrorKind;
  /** The file the problem was found in, when there is one; the CLI prefixes it. */
  file?: string;

  constructor(kind: ErrorKind, message: string, file?: string) {
    super(message);
    this.name = 'TesseraError';
    this.kind = kind;
    this.file = file;
  }
}

/** Attach a file name to a TesseraError raised while reading that file (keeps an existing one). */
export function inFile<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof TesseraError && err.file === undefined) err.file = file;
    throw err;
  }
}

export function isTesseraError(err: unknown): err is TesseraError {
  return err instanceof TesseraError;
}
