/**
 * `tessera tropical NET [--json] [--exact | --float] [--box LO,HI] [--svg FILE] …`: the network as a
 * tropical rational map F = f ⊘ g (Zhang, Naitzat & Lim 2018), its Newton polytopes, the zonotopes of
 * a single hidden layer, region bounds, and the four region counts side by side.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { boxDomain, buildComplex } from '../../complex/index.js';
import { loadNetwork } from '../../net/load/index.js';
import { TesseraError } from '../../numeric/errors.js';
import { renderComplexSVG } from '../../render/complex.js';
import { renderTropicalSVG } from '../../render/tropical.js';
import { dualSubdivisionEdges } from '../../tropical/dual.js';
import { formatPolynomial } from '../../tropical/polynomial.js';
import { tropicalReport, type TropicalReport } from '../../tropical/report.js';
import { emit, type IO } from '../io.js';
import { parseInterval, parsePositiveInt } from '../options.js';

interface TropicalFlags {
  json?: boolean;
  exact?: boolean;
  float?: boolean;
  box?: string;
  counts: boolean;
  monomials: boolean;
  svg?: string;
  maxMonomials?: string;
  maxLps?: string;
}

export function register(program: Command, io: IO): void {
  program
    .command('tropical')
    .description('the network as a tropical rational map f ⊘ g: monomials, Newton polytopes, zonotopes, region bounds and counts')
    .argument('<net>', 'network file')
    .option('--json', 'print one JSON object')
    .option('--exact', 'exact rational arithmetic (weights read as the decimals written: 0.1 = 1/10)')
    .option('--float', 'floating point under the tolerance policy (default unless all weights and biases are integers)')
    .option('--box <lo,hi>', 'domain [lo,hi]^n for the region counts (default -1,1)')
    .option('--no-counts', 'skip the region counts (complex and tropical cells)')
    .option('--no-monomials', 'leave the monomial lists out of the output (counts and Newton vertices only)')
    .option('--svg <file>', 'Newton polygons of f and g with their dual subdivisions, and the regions (2-D input)')
    .option('--max-monomials <n>', 'refuse a tropical product with more candidate monomials than this (default 200000)')
    .option('--max-lps <n>', 'refuse tropical-cell counting that needs more LPs than this (default 200000)')
    .action((file: string, flags: TropicalFlags) => {
      if (flags.exact && flags.float) throw new TesseraError('input', '--exact and --float cannot be combined');
      const net = loadNetwork(file);
      const box = flags.box ? parseInterval(flags.box, '--box') : { lo: -1, hi: 1 };
      const { map, report } = tropicalReport(net, {
        mode: flags.exact ? 'exact' : flags.float ? 'float' : 'auto',
        lo: box.lo,
        hi: box.hi,
        counts: flags.counts,
        monomials: flags.monomials,
        maxMonomials: flags.maxMonomials ? parsePositiveInt(flags.maxMonomials, '--max-monomials') : undefined,
        maxLPs: flags.maxLps ? parsePositiveInt(flags.maxLps, '--max-lps') : undefined,
      });
      if (flags.svg) {
        if (net.inputDim !== 2) throw new TesseraError('unsupported', `--svg draws Newton polygons for 2-D inputs; this network takes ${net.inputDim}`);
        const ar = map.arithmetic;
        const f = map.numerators[0];
        const g = map.denominators[0];
        const regionSVG = renderComplexSVG(buildComplex(net, boxDomain(2, box.lo, box.hi)), { net, title: `regions on [${box.lo},${box.hi}]²` });
        const svg = renderTropicalSVG(
          ar,
          [
            { title: `Newton polygon of f · ${f.count} monomials`, polynomial: f, edges: dualSubdivisionEdges(ar, f) },
            { title: `Newton polygon of g · ${g.count} monomials`, polynomial: g, edges: dualSubdivisionEdges(ar, g) },
          ],
          { title: `${file}: F = f ⊘ g (${report.mode})`, regionSVG },
        );
        writeFileSync(flags.svg, svg);
      }
      emit(io, !!flags.json, { file, ...report }, () => humanSummary(file, report, map, !!flags.svg && flags.svg));
    });
}

function humanSummary(file: string, r: TropicalReport, map: ReturnType<typeof tropicalReport>['map'], svg: string | false): string {
  const ar = map.arithmetic;
  const lines = [`${file}  (${r.architecture.join(' → ')}, ${r.mode} arithmetic)`, '  F = f ⊘ g, max-plus; monomials after pruning (Newton polytope vertices):'];
  r.outputs.forEach((o, k) => {
    const label = r.outputs.length > 1 ? ` output ${k}:` : '';
    lines.push(`   ${label} f: ${o.numerator.count} (${o.numerator.newtonVertices.length})   g: ${o.denominator.count} (${o.denominator.newtonVertices.length})`);
    if (map.numerators[k].count <= 8) lines.push(`      f = ${formatPolynomial(ar, map.numerators[k])}`);
    if (map.denominators[k].count <= 8) lines.push(`      g = ${formatPolynomial(ar, map.denominators[k])}`);
  });
  const sizes = r.layers.map((l) => `${l.numeratorMonomials}/${l.denominatorMonomials}`).join(', ');
  lines.push(`  monomials by layer (Σ|F_i| / Σ|G_i|): ${sizes}`);
  const z = r.zonotopes as null | { kind: string; first: { vertexCount: number; upperVertexCount: number }; second: { vertexCount: number; upperVertexCount: number }; decisionBoundary: { polynomial: string; monomials: number } };
  if (z) {
    const names = z.kind === 'single-output' ? ['f', 'g'] : ['Z_G1', 'Z_G2'];
    lines.push(
      `  zonotopes (one hidden layer): ${names[0]} ${z.first.vertexCount} vertices (${z.first.upperVertexCount} upper), ${names[1]} ${z.second.vertexCount} vertices (${z.second.upperVertexCount} upper)`,
      `  decision boundary ⊆ T(${z.decisionBoundary.polynomial}), ${z.decisionBoundary.monomials} monomials`,
    );
  }
  const b = r.bounds;
  lines.push(`  region bounds: Zhang ${b.zhang ?? '—'}, Serra ${b.serra}, Montúfar ${b.montufar}, shallow net of equal size ${b.shallow}, trivial ${b.trivial}`);
  if (r.counts) {
    const c = r.counts;
    lines.push(
      `  counts on [${c.domain.lo},${c.domain.hi}]^${r.architecture[0]}:`,
      `    activation regions (complex top cells)   ${c.activationRegions}`,
      `    linear regions (complex, Def. 1)         ${c.linearRegions}`,
      `    distinct affine maps (complex)           ${c.distinctAffineMaps}`,
      `    tropical cells (f × g refinement)        ${c.tropicalCells}`,
      `    linear regions from tropical cells       ${c.tropicalLinearRegions}`,
      `    distinct maps from tropical cells        ${c.tropicalDistinctAffineMaps}`,
    );
  }
  lines.push(`  time ${r.seconds.toFixed(3)} s`);
  if (svg) lines.push(`  picture written to ${svg}`);
  return lines.join('\n');
}
