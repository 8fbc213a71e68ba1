/**
 * Model architectures as data (no TF.js here), so the UI can list them and the numbers — shapes,
 * parameter counts, FLOPs — come from one shape inference that the TF.js builder also uses.
 */
import type { ModelId } from '../config';

export type LayerSpec =
  | { type: 'dense'; units: number; bias?: boolean; init?: number }
  /** A trainable vector output for every example, whatever the input (the Dirac-GAN's G(z) = θ). */
  | { type: 'constant'; units: number; init?: number }
  | { type: 'reshape'; shape: [number, number, number] }
  | { type: 'batchnorm' }
  | { type: 'leakyrelu'; alpha: number }
  | { type: 'relu' }
  | { type: 'tanh' }
  | { type: 'conv'; filters: number; kernel: number; stride: number; bias?: boolean }
  | { type: 'convT'; filters: number; kernel: number; stride: number; bias?: boolean }
  /** Nearest-neighbour upsampling by an integer factor (each pixel repeated factor×factor times). */
  | { type: 'upsample'; factor: number }
  | { type: 'dropout'; rate: number }
  /** Minibatch standard deviation (minibatchStd.ts): one channel with each group's spread appended. */
  | { type: 'mbstd'; group: number }
  | { type: 'flatten' }
  /** Conditional G's input, [z | E[y]] (classEmbedding.ts); y comes as ApplyOptions.labels. */
  | { type: 'embedConcat'; classes: number; dim: number }
  /** Conditional D's head, φ·w + b + ⟨E[y], φ⟩ (projectionHead.ts, Miyato & Koyama 2018). */
  | { type: 'projection'; classes: number };

/** Shape of one example, without the batch dimension: [features] or [h, w, c]. */
export type Shape = number[];

export interface Architecture {
  id: ModelId;
  label: string;
  /** What one data example looks like: [h, w, c] for images, [2] for points. */
  dataShape: Shape;
  generator: LayerSpec[];
  discriminator: LayerSpec[];
  description: string;
}

const lrelu: LayerSpec = { type: 'leakyrelu', alpha: 0.2 };
const bn: LayerSpec = { type: 'batchnorm' };

/**
 * DCGAN generator in the article's shape, parameterised by width. Dense and ConvT layers that feed
 * a BatchNorm carry no bias: BN's beta makes it redundant.
 */
function dcganGenerator(side: number, width: [number, number, number], outChannels: number): LayerSpec[] {
  const [w0, w1, w2] = width;
  return [
    { type: 'dense', units: side * side * w0, bias: false },
    bn,
    lrelu,
    { type: 'reshape', shape: [side, side, w0] },
    { type: 'convT', filters: w1, kernel: 5, stride: 1, bias: false },
    bn,
    lrelu,
    { type: 'convT', filters: w2, kernel: 5, stride: 2, bias: false },
    bn,
    lrelu,
    { type: 'convT', filters: outChannels, kernel: 5, stride: 2, bias: false },
    { type: 'tanh' },
  ];
}

function dcganDiscriminator(width: [number, number]): LayerSpec[] {
  return [
    { type: 'conv', filters: width[0], kernel: 5, stride: 2 },
    lrelu,
    { type: 'dropout', rate: 0.3 },
    { type: 'conv', filters: width[1], kernel: 5, stride: 2 },
    lrelu,
    { type: 'dropout', rate: 0.3 },
    { type: 'flatten' },
    { type: 'dense', units: 1 },
  ];
}

/**
 * The resize-convolution generator (Odena et al. 2016): nearest-neighbour ×2 then a 3×3
 * convolution at every scale. Each output pixel gets the same number of kernel taps, so there is
 * none of a stride-2 transposed convolution's uneven overlap (its checkerboard).
 */
function resizeConvGenerator(side: number, widths: number[], outChannels: number): LayerSpec[] {
  const [w0, ...rest] = widths;
  return [
    { type: 'dense', units: side * side * w0, bias: false },
    bn,
    lrelu,
    { type: 'reshape', shape: [side, side, w0] },
    ...rest.flatMap((w): LayerSpec[] => [{ type: 'upsample', factor: 2 }, { type: 'conv', filters: w, kernel: 3, stride: 1, bias: false }, bn, lrelu]),
    { type: 'conv', filters: outChannels, kernel: 3, stride: 1 },
    { type: 'tanh' },
  ];
}

/**
 * A deeper D for the resize-conv family: a 3×3 convolution at full resolution, then 4×4 stride-2
 * convolutions that halve the side while doubling the width, then one logit. No dropout and no
 * BatchNorm: it is meant to run with spectral normalization and the hinge loss.
 */
function convDiscriminator(widths: number[], mbstdGroup = 0): LayerSpec[] {
  const [first, ...rest] = widths;
  return [
    { type: 'conv', filters: first, kernel: 3, stride: 1 },
    lrelu,
    ...rest.flatMap((w): LayerSpec[] => [{ type: 'conv', filters: w, kernel: 4, stride: 2 }, lrelu]),
    // Minibatch stddev last, at the smallest resolution (as in ProGAN/StyleGAN): one more map for the logit.
    ...(mbstdGroup > 0 ? [{ type: 'mbstd', group: mbstdGroup } as const] : []),
    { type: 'flatten' },
    { type: 'dense', units: 1 },
  ];
}

function mlp(hidden: number[], out: number, act: LayerSpec): LayerSpec[] {
  return [...hidden.flatMap((units): LayerSpec[] => [{ type: 'dense', units }, act]), { type: 'dense', units: out }];
}

export const ARCHITECTURES: Record<ModelId, Architecture> = {
  dcgan32: {
    id: 'dcgan32',
    label: 'DCGAN 32×32×3 (article)',
    dataShape: [32, 32, 3],
    generator: dcganGenerator(8, [256, 128, 64], 3),
    discriminator: dcganDiscriminator([64, 128]),
    description: 'The article’s DCGAN: 8×8×256 → 16×16 → 32×32 colour images.',
  },
  'dcgan32-small': {
    id: 'dcgan32-small',
    label: 'DCGAN 32×32×3 small',
    dataShape: [32, 32, 3],
    generator: dcganGenerator(8, [64, 32, 16], 3),
    discriminator: dcganDiscriminator([16, 32]),
    description: 'Same shape with a quarter of the filters (about 1/16 of the FLOPs) for CPU-only machines.',
  },
  dcgan28: {
    id: 'dcgan28',
    label: 'DCGAN 28×28×1 (TF tutorial)',
    dataShape: [28, 28, 1],
    generator: dcganGenerator(7, [256, 128, 64], 1),
    discriminator: dcganDiscriminator([64, 128]),
    description: 'The TensorFlow DCGAN tutorial’s shape for 28×28 greyscale digits.',
  },
  'dcgan28-small': {
    id: 'dcgan28-small',
    label: 'DCGAN 28×28×1 small',
    dataShape: [28, 28, 1],
    generator: dcganGenerator(7, [64, 32, 16], 1),
    discriminator: dcganDiscriminator([16, 32]),
    description: 'A quarter of the filters (about 1/16 of the FLOPs): learns digit strokes in seconds on a CPU.',
  },
  resize32: {
    id: 'resize32',
    label: 'Resize-conv 32×32×3',
    dataShape: [32, 32, 3],
    generator: resizeConvGenerator(4, [256, 128, 64, 32], 3),
    discriminator: convDiscriminator([32, 64, 128, 256]),
    description:
      'G: 4×4 → 8 → 16 → 32 by nearest-neighbour resize and 3×3 convolutions (no checkerboard); D: four convolutions. For spectral norm and hinge loss.',
  },
  'resize32-small': {
    id: 'resize32-small',
    label: 'Resize-conv 32×32×3 small',
    dataShape: [32, 32, 3],
    generator: resizeConvGenerator(4, [64, 32, 16, 8], 3),
    discriminator: convDiscriminator([8, 16, 32, 64]),
    description: 'A quarter of the filters of Resize-conv 32 (about 1/15 of the FLOPs), for CPU-only machines.',
  },
  resize28: {
    id: 'resize28',
    label: 'Resize-conv 28×28×1',
    dataShape: [28, 28, 1],
    generator: resizeConvGenerator(7, [128, 64, 32], 1),
    discriminator: convDiscriminator([32, 64, 128]),
    description: 'G: 7×7 → 14 → 28 by nearest-neighbour resize and 3×3 convolutions (no checkerboard); D: three convolutions.',
  },
  'resize28-small': {
    id: 'resize28-small',
    label: 'Resize-conv 28×28×1 small',
    dataShape: [28, 28, 1],
    generator: resizeConvGenerator(7, [32, 16, 8], 1),
    discriminator: convDiscriminator([8, 16, 32]),
    description: 'A quarter of the filters of Resize-conv 28 (about 1/15 of the FLOPs), for CPU-only machines.',
  },
  'resize28-small-mbstd': {
    id: 'resize28-small-mbstd',
    label: 'Resize-conv 28×28×1 small, minibatch stddev in D',
    dataShape: [28, 28, 1],
    generator: resizeConvGenerator(7, [32, 16, 8], 1),
    discriminator: convDiscriminator([8, 16, 32], 4),
    description:
      'Resize-conv 28 small whose D also sees how much each group of 4 images varies (minibatch standard deviation): a G that makes too few kinds of digit is caught.',
  },
  dirac: {
    id: 'dirac',
    label: 'Dirac-GAN (1 + 1 parameters)',
    dataShape: [1],
    generator: [{ type: 'constant', units: 1, init: 1 }],
    discriminator: [{ type: 'dense', units: 1, bias: false, init: 1 }],
    description: 'Mescheder et al. 2018: G(z) = θ, D(x) = ψ·x, real data all at 0. The equilibrium is θ = ψ = 0.',
  },
  mlp2d: {
    id: 'mlp2d',
    label: 'MLP for 2-D points',
    dataShape: [2],
    generator: mlp([128, 128], 2, { type: 'relu' }),
    discriminator: mlp([128, 128], 1, { type: 'leakyrelu', alpha: 0.2 }),
    description: 'Two hidden layers of 128 units in each network; G maps noise to a point in the plane.',
  },
};

export interface LayerShapeInfo {
  spec: LayerSpec;
  inShape: Shape;
  outShape: Shape;
  /** Trainable parameter tensor shapes, in creation order. */
  params: { name: string; shape: number[]; penalized: boolean }[];
  /** Forward multiply-adds × 2 for one example. */
  forwardFlops: number;
}

const prod = (xs: number[]): number => xs.reduce((a, b) => a * b, 1);

/** Infers every layer's shapes; throws with the layer index where a spec does not fit its input. */
export function inferLayers(layers: LayerSpec[], inShape: Shape): LayerShapeInfo[] {
  let shape = inShape;
  return layers.map((spec, i) => {
    const fail = (why: string): never => {
      throw new Error(`layer ${i} (${spec.type}) ${why}; input shape [${shape.join(', ')}]`);
    };
    let out: Shape = shape;
    let params: LayerShapeInfo['params'] = [];
    let flops = 0;
    switch (spec.type) {
      case 'dense': {
        if (shape.length !== 1) fail('needs a flat input');
        out = [spec.units];
        params = [{ name: `dense${i}/kernel`, shape: [shape[0], spec.units], penalized: true }];
        if (spec.bias !== false) params.push({ name: `dense${i}/bias`, shape: [spec.units], penalized: false });
        flops = 2 * shape[0] * spec.units;
        break;
      }
      case 'constant':
        out = [spec.units];
        params = [{ name: `constant${i}/value`, shape: [spec.units], penalized: true }];
        break;
      case 'reshape':
        if (prod(spec.shape) !== prod(shape)) fail(`cannot reshape to [${spec.shape.join(', ')}]`);
        out = [...spec.shape];
        break;
      case 'flatten':
        out = [prod(shape)];
        break;
      case 'batchnorm': {
        const c = shape[shape.length - 1];
        params = [
          { name: `bn${i}/gamma`, shape: [c], penalized: false },
          { name: `bn${i}/beta`, shape: [c], penalized: false },
        ];
        flops = 4 * prod(shape);
        break;
      }
      case 'conv':
      case 'convT': {
        if (shape.length !== 3) fail('needs an [h, w, c] input');
        const [h, w, c] = shape;
        const { filters, kernel, stride } = spec;
        out = spec.type === 'conv' ? [Math.ceil(h / stride), Math.ceil(w / stride), filters] : [h * stride, w * stride, filters];
        // conv2d filters are [k, k, in, out]; conv2dTranspose filters are [k, k, out, in].
        const fshape = spec.type === 'conv' ? [kernel, kernel, c, filters] : [kernel, kernel, filters, c];
        params = [{ name: `${spec.type}${i}/kernel`, shape: fshape, penalized: true }];
        if (spec.bias !== false) params.push({ name: `${spec.type}${i}/bias`, shape: [filters], penalized: false });
        // Each output (conv) or each input (convT) position does k·k·c_in·c_out multiply-adds.
        const positions = spec.type === 'conv' ? out[0] * out[1] : h * w;
        flops = 2 * positions * kernel * kernel * c * filters;
        break;
      }
      case 'upsample':
        if (shape.length !== 3) fail('needs an [h, w, c] input');
        out = [shape[0] * spec.factor, shape[1] * spec.factor, shape[2]];
        flops = prod(out);
        break;
      case 'leakyrelu':
      case 'relu':
      case 'tanh':
      case 'dropout':
        flops = prod(shape);
        break;
      case 'mbstd':
        if (shape.length !== 3) fail('needs an [h, w, c] input');
        out = [shape[0], shape[1], shape[2] + 1];
        // centre, square, mean, sqrt and average per position; one copy out.
        flops = 5 * prod(shape);
        break;
      case 'embedConcat':
        if (shape.length !== 1) fail('needs a flat input');
        out = [shape[0] + spec.dim];
        params = [{ name: `embed${i}/table`, shape: [spec.classes, spec.dim], penalized: false }];
        break;
      case 'projection':
        if (shape.length !== 1) fail('needs a flat input');
        out = [1];
        params = [
          { name: `projection${i}/kernel`, shape: [shape[0], 1], penalized: true },
          { name: `projection${i}/bias`, shape: [1], penalized: false },
          { name: `projection${i}/embed`, shape: [spec.classes, shape[0]], penalized: false },
        ];
        flops = 4 * shape[0];
        break;
    }
    const info: LayerShapeInfo = { spec, inShape: shape, outShape: out, params, forwardFlops: flops };
    shape = out;
    return info;
  });
}

/** One layer of a summary: which network, its type, its output shape and its parameter count. */
export interface LayerSummary {
  net: 'G' | 'D';
  type: LayerSpec['type'];
  outShape: Shape;
  params: number;
}

export interface ModelSummary {
  id: ModelId;
  label: string;
  dataShape: Shape;
  latentDim: number;
  /** Classes of a conditional run (its class embeddings are counted in the parameters), 0 when unconditional. */
  classes: number;
  generatorParams: number;
  discriminatorParams: number;
  /** FLOPs of one full training step (dSteps D updates + one G update) per real image. */
  flopsPerImage: number;
  generatorForwardFlops: number;
  discriminatorForwardFlops: number;
  /** Every layer of G, then of D, as the run builds them (a conditional run's embeddings included). */
  layers: LayerSummary[];
}

/** The layer lists a run builds when they differ from its architecture's (a conditional run: conditionalSpecs.ts). */
export interface SummaryNetworks {
  generator: LayerSpec[];
  discriminator: LayerSpec[];
  classes: number;
}

/**
 * Checks both networks fit together (G's output is D's input is the data shape, D ends in one
 * logit) and counts parameters and FLOPs. A backward pass costs about twice its forward pass.
 * `networks`: the run's own layer lists (`summarizeRun` in conditionalSpecs.ts passes a
 * conditional run's); the architecture's when left out.
 */
export function summarizeModel(id: ModelId, latentDim: number, dSteps = 1, networks?: SummaryNetworks): ModelSummary {
  const arch = ARCHITECTURES[id];
  const g = inferLayers(networks?.generator ?? arch.generator, [latentDim]);
  const d = inferLayers(networks?.discriminator ?? arch.discriminator, arch.dataShape);
  const gOut = g[g.length - 1].outShape;
  const dOut = d[d.length - 1].outShape;
  if (gOut.join('x') !== arch.dataShape.join('x')) {
    throw new Error(`${id}: generator makes [${gOut.join(', ')}] but data is [${arch.dataShape.join(', ')}]`);
  }
  if (dOut.join('x') !== '1') throw new Error(`${id}: discriminator must end in one logit, ends in [${dOut.join(', ')}]`);
  const paramsOf = (l: LayerShapeInfo) => l.params.reduce((t, p) => t + prod(p.shape), 0);
  const count = (ls: LayerShapeInfo[]) => ls.reduce((s, l) => s + paramsOf(l), 0);
  const layer = (net: 'G' | 'D') => (l: LayerShapeInfo) => ({ net, type: l.spec.type, outShape: l.outShape, params: paramsOf(l) });
  const gf = g.reduce((s, l) => s + l.forwardFlops, 0);
  const df = d.reduce((s, l) => s + l.forwardFlops, 0);
  // D step: G forward, D forward+backward on real and on fake. G step: G forward+backward, D forward+input-backward.
  const dStep = gf + 2 * 3 * df;
  const gStep = 3 * gf + 2 * df;
  return {
    id,
    label: arch.label,
    dataShape: arch.dataShape,
    latentDim,
    classes: networks?.classes ?? 0,
    generatorParams: count(g),
    discriminatorParams: count(d),
    flopsPerImage: dSteps * dStep + gStep,
    generatorForwardFlops: gf,
    discriminatorForwardFlops: df,
    layers: [...g.map(layer('G')), ...d.map(layer('D'))],
  };
}

export function modelsForShape(shape: Shape): ModelId[] {
  return (Object.keys(ARCHITECTURES) as ModelId[]).filter((id) => ARCHITECTURES[id].dataShape.join('x') === shape.join('x'));
}
