/**
 * `tessera obstruction NET [--teacher NET | --signs ++-] [--frozen-bias] [--check] [--json]`: the
 * topological obstruction of Nurisso, Leroy & Vaccarino (2024) for a one-hidden-layer network with
 * scalar output — per-neuron conserved quantities and quadrics, the components of their product,
 * the components distinct up to symmetry, and whether a target is reachable from this point.
 */
import type { Command } from 'commander';
import { analyseObstruction, parseSignPattern, reachability, teacherNeurons, type Reachability, type TargetNeuron } from '../../dynamics/obstruction.js';
import { sampledComponents } from '../../dynamics/sampling.js';
import { loadNetwork } from '../../net/load/index.js';
import { inFile, TesseraError } from '../../numeric/errors.js';
import { rng } from '../../numeric/random.js';
import { emit, type IO } from '../io.js';

interface ObstructionFlags {
  teacher?: string;
  signs?: string;
  frozenBias?: boolean;
  check?: boolean;
  json?: boolean;
}

export function register(program: Command, io: IO): void {
  program
    .command('obstruction')
    .description('conserved quantities of gradient flow, their quadrics and components, and whether a target is reachable (one hidden layer, scalar output)')
    .argument('<net>', 'network file (n → l → 1)')
    .option('--teacher <net>', 'target network (n → k → 1): is its function reachable from this initialisation?')
    .option('--signs <pattern>', 'target given by the output-weight signs of its neurons, e.g. "++-"')
    .option('--frozen-bias', 'hidden biases are not trained (and are 0): the incoming vector is the input weights alone')
    .option('--check', 'also count the components by brute force (sampling + neighbourhood graph; at most 4 neurons)')
    .option('--json', 'print one JSON object')
    .action((file: string, flags: ObstructionFlags) => {
      if (flags.teacher && flags.signs) throw new TesseraError('input', 'give either --teacher or --signs, not both');
      const net = loadNetwork(file);
      const trainedBias = !flags.frozenBias;
      const ob = inFile(file, () => analyseObstruction(net, { trainedBias }));
      let target: TargetNeuron[] | undefined;
      if (flags.teacher) {
        const teacher = loadNetwork(flags.teacher);
        if (teacher.inputDim !== net.inputDim) throw new TesseraError('shape', `the teacher takes ${teacher.inputDim} inputs but the network takes ${net.inputDim}`, flags.teacher);
        target = inFile(flags.teacher, () => teacherNeurons(teacher, trainedBias));
      } else if (flags.signs) target = parseSignPattern(flags.signs);
      const reach: Reachability | null = target ? reachability(ob, target) : null;
      let check: { components: number; points: number } | null = null;
      if (flags.check) {
        if (ob.hidden > 4 || ob.hidden * (ob.incomingDim + 1) > 12) {
          throw new TesseraError('budget', `--check samples the ${ob.hidden * (ob.incomingDim + 1)}-dimensional parameter space; it is limited to 12 dimensions (e.g. 4 neurons with 2 incoming parameters)`);
        }
        check = bruteForce(ob.neurons.map((n) => n.c), ob.incomingDim);
      }
      const result = {
        file,
        inputDim: ob.inputDim,
        hidden: ob.hidden,
        incomingDim: ob.incomingDim,
        convention: 'c = a^2 - |w|^2 - b^2 (output weight squared minus input weights and bias squared); the paper writes -c',
        neurons: ob.neurons.map((n) => ({
          c: n.c,
          scale: n.scale,
          shape: n.shape,
          topology: n.topology,
          connected: n.components === 1,
          components: n.components,
          frozen: n.frozen,
          outputSign: n.outputSign,
        })),
        pathological: ob.pathological,
        inputFrozen: ob.inputFrozen,
        components: ob.components,
        distinctComponents: ob.distinctComponents,
        component: ob.component,
        reachability: reach,
        check,
      };
      emit(io, !!flags.json, result, () => {
        const lines = [
          `${file}: ${ob.inputDim} → ${ob.hidden} → 1, ${ob.incomingDim} incoming parameters per neuron (${trainedBias ? 'weights + bias' : 'weights; biases frozen'})`,
          `  conserved c_k = a_k² − ‖w_k‖² − b_k²   (Nurisso et al. write −c_k; c_k > 0 here is their pathological c_k < 0)`,
          '    k        c_k  quadric                      connected  frozen',
        ];
        ob.neurons.slice(0, 40).forEach((n, k) => {
          lines.push(`  ${String(k).padStart(3)}  ${fmtNum(n.c).padStart(9)}  ${`${n.shape}, ${n.topology}`.padEnd(28)} ${(n.components === 1 ? 'yes' : 'no (2)').padEnd(10)} ${n.frozen ? `${n.frozen} ${n.label}` : ''}`);
        });
        if (ob.neurons.length > 40) lines.push(`  … ${ob.neurons.length - 40} more (use --json)`);
        lines.push(
          `  pathological neurons (frozen output sign)  ${ob.pathological}${ob.inputFrozen ? `;  frozen input sign ${ob.inputFrozen}` : ''}`,
          `  components of H(c) = Π_k Q(c_k)           ${ob.componentsLog2 > 52 ? `2^${ob.componentsLog2}` : ob.components}`,
          `  distinct up to permutation and rescaling  ${ob.distinctComponents}`,
          `  this network's component                  ${ob.component}`,
        );
        if (check) lines.push(`  brute-force check: ${check.components} component(s) among ${check.points} sampled points`);
        if (reach) {
          lines.push(
            `  target: ${reach.positive} positive, ${reach.negative} negative output neuron(s)`,
            `  reachable from this initialisation: ${reach.reachable ? 'yes' : 'NO — obstructed'} (${reach.reason})`,
          );
        }
        return lines.join('\n');
      });
    });
}

/**
 * Components of the sampled ε-graph, ignoring specks below 1% of the points (sampling noise). The
 * sheets of Q(c) are 2√c apart, so ε must stay below √(min |c|); the box must be wide enough to hold
 * the largest quadrics' necks. When the two scales are too far apart the check refuses.
 */
function bruteForce(cs: number[], m: number): { components: number; points: number } {
  const roots = cs.map((c) => Math.sqrt(Math.abs(c)));
  const radius = 2 * Math.max(1, ...roots);
  const epsilon = 0.45 * Math.min(...roots);
  if (!(epsilon > 0) || radius / epsilon > 10) {
    throw new TesseraError('budget', '--check: the c_k differ too much in size (or one is 0) for a sampled connectivity check');
  }
  const res = sampledComponents(cs, m, 1, { count: 4000, epsilon, radius, rand: rng(1) });
  return { components: res.sizes.filter((s) => s >= 0.01 * res.points).length, points: res.points };
}

function fmtNum(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e4 ? String(Number(v.toPrecision(4))) : v.toExponential(2);
}
