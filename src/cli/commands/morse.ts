/**
 * `tessera morse NET [--box LO,HI | --slice FILE] [--output K] [--json] [--svg FILE]`: the discrete
 * gradient vector field of F built lower star by lower star (Brooks & Masden §4), its critical cells,
 * and the checks: a matching, acyclic, relatively perfect (critical cells = PL critical points with
 * multiplicity), Euler relation and Morse inequalities on the domain and on sublevel complexes.
 */
import type { Command } from 'commander';
import { criticalCells, discreteGradient } from '../../morse/gradient.js';
import { morseReport, type MorseReport } from '../../morse/report.js';
import { emit, type IO } from '../io.js';
import { parsePositiveInt } from '../options.js';
import { addMorseOptions, morseContextForFlags, writeSvgIfAsked, type MorseCommandFlags } from './critical.js';

function yes(b: boolean): string {
  return b ? 'yes' : 'NO';
}

export function morseHuman(file: string, r: MorseReport, limit = 12): string {
  const m = r.morseInequalities;
  const lines = [
    `${file}: discrete gradient on ${r.cellsByDim.join(' / ')} cells (dims 0..${r.inputDim}), F = output ${r.output}`,
    `critical cells by dimension: [${r.criticalCells.join(', ')}]   PL critical points by index (interior + boundary): [${r.plCritical.join(', ')}]`,
    `matching ${yes(r.matching)}, acyclic ${yes(r.acyclic)}, relatively perfect ${yes(r.relativelyPerfect)} (${r.agreement.perfect}/${r.agreement.units} lower stars; ${r.pairing.cubical} cubical, ${r.pairing.greedy} greedy)`,
    `Euler: Σ(−1)^k c_k = ${m.alternatingCritical}, χ = ${m.eulerCharacteristic} (${m.euler ? 'holds' : 'FAILS'});  Betti [${m.betti.join(', ')}], weak ${yes(m.weak.every(Boolean))}, strong ${yes(m.strong.every(Boolean))}`,
  ];
  if (r.morseComplex) {
    lines.push(`Morse complex: connections by dimension [${r.morseComplex.connections.slice(1).join(', ')}], Betti [${r.morseComplex.betti.join(', ')}] (${r.morseComplex.matches ? 'equals the complex’s' : 'DIFFERS from the complex’s'})`);
  }
  if (r.sublevel.length > 0) {
    lines.push('sublevel complexes {F ≤ t}:');
    for (const s of r.sublevel) lines.push(`  t = ${Number(s.level.toPrecision(5))}`.padEnd(18) + `critical [${s.critical.join(', ')}]  betti [${s.betti.join(', ')}]  ${s.holds ? 'inequalities hold' : 'INEQUALITIES FAIL'}`);
  }
  if (r.cells) {
    for (const c of r.cells.slice(0, limit)) lines.push(`  critical ${c.dim}-cell  F = ${Number(c.value.toPrecision(6))}  near (${c.point.map((x) => Number(x.toPrecision(4))).join(', ')})${c.boundary ? '  boundary' : ''}`);
    if (r.cells.length > limit) lines.push(`  … ${r.cells.length - limit} more (--json lists them)`);
  }
  for (const mm of r.agreement.mismatches.slice(0, limit)) lines.push(`  not perfect at (${mm.point.map((x) => Number(x.toPrecision(4))).join(', ')}): betti [${mm.betti.join(', ')}] vs critical [${mm.critical.join(', ')}]`);
  return lines.join('\n');
}

export function register(program: Command, io: IO): void {
  addMorseOptions(program.command('morse').description('discrete gradient vector field of F consistent with its PL Morse data (Brooks–Masden)'))
    .option('--list <n>', 'list critical cells individually when there are at most this many', '1000')
    .action((file: string, flags: MorseCommandFlags & { list: string }) => {
      const ctx = morseContextForFlags(file, flags);
      const g = discreteGradient(ctx);
      const report = morseReport(ctx, g, { listLimit: parsePositiveInt(flags.list, '--list') });
      writeSvgIfAsked(ctx, flags, `${file}: discrete gradient`, { criticalCells: criticalCells(g), pairs: g });
      emit(io, !!flags.json, report, () => morseHuman(file, report));
    });
}
