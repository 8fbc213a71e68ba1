/**
 * A network that is only a chain of dense layers, each optionally followed by ReLU or LeakyReLU
 * (α > 0), read as data: widths, activations and where each weight sits in the network's flat
 * parameter vector (the variables' order, the one LiveAdam packs). The fused WebGPU MLP step
 * (backend/webgpuMlp.ts) generates its kernels from this; any other layer makes it null, and
 * the step keeps the layer-by-layer path.
 */
import type { Network } from './network';

export interface MlpLayer {
  inDim: number;
  outDim: number;
  /** Offset of W ([inDim, outDim], row-major) in the flat parameter vector. */
  wOffset: number;
  /** Offset of b, or −1 without a bias. */
  bOffset: number;
  /** The activation after the layer: null (linear) or its slope left of 0 (ReLU: 0). */
  alpha: number | null;
  /** Whether W and b are under the L1/L2 penalties. */
  wPenalized: boolean;
  bPenalized: boolean;
}

export interface MlpChain {
  layers: MlpLayer[];
  /** Parameters in all. */
  size: number;
  /** The structure as a string: kernels generated from it are cached under it. */
  key: string;
}

const cache = new WeakMap<Network, MlpChain | null>();

/** The network as a dense chain, or null when it has any other layer (made once per network). */
export function mlpChain(net: Network): MlpChain | null {
  if (!cache.has(net)) cache.set(net, readChain(net));
  return cache.get(net)!;
}

function readChain(net: Network): MlpChain | null {
  const layers: MlpLayer[] = [];
  let offset = 0;
  let param = 0;
  for (const layer of net.layers) {
    const spec = layer.info.spec;
    if (spec.type === 'dense') {
      const [inDim] = layer.info.inShape;
      if (layer.info.inShape.length !== 1) return null;
      const w = net.params[param++];
      const b = layer.vars[1] ? net.params[param++] : null;
      const wOffset = offset;
      offset += inDim * spec.units;
      const bOffset = b ? offset : -1;
      if (b) offset += spec.units;
      layers.push({ inDim, outDim: spec.units, wOffset, bOffset, alpha: null, wPenalized: w.penalized, bPenalized: b?.penalized ?? false });
      continue;
    }
    const last = layers[layers.length - 1];
    // An activation right after a dense layer; LeakyReLU only with α > 0 (its output's sign is then the pre-activation's).
    if (!last || last.alpha !== null) return null;
    if (spec.type === 'relu') last.alpha = 0;
    else if (spec.type === 'leakyrelu' && spec.alpha > 0) last.alpha = spec.alpha;
    else return null;
  }
  if (layers.length === 0 || param !== net.params.length) return null;
  const key = layers
    .map(
      (l) => `${l.inDim}x${l.outDim}${l.bOffset >= 0 ? 'b' : ''}${l.alpha === null ? '' : `a${l.alpha}`}${l.wPenalized ? 'p' : ''}${l.bPenalized ? 'q' : ''}`,
    )
    .join('-');
  return { layers, size: offset, key };
}
