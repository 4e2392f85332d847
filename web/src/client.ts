/**
 * The page's side of a worker: promise-returning calls, "latest wins" per channel, and a restart
 * when a superseded job is still hogging the worker (a zoom during a big build), so the page never
 * waits on work nobody wants any more. State messages (the network) are replayed after a restart.
 */
import type { Reply, Request } from './protocol.js';

type Pending = { resolve(v: unknown): void; reject(e: Error): void; channel: string; started: number; request: Request };

/** Rejection reason for a call replaced by a newer one on the same channel. */
export const SUPERSEDED = 'superseded';

export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface WorkerClient {
  /** Send a request; a newer call on the same channel rejects this one with SUPERSEDED. */
  call<T>(request: WithoutId<Request>, channel?: string): Promise<T>;
  /** A state-setting request replayed whenever the worker is restarted. */
  setState(request: WithoutId<Request>): Promise<unknown>;
  /** True while some call is in flight. */
  busy(): boolean;
  terminate(): void;
}

export function createWorkerClient(spawn: () => Worker, options: { restartAfterMs?: number; onBusy?: (busy: boolean) => void } = {}): WorkerClient {
  const restartAfter = options.restartAfterMs ?? 250;
  let worker = start();
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const latest = new Map<string, number>();
  let state: WithoutId<Request> | null = null;

  function start(): Worker {
    const w = spawn();
    w.onmessage = (ev: MessageEvent<Reply>) => settle(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault();
      failAll(`worker error: ${ev.message || 'unknown'}`);
    };
    return w;
  }

  function settle(reply: Reply): void {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    options.onBusy?.(pending.size > 0);
    if (latest.get(p.channel) !== reply.id && p.channel !== 'state') return p.reject(new Error(SUPERSEDED));
    if (reply.ok) p.resolve(reply.result);
    else p.reject(new Error(reply.error ?? 'failed'));
  }

  function failAll(message: string): void {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
    options.onBusy?.(false);
  }

  // Requests are copied, not transferred: the state request must stay intact to be replayed.
  function post(request: Request): void {
    worker.postMessage(request);
  }

  /** Kill the worker; replay the state, then every call that is still the latest of its channel. */
  function restart(dropChannel: string): void {
    worker.terminate();
    worker = start();
    if (state) post({ ...state, id: nextId++ } as Request);
    for (const [id, p] of [...pending]) {
      if (p.channel === 'state') {
        pending.delete(id); // replayed above: its promise settles now
        p.resolve(undefined);
      } else if (p.channel === dropChannel || latest.get(p.channel) !== id) {
        pending.delete(id);
        p.reject(new Error(SUPERSEDED));
      } else {
        p.started = performance.now();
        post(p.request);
      }
    }
  }

  return {
    call<T>(request: WithoutId<Request>, channel = request.type): Promise<T> {
      // A job on this channel that has run for a while is stale work blocking the worker: restart.
      const prevId = latest.get(channel);
      const prev = prevId !== undefined ? pending.get(prevId) : undefined;
      if (prev && performance.now() - prev.started > restartAfter) restart(channel);
      const id = nextId++;
      latest.set(channel, id);
      const full = { ...request, id } as Request;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, channel, started: performance.now(), request: full });
        options.onBusy?.(true);
        post(full);
      });
    },
    setState(request) {
      state = request;
      const full = { ...request, id: nextId++ } as Request;
      return new Promise((resolve, reject) => {
        pending.set(full.id, { resolve, reject, channel: 'state', started: performance.now(), request: full });
        post(full);
      });
    },
    busy: () => pending.size > 0,
    terminate: () => worker.terminate(),
  };
}
