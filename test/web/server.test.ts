/**
 * `tessera explore`'s server, without a browser: what it serves (the page, the example list, the
 * network given on the command line), what it refuses (paths outside the page, bad files), and the
 * command itself printing its address.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listExamples, parseSlicePoints, startExplorer, type ExplorerServer } from '../../src/cli/commands/explore.js';
import { bufferIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { loadNetwork } from '../../src/net/load/index.js';
import { architecture } from '../../src/net/network.js';

/** GET a raw path (no URL normalisation by the client). */
function get(url: string, path: string): Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }> {
  const { hostname, port } = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('explorer server', () => {
  let root: string;
  let plain: ExplorerServer;
  let withNet: ExplorerServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tessera-root-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>explorer</title>');
    plain = await startExplorer({ root, port: 0 });
    withNet = await startExplorer({ root, port: 0, network: 'examples/small-2d.json' });
  });

  afterAll(async () => {
    await plain.close();
    await withNet.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only and serves the page', async () => {
    expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await get(plain.url, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body.toString()).toContain('<title>explorer</title>');
  });

  it('lists the bundled examples with their architectures and serves their bytes', async () => {
    const res = await get(plain.url, '/api/examples');
    const list = JSON.parse(res.body.toString()) as { file: string; architecture: number[] }[];
    const small = list.find((e) => e.file === 'small-2d.json');
    expect(small?.architecture).toEqual(architecture(loadNetwork('examples/small-2d.json')));
    expect(small?.architecture).toEqual([2, 6, 4, 1]);
    const bytes = await get(plain.url, '/api/examples/small-2d.json');
    expect(bytes.status).toBe(200);
    expect(bytes.body.equals(readFileSync('examples/small-2d.json'))).toBe(true);
  });

  it('leaves out files that are not networks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-ex-'));
    writeFileSync(join(dir, 'a.json'), '{"layers": [{"weight": [[1, 2]], "bias": [0]}]}');
    writeFileSync(join(dir, 'points.json'), '[[0, 1], [2, 3]]');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expect(listExamples(dir)).toEqual([{ file: 'a.json', architecture: [2, 1] }]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the network given on the command line, and nothing when none was given', async () => {
    const none = await get(plain.url, '/api/network');
    expect(none.status).toBe(204);
    const given = await get(withNet.url, '/api/network');
    expect(given.status).toBe(200);
    expect(given.headers['x-tessera-name']).toBe('small-2d.json');
    expect(given.body.equals(readFileSync('examples/small-2d.json'))).toBe(true);
  });

  it('lists slice files, and serves the slice given on the command line', async () => {
    const list = JSON.parse((await get(plain.url, '/api/slices')).body.toString()) as { file: string; dim: number }[];
    expect(list).toContainEqual({ file: 'slice-mnist.json', dim: 784 });
    expect(list.some((e) => e.file === 'small-2d.json')).toBe(false);
    const one = JSON.parse((await get(plain.url, '/api/slices/slice-mnist.json')).body.toString()) as { points: number[][] };
    expect(one.points).toEqual(parseSlicePoints(readFileSync('examples/slice-mnist.json', 'utf8')));
    expect((await get(plain.url, '/api/slice')).status).toBe(204);
    const sliced = await startExplorer({ root, port: 0, network: 'examples/mnist-mlp.json', slice: 'examples/slice-mnist.json' });
    const given = JSON.parse((await get(sliced.url, '/api/slice')).body.toString()) as { points: number[][] };
    expect(given.points).toHaveLength(3);
    expect(given.points[1]).toHaveLength(784);
    await sliced.close();
    await expect(startExplorer({ root, port: 0, network: 'examples/small-2d.json', slice: 'examples/slice-mnist.json' })).rejects.toThrow('784 coordinates but the network takes 2 inputs');
    await expect(startExplorer({ root, port: 0, network: 'examples/mnist-mlp.json', slice: 'examples/small-2d.json' })).rejects.toThrow('3 input points');
  });

  it('refuses paths outside the page and unknown examples', async () => {
    expect((await get(plain.url, '/..%2f..%2fpackage.json')).status).toBe(403);
    expect((await get(plain.url, '/%2e%2e/%2e%2e/package.json')).status).toBe(404); // normalised to /package.json inside the root
    expect((await get(plain.url, '/api/examples/..%2fpackage.json')).status).toBe(404);
    expect((await get(plain.url, '/missing.js')).status).toBe(404);
  });

  it('refuses a bad network before listening, naming the file', async () => {
    await expect(startExplorer({ root, port: 0, network: 'examples/nope.json' })).rejects.toThrow('no such file');
    const dir = mkdtempSync(join(tmpdir(), 'tessera-one-'));
    const one = join(dir, 'one.json');
    writeFileSync(one, '{"layers": [{"weight": [[1]], "bias": [0]}]}');
    await expect(startExplorer({ root, port: 0, network: one })).rejects.toThrow('2 or more inputs');
    rmSync(dir, { recursive: true, force: true });
  });

  it('says when the page is not built, and which command builds it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tessera-empty-'));
    await expect(startExplorer({ root: empty, port: 0 })).rejects.toThrow('npm run build:web');
    rmSync(empty, { recursive: true, force: true });
  });

  it('the command exits 2 with one line for a missing file or a bad port', async () => {
    const io = bufferIO();
    expect(await main(['node', 'tessera', 'explore', 'examples/nope.json', '--no-open'], io)).toBe(2);
    expect(io.stderr).toBe('tessera: examples/nope.json: no such file\n');
    const io2 = bufferIO();
    expect(await main(['node', 'tessera', 'explore', '--port', 'abc'], io2)).toBe(2);
    expect(io2.stderr).toContain('--port');
    expect(io2.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('the command prints its address and serves until stopped', async () => {
    const script = "const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(['node', 'tessera', ...process.argv.slice(1)]);";
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, 'explore', 'examples/small-2d.json', '--port', '0', '--no-open', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) ok(out.split('\n')[0]);
        });
        child.on('exit', (code) => fail(new Error(`exited ${code}: ${out}`)));
      });
      const { url, port } = JSON.parse(line) as { url: string; port: number };
      expect(url).toBe(`http://127.0.0.1:${port}/`);
      const res = await get(url, '/api/network');
      expect(res.status).toBe(200);
    } finally {
      const exited = new Promise<number | null>((ok) => child.on('exit', ok));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 30_000);
});
