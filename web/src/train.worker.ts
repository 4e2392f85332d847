/**
 * The playground's training worker: runs the session in short slices (at most 25 steps, about 60 a
 * second), posting a snapshot (network, losses, conserved quantities) after each, so the page can redraw the complex while training runs.
 */
import { networkToPayload } from './payload.js';
import { transferablesOf } from './protocol.js';
import { createSession, type Session, type SessionOptions, type Snapshot } from './trainer.js';

export type TrainRequest = { type: 'init'; options: SessionOptions } | { type: 'run' } | { type: 'pause' } | { type: 'steps'; count: number };

export type TrainMessage =
  | { type: 'ready'; points: Float64Array; labels: Int8Array; snapshot: WireSnapshot }
  | { type: 'snapshot'; snapshot: WireSnapshot; running: boolean }
  | { type: 'error'; message: string };

export type WireSnapshot = Omit<Snapshot, 'network'> & { network: ReturnType<typeof networkToPayload> };

let session: Session | null = null;
let running = false;
let perSlice = 5;
const MAX_PER_SLICE = 25;
const SLICE_GAP_MS = 16;

function wire(s: Snapshot): WireSnapshot {
  return { ...s, network: networkToPayload(s.network) };
}

function send(msg: TrainMessage): void {
  (self as unknown as Worker).postMessage(msg, transferablesOf(msg));
}

function fail(err: unknown): void {
  running = false;
  send({ type: 'error', message: (err as Error)?.message ?? String(err) });
}

function tick(): void {
  if (!running || !session) return;
  try {
    const t0 = performance.now();
    const snap = session.steps(perSlice);
    const ms = performance.now() - t0;
    // Aim for ~25 ms of work a slice, capped so training stays watchable.
    perSlice = Math.max(1, Math.min(MAX_PER_SLICE, Math.round(perSlice * (ms > 0 ? Math.min(4, 25 / ms) : 2))));
    send({ type: 'snapshot', snapshot: wire(snap), running });
    setTimeout(tick, SLICE_GAP_MS);
  } catch (err) {
    fail(err);
  }
}

self.onmessage = (ev: MessageEvent<TrainRequest>) => {
  const req = ev.data;
  try {
    if (req.type === 'init') {
      running = false;
      perSlice = 5;
      session = createSession(req.options);
      const d = session.dataset;
      const labels = Int8Array.from(d.targets, (t) => (t >= 0.5 ? 1 : 0));
      send({ type: 'ready', points: d.inputs.slice(), labels, snapshot: wire(session.snapshot()) });
    } else if (req.type === 'run') {
      if (!running) {
        running = true;
        tick();
      }
    } else if (req.type === 'pause') {
      running = false;
      if (session) send({ type: 'snapshot', snapshot: wire(session.snapshot()), running });
    } else if (req.type === 'steps') {
      if (session) send({ type: 'snapshot', snapshot: wire(session.steps(req.count)), running });
    }
  } catch (err) {
    fail(err);
  }
};
