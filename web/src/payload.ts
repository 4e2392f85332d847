/** Networks in transit between the page and its workers (protocol.ts's NetPayload). */
import { createNetwork, type Network } from '../../src/net/network.js';
import type { NetPayload } from './protocol.js';

export function networkFromPayload(p: NetPayload): Network {
  return createNetwork(p.layers.map((l) => ({ weight: l.weight, bias: l.bias, inDim: l.inDim, outDim: l.outDim })));
}

/** Copies the weights, so the payload can be transferred without touching the network. */
export function networkToPayload(net: Network): NetPayload {
  return { layers: net.layers.map((l) => ({ inDim: l.inDim, outDim: l.outDim, weight: l.weight.slice(), bias: l.bias.slice() })) };
}
