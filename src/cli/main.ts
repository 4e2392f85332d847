/**
 * The `tessera` command line (commander). main() returns the exit code: 0 on success, 2 for a
 * user error (one line on stderr naming the file and the problem, no stack trace), 1 for a bug.
 */
import { Command, CommanderError } from 'commander';
import { isTesseraError } from '../numeric/errors.js';
import { commands } from './commands/index.js';
import { processIO, type IO } from './io.js';

export function buildProgram(io: IO): Command {
  const program = new Command();
  program
    .name('tessera')
    .description('Exact geometry and topology of ReLU neural networks')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  for (const c of commands) c.register(program, io);
  for (const sub of program.commands) sub.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  return program;
}

export async function main(argv: string[], io: IO = processIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage errors (already printed by commander) exit 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (isTesseraError(err)) {
      io.err(`tessera: ${err.file ? err.file + ': ' : ''}${oneLine(err.message)}\n`);
      return 2;
    }
    const e = err as Error;
    io.err(`tessera: internal error: ${oneLine(e?.message ?? String(err))}\n`);
    if (process.env.TESSERA_DEBUG) io.err(`${e?.stack ?? ''}\n`);
    return 1;
  }
}

/** Messages are printed on one line (some, e.g. from JSON.parse, can carry newlines). */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}
