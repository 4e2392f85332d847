/**
 * The page's worker client (web/src/client.ts) against a fake worker whose replies the test releases
 * by hand: latest call per channel wins, a stale long job restarts the worker, and a restart replays
 * the network and every call still wanted.
 */
import { describe, expect, it } from 'vitest';
import { createWorkerClient, SUPERSEDED } from '../../web/src/client.js';
import type { Reply, Request } from '../../web/src/protocol.js';

class FakeWorker {
  static all: FakeWorker[] = [];
  received: Request[] = [];
  terminated = false;
  onmessage: ((ev: { data: Reply }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(msg: Request): void {
    this.received.push(structuredClone(msg));
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answer the request with this id. */
  reply(id: number, result: unknown = id, ok = true): void {
    this.onmessage?.({ data: { id, ok, result, error: ok ? undefined : 'failed', ms: 0 } });
  }
  types(): string[] {
    return this.received.map((r) => r.type);
  }
}

function client(restartAfterMs = 1e9) {
  FakeWorker.all = [];
  const c = createWorkerClient(() => new FakeWorker() as unknown as Worker, { restartAfterMs });
  return { c, worker: () => FakeWorker.all[FakeWorker.all.length - 1] };
}

const box = { x0: -1, x1: 1, y0: -1, y1: 1 };
const net = { layers: [{ inDim: 2, outDim: 1, weight: Float64Array.of(1, 2), bias: Float64Array.of(0) }] };

describe('worker client', () => {
  it('resolves replies and rejects a call replaced by a newer one on its channel', async () => {
    const { c, worker } = client();
    const first = c.call({ type: 'complex', box, maxCells: 10 });
    const second = c.call({ type: 'complex', box, maxCells: 20 });
    const other = c.call({ type: 'rank', box });
    const [a, b, r] = worker().received.map((m) => m.id);
    worker().reply(a);
    worker().reply(b, 'second');
    worker().reply(r, 'rank');
    await expect(first).rejects.toThrow(SUPERSEDED);
    await expect(second).resolves.toBe('second');
    await expect(other).resolves.toBe('rank');
    expect(c.busy()).toBe(false);
  });

  it('passes worker errors on as rejections', async () => {
    const { c, worker } = client();
    const p = c.call({ type: 'critical', box, output: 0 });
    worker().reply(worker().received[0].id, undefined, false);
    await expect(p).rejects.toThrow('failed');
  });

  it('restarts a worker busy with stale work, replaying the network and the calls still wanted', async () => {
    const { c, worker } = client(0);
    const state = c.setState({ type: 'setNetwork', net, plane: null });
    const level = c.call({ type: 'levelSet', box, level: 0, output: 0, difference: -1 }, 'level');
    const stale = c.call({ type: 'complex', box, maxCells: 10 });
    const old = worker();
    await new Promise((r) => setTimeout(r, 2));
    const fresh = c.call({ type: 'complex', box: { ...box, x1: 2 }, maxCells: 10 });
    expect(old.terminated).toBe(true);
    expect(FakeWorker.all).toHaveLength(2);
    const w = worker();
    // The network first, then the still-wanted level set, then the new complex; not the stale one.
    expect(w.types()).toEqual(['setNetwork', 'levelSet', 'complex']);
    expect((w.received[2] as Extract<Request, { type: 'complex' }>).box.x1).toBe(2);
    await expect(stale).rejects.toThrow(SUPERSEDED);
    w.reply(w.received[1].id, 'segments');
    w.reply(w.received[2].id, 'geometry');
    await expect(level).resolves.toBe('segments');
    await expect(fresh).resolves.toBe('geometry');
    await expect(state).resolves.toBeUndefined(); // settled by the replay
  });
});
