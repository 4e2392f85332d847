/**
 * `tessera explore [NET] [--port P] [--no-open]`: serve the browser explorer (web/, built into
 * dist/web) on 127.0.0.1 and print its address. The page reads its examples from /api/examples and
 * the network given here from /api/network; everything else is the static build.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadNetwork } from '../../net/load/index.js';
import { architecture } from '../../net/network.js';
import { TesseraError } from '../../numeric/errors.js';
import { emit, type IO } from '../io.js';

export interface ExplorerOptions {
  /** The built page (default: dist/web next to the compiled library). */
  root?: string;
  /** Folder of example networks listed in the page (default: the package's examples/). */
  examples?: string;
  /** The network to open, as a file path. */
  network?: string;
  /** A slice file (3 input points, as a list or {"points": […]}) to open the network's plane with. */
  slice?: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
}

export interface ExplorerServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
export const DEFAULT_PORT = 5180;
const NETWORK_EXTENSIONS = ['.json', '.onnx', '.npz', '.safetensors'];
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const here = fileURLToPath(new URL('.', import.meta.url));

/** dist/web, whether this module runs compiled (dist/cli/commands) or from source (src/cli/commands). */
export function defaultWebRoot(): string | undefined {
  const candidates = [resolve(here, '../../web'), resolve(here, '../../../dist/web')];
  return candidates.find((c) => existsSync(join(c, 'index.html')));
}

export function defaultExamplesDir(): string {
  return resolve(here, '../../../examples');
}

interface ExampleEntry {
  file: string;
  architecture: number[];
}

/** Network files in `dir` that load, with their architectures (files that do not load are left out). */
export function listExamples(dir: string): ExampleEntry[] {
  if (!existsSync(dir)) return [];
  const out: ExampleEntry[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!NETWORK_EXTENSIONS.includes(extname(file).toLowerCase())) continue;
    const path = join(dir, file);
    if (!statSync(path).isFile() || statSync(path).size > 64 * 1024 * 1024) continue;
    try {
      out.push({ file, architecture: architecture(loadNetwork(path)) });
    } catch {
      // Not a network (e.g. a data or slice file): leave it out of the picker.
    }
  }
  return out;
}

interface SliceEntry {
  file: string;
  /** Coordinates per point (the input dimension it fits). */
  dim: number;
}

/** Points of a slice file: a list of 3 points or {"points": [3 points]}, all of one length; else null. */
export function parseSlicePoints(text: string): number[][] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  const pts = Array.isArray(doc) ? doc : doc && typeof doc === 'object' ? (doc as { points?: unknown }).points : undefined;
  if (!Array.isArray(pts) || pts.length !== 3) return null;
  const dim = Array.isArray(pts[0]) ? pts[0].length : -1;
  const ok = pts.every((p) => Array.isArray(p) && p.length === dim && dim >= 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v)));
  return ok ? (pts as number[][]) : null;
}

/** Slice files in `dir` (JSON files holding 3 points). */
export function listSlices(dir: string): SliceEntry[] {
  if (!existsSync(dir)) return [];
  const out: SliceEntry[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (extname(file).toLowerCase() !== '.json') continue;
    const path = join(dir, file);
    if (!statSync(path).isFile() || statSync(path).size > 16 * 1024 * 1024) continue;
    const pts = parseSlicePoints(readFileSync(path, 'utf8'));
    if (pts) out.push({ file, dim: pts[0].length });
  }
  return out;
}

function send(res: ServerResponse, status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra });
  res.end(body);
}

/**
 * The API the page reads (/api/…), for this server and for Vite's dev server (web/vite.config.ts).
 * Checks the network and slice files first, so a bad file is refused before anything listens.
 * The handler returns false for paths that are not its own.
 */
export function explorerApi(options: Pick<ExplorerOptions, 'examples' | 'network' | 'slice'> = {}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const examplesDir = options.examples ?? defaultExamplesDir();
  let given: { name: string; bytes: Uint8Array } | null = null;
  let inputDim = 0;
  if (options.network) {
    const net = loadNetwork(options.network); // validates, and names the file in any error
    if (net.inputDim < 2) throw new TesseraError('domain', `the network takes ${net.inputDim} input: the explorer draws networks with 2 or more inputs`, options.network);
    given = { name: basename(options.network), bytes: readFileSync(options.network) };
    inputDim = net.inputDim;
  }
  let givenSlice: number[][] | null = null;
  if (options.slice) {
    let text: string;
    try {
      text = readFileSync(options.slice, 'utf8');
    } catch {
      throw new TesseraError('input', 'cannot read the slice file', options.slice);
    }
    givenSlice = parseSlicePoints(text);
    if (!givenSlice) throw new TesseraError('format', 'a slice file for the explorer holds 3 input points of equal length (a list, or {"points": […]})', options.slice);
    if (inputDim && givenSlice[0].length !== inputDim) {
      throw new TesseraError('domain', `the slice points have ${givenSlice[0].length} coordinates but the network takes ${inputDim} inputs`, options.slice);
    }
  }
  let slices: SliceEntry[] | null = null;
  let examples: ExampleEntry[] | null = null;

  return (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', `http://${HOST}`).pathname);
    if (!path.startsWith('/api/')) return false;
    if (path === '/api/examples') {
      examples ??= listExamples(examplesDir);
      send(res, 200, JSON.stringify(examples), CONTENT_TYPES['.json']);
    } else if (path.startsWith('/api/examples/')) {
      examples ??= listExamples(examplesDir);
      const file = path.slice('/api/examples/'.length);
      if (!examples.some((e) => e.file === file)) send(res, 404, 'no such example');
      else send(res, 200, readFileSync(join(examplesDir, file)), 'application/octet-stream');
    } else if (path === '/api/slices') {
      slices ??= listSlices(examplesDir);
      send(res, 200, JSON.stringify(slices), CONTENT_TYPES['.json']);
    } else if (path.startsWith('/api/slices/')) {
      slices ??= listSlices(examplesDir);
      const file = path.slice('/api/slices/'.length);
      if (!slices.some((e) => e.file === file)) send(res, 404, 'no such slice');
      else send(res, 200, JSON.stringify({ points: parseSlicePoints(readFileSync(join(examplesDir, file), 'utf8')) }), CONTENT_TYPES['.json']);
    } else if (path === '/api/slice') {
      if (!givenSlice) send(res, 204, '');
      else send(res, 200, JSON.stringify({ points: givenSlice }), CONTENT_TYPES['.json']);
    } else if (path === '/api/network') {
      if (!given) send(res, 204, '');
      else send(res, 200, given.bytes, 'application/octet-stream', { 'x-tessera-name': encodeURIComponent(given.name) });
    } else send(res, 404, 'no such endpoint');
    return true;
  };
}

/** Start the server; resolves once it listens. */
export async function startExplorer(options: ExplorerOptions = {}): Promise<ExplorerServer> {
  const root = options.root ?? defaultWebRoot();
  if (!root || !existsSync(join(root, 'index.html'))) {
    throw new TesseraError('input', 'the explorer page is not built: run `npm run build:web` (npm ci does it through the prepare script)');
  }
  const api = explorerApi(options);
  const rootDir = resolve(root);

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    if (api(req, res)) return;
    const path = decodeURIComponent(new URL(req.url ?? '/', `http://${HOST}`).pathname);
    const target = resolve(rootDir, '.' + (path.endsWith('/') ? path + 'index.html' : path));
    if (target !== rootDir && !target.startsWith(rootDir + sep)) return send(res, 403, 'forbidden');
    if (!existsSync(target) || !statSync(target).isFile()) return send(res, 404, 'not found');
    const type = CONTENT_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': target.includes(`${sep}assets${sep}`) ? 'max-age=31536000, immutable' : 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(target));
  };

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      send(res, 500, (err as Error).message);
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      fail(err.code === 'EADDRINUSE' ? new TesseraError('input', `port ${options.port} is in use: pass --port with another number (0 picks a free one)`) : err);
    });
    server.listen(options.port ?? DEFAULT_PORT, HOST, () => {
      const port = (server.address() as AddressInfo).port;
      ok({
        url: `http://${HOST}:${port}/`,
        port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** Best effort: open the address in the desktop's browser (only from an interactive terminal). */
function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser: the address is printed anyway
  }
}

export function register(program: Command, io: IO): void {
  program
    .command('explore')
    .description('serve the browser explorer on 127.0.0.1 and print its address (Ctrl-C stops it)')
    .argument('[net]', 'network file to open (.json, .onnx, .npz, .safetensors); default: the examples')
    .option('--slice <file>', 'JSON file with 3 input points (a list, or {"points": […]}): open on the plane through them')
    .option('--port <p>', `port on 127.0.0.1 (0 picks a free one)`, String(DEFAULT_PORT))
    .option('--no-open', 'do not try to open a browser')
    .option('--json', 'print one JSON object {"url", "port"} once listening')
    .action(async (file: string | undefined, opts: { port: string; open: boolean; json?: boolean; slice?: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TesseraError('input', `--port: expected an integer from 0 to 65535, got "${opts.port}"`);
      if (opts.slice && !file) throw new TesseraError('input', '--slice needs a network to slice');
      const server = await startExplorer({ network: file, port, slice: opts.slice });
      emit(io, !!opts.json, { url: server.url, port: server.port }, () => `tessera explorer: ${server.url}${file ? `  (${file})` : ''}\nCtrl-C to stop.`);
      if (opts.open && io.interactive && (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) openBrowser(server.url);
      // Serve until interrupted.
      await new Promise<void>((done) => {
        const stop = () => void server.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
