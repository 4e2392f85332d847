/**
 * The command list. Each command lives in its own file and exports register(program, io); add a
 * line here to add a command.
 */
import type { Command } from 'commander';
import type { IO } from '../io.js';
import * as info from './info.js';
import * as evalCommand from './eval.js';

export const commands: { register(program: Command, io: IO): void }[] = [info, evalCommand];
