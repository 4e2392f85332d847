/**
 * The CLI as users run it (node bin/tessera.js, a separate process): bad input gives exit code 2 and
 * exactly one stderr line naming the file and the problem, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { model, node, rawFloat, valueInfo } from '../net/onnxModels.js';

const MAIN = 'dist/cli/main.js';

/** Newest modification time under the source folders the CLI's error paths run through. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

let dir = '';

beforeAll(() => {
  // bin/tessera.js runs dist/. CI builds it in `npm ci`; build here when it is missing or older than
  // the sources under test (tsc still emits when unrelated files have type errors, so ignore its code).
  const stale = !existsSync(MAIN) || ['src/cli', 'src/net', 'src/numeric'].some((d) => newestSource(d) > statSync(MAIN).mtimeMs);
  if (stale) spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { stdio: 'ignore' });
  expect(existsSync(MAIN)).toBe(true);

  dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
  writeFileSync(join(dir, 'notes.txt'), 'these are not weights\n');
  writeFileSync(join(dir, 'malformed.json'), '{"layers": [{"weight": [[1, 2]], "bias": [0]},');
  writeFileSync(join(dir, 'infinite.json'), '{"layers": [{"weight": [[1, 1e999]], "bias": [0]}]}');
  writeFileSync(join(dir, 'mismatch.json'), '{"layers": [{"weight": [[1, 2], [3, 4]], "bias": [0, 0]}, {"weight": [[1, 1, 1]], "bias": [0]}]}');
  writeFileSync(
    join(dir, 'conv.onnx'),
    model(
      [node('Conv', ['x', 'k'], ['c'], {}, 'conv1'), node('Relu', ['c'], ['y'])],
      [rawFloat('k', [1, 1, 3, 3], new Array(9).fill(1))],
      [valueInfo('x', [1, 1, 8, 8])],
      [valueInfo('y', [1, 1, 6, 6])],
    ),
  );
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/tessera.js', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, nothing on stdout, one stderr line starting "tessera: FILE: " and matching `problem`. */
function expectUserError(result: ReturnType<typeof run>, file: string, problem: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(`tessera: ${file}: `)).toBe(true);
  expect(lines[0]).toMatch(problem);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('tessera on bad input', () => {
  it('unknown format', () => {
    const file = join(dir, 'notes.txt');
    expectUserError(run('info', file), file, /unknown network format \(expected \.json, \.onnx, \.npz or \.safetensors\)/);
  });

  it('malformed JSON', () => {
    const file = join(dir, 'malformed.json');
    expectUserError(run('info', file, '--json'), file, /malformed JSON/);
  });

  it('non-finite weights', () => {
    const file = join(dir, 'infinite.json');
    expectUserError(run('eval', file, '--point', '0,0'), file, /layer 0: weight\[0\]\[1\] is not a finite number/);
  });

  it('shape mismatch between layers', () => {
    const file = join(dir, 'mismatch.json');
    expectUserError(run('info', file), file, /layer 1 takes 3 inputs but layer 0 gives 2 outputs/);
  });

  it('an ONNX graph with an unsupported operator', () => {
    const file = join(dir, 'conv.onnx');
    expectUserError(run('info', file), file, /unsupported ONNX operator 'Conv' \(node 'conv1'\); tessera reads MLPs: Gemm, MatMul\+Add, Relu, Flatten, Identity/);
  });

  it('a point of the wrong dimension', () => {
    expectUserError(run('eval', 'examples/small-2d.onnx', '--point', '1,2,3'), 'examples/small-2d.onnx', /--point has 3 coordinates but the network takes 2 inputs/);
  });

  it('a missing file', () => {
    const file = join(dir, 'absent.npz');
    expectUserError(run('info', file), file, /no such file/);
  });

  it('works on good input (exit 0, JSON on stdout)', () => {
    const r = run('info', 'examples/small-2d.safetensors', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).architecture).toEqual([2, 6, 4, 1]);
  });
});
