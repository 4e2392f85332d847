/**
 * Where a command writes. main() takes an IO so tests can run commands in-process and read the output.
 */
export interface IO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is an interactive terminal (progress bars are drawn only then). */
  readonly interactive: boolean;
}

export const processIO: IO = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  get interactive() {
    return Boolean(process.stderr.isTTY);
  },
};

/** An IO that collects what is written (for tests). */
export function bufferIO(): IO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    interactive: false,
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
  };
  return io;
}

/** Print one JSON object (with --json) or the human summary. */
export function emit(io: IO, json: boolean, value: unknown, human: () => string): void {
  if (json) io.out(JSON.stringify(value, jsonReplacer) + '\n');
  else io.out(human().replace(/\n?$/, '\n'));
}

/** Typed arrays become plain arrays; non-finite numbers become null (JSON has no Infinity). */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'bigint') return value.toString();
  return value;
}
