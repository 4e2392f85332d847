/**
 * The command list. Each command lives in its own file and exports register(program, io); add a
 * line here to add a command.
 */
import type { Command } from 'commander';
import type { IO } from '../io.js';
import * as info from './info.js';
import * as regions from './regions.js';
import * as evalCommand from './eval.js';
import * as reproduce from './reproduce.js';
import * as tropical from './tropical.js';
import * as rank from './rank.js';
import * as explore from './explore.js';
import * as critical from './critical.js';
import * as morse from './morse.js';
import * as train from './train.js';
import * as obstruction from './obstruction.js';
import * as topology from './topology.js';
import * as homology from './homology.js';

export const commands: { register(program: Command, io: IO): void }[] = [info, evalCommand, regions, reproduce, tropical, rank, explore, critical, morse, train, obstruction, topology, homology];
