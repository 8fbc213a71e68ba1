import { describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../config';
import { summarizeRun } from './conditionalSpecs';
import { ARCHITECTURES, inferLayers, modelsForShape, summarizeModel } from './specs';

describe('model specs', () => {
  it('the article DCGAN has the article shapes: 8×8×256 → 8×8×128 → 16×16×64 → 32×32×3, D ends in one logit', () => {
    const g = inferLayers(ARCHITECTURES.dcgan32.generator, [100]);
    const convs = g.filter((l) => l.spec.type === 'convT').map((l) => l.outShape);
    expect(g.find((l) => l.spec.type === 'reshape')?.outShape).toEqual([8, 8, 256]);
    expect(convs).toEqual([
      [8, 8, 128],
      [16, 16, 64],
      [32, 32, 3],
    ]);
    const d = inferLayers(ARCHITECTURES.dcgan32.discriminator, [32, 32, 3]);
    expect(d.filter((l) => l.spec.type === 'conv').map((l) => l.outShape)).toEqual([
      [16, 16, 64],
      [8, 8, 128],
    ]);
    expect(d.at(-1)?.outShape).toEqual([1]);
  });

  it('counts parameters by hand for the article model (latent 100)', () => {
    const s = summarizeModel('dcgan32', 100);
    // Dense 100·16384 + BN 2·16384 + ConvT 25·256·128 + BN 256 + ConvT 25·128·64 + BN 128 + ConvT 25·64·3.
    expect(s.generatorParams).toBe(1_638_400 + 32_768 + 819_200 + 256 + 204_800 + 128 + 4_800);
    // Conv 25·3·64+64 + Conv 25·64·128+128 + Dense 8·8·128+1.
    expect(s.discriminatorParams).toBe(4_864 + 204_928 + 8_193);
  });

  it('FLOPs: one training step per image = dSteps·(G + 6D) + 3G + 2D forward FLOPs', () => {
    const s = summarizeModel('dcgan32', 100, 2);
    const g = s.generatorForwardFlops;
    const d = s.discriminatorForwardFlops;
    expect(s.flopsPerImage).toBe(2 * (g + 6 * d) + 3 * g + 2 * d);
    // The widest ConvT dominates G: 8·8 positions · 25 · 256 · 128 MACs.
    expect(g).toBeGreaterThan(2 * 64 * 25 * 256 * 128);
  });

  it('small variants cost at most a quarter of the full models', () => {
    expect(summarizeModel('dcgan32-small', 64).flopsPerImage).toBeLessThan(summarizeModel('dcgan32', 64).flopsPerImage / 4);
    expect(summarizeModel('dcgan28-small', 64).flopsPerImage).toBeLessThan(summarizeModel('dcgan28', 64).flopsPerImage / 4);
  });

  it('every model builds consistently, and models are listed per data shape', () => {
    for (const id of MODEL_IDS) expect(() => summarizeModel(id, 16)).not.toThrow();
    expect(modelsForShape([28, 28, 1])).toEqual(['dcgan28', 'dcgan28-small', 'resize28', 'resize28-small', 'resize28-small-mbstd']);
    expect(modelsForShape([2])).toEqual(['mlp2d']);
  });

  it('the resize-conv family: no transposed convolution in G, which doubles 4 → 8 → 16 → 32 by upsampling; D halves 32 → 4', () => {
    for (const id of ['resize32', 'resize32-small', 'resize28', 'resize28-small'] as const) {
      expect(
        ARCHITECTURES[id].generator.some((l) => l.type === 'convT'),
        id,
      ).toBe(false);
      expect(
        ARCHITECTURES[id].discriminator.some((l) => l.type === 'dropout' || l.type === 'batchnorm'),
        id,
      ).toBe(false);
    }
    const g = inferLayers(ARCHITECTURES.resize32.generator, [64]);
    expect(g.filter((l) => l.spec.type === 'upsample').map((l) => l.outShape)).toEqual([
      [8, 8, 256],
      [16, 16, 128],
      [32, 32, 64],
    ]);
    expect(g.at(-1)?.outShape).toEqual([32, 32, 3]);
    const d = inferLayers(ARCHITECTURES.resize32.discriminator, [32, 32, 3]);
    expect(d.filter((l) => l.spec.type === 'conv').map((l) => l.outShape[0])).toEqual([32, 16, 8, 4]);
    expect(
      inferLayers(ARCHITECTURES.resize28.discriminator, [28, 28, 1])
        .filter((l) => l.spec.type === 'conv')
        .map((l) => l.outShape[0]),
    ).toEqual([28, 14, 7]);
    // An upsample layer has no parameters; 3×3 conv 256→128 without bias: 9·256·128.
    expect(g[4].params).toEqual([]);
    expect(g[5].params).toEqual([{ name: 'conv5/kernel', shape: [3, 3, 256, 128], penalized: true }]);
    expect(summarizeModel('resize32-small', 64).flopsPerImage).toBeLessThan(summarizeModel('resize32', 64).flopsPerImage / 3);
  });

  it('minibatch stddev adds one channel before the logit and no parameters; the G is the small one', () => {
    const d = inferLayers(ARCHITECTURES['resize28-small-mbstd'].discriminator, [28, 28, 1]);
    const mb = d.find((l) => l.spec.type === 'mbstd')!;
    expect([mb.inShape, mb.outShape, mb.params]).toEqual([[7, 7, 32], [7, 7, 33], []]);
    expect(ARCHITECTURES['resize28-small-mbstd'].generator).toEqual(ARCHITECTURES['resize28-small'].generator);
    const [plain, mbstd] = [summarizeModel('resize28-small', 64), summarizeModel('resize28-small-mbstd', 64)];
    // The dense logit gains 7·7 weights for the extra channel.
    expect(mbstd.discriminatorParams - plain.discriminatorParams).toBe(49);
  });

  it('a spec that does not fit its input names the layer', () => {
    expect(() => inferLayers([{ type: 'reshape', shape: [3, 3, 3] }], [10])).toThrow(/layer 0 \(reshape\) cannot reshape/);
  });
});

describe('summaries of conditional runs (10 classes, latent 64)', () => {
  const run = (model: 'dcgan28-small' | 'resize28-small', conditional: boolean) =>
    summarizeRun({ model, conditional, latentDim: 64, dSteps: 1 }, conditional ? 10 : 0);

  it('dcgan28-small: G gains its [10, 16] class table and 16 inputs to its first dense layer (3,136 units); D its [10, 1568] projection embedding', () => {
    const [u, c] = [run('dcgan28-small', false), run('dcgan28-small', true)];
    expect([u.generatorParams, u.discriminatorParams, u.classes]).toEqual([271_472, 14_817, 0]);
    expect(c.generatorParams).toBe(271_472 + 10 * 16 + 16 * 3_136);
    expect(c.generatorParams).toBe(321_808);
    expect(c.discriminatorParams).toBe(14_817 + 10 * 1_568);
    expect(c.discriminatorParams).toBe(30_497);
    expect(c.classes).toBe(10);
  });

  it('resize28-small: the same tables, a first dense layer of 1,568 units', () => {
    const [u, c] = [run('resize28-small', false), run('resize28-small', true)];
    expect([u.generatorParams, u.discriminatorParams]).toEqual([109_369, 11_937]);
    expect(c.generatorParams).toBe(109_369 + 10 * 16 + 16 * 1_568);
    expect(c.generatorParams).toBe(134_617);
    expect(c.discriminatorParams).toBe(11_937 + 10 * 1_568);
    expect(c.discriminatorParams).toBe(27_617);
  });

  it('the layer summary lists the embeddings and adds up to the counts', () => {
    const c = run('resize28-small', true);
    expect(c.layers[0]).toEqual({ net: 'G', type: 'embedConcat', outShape: [80], params: 160 });
    expect(c.layers[1]).toEqual({ net: 'G', type: 'dense', outShape: [1_568], params: 80 * 1_568 });
    // φ·w + b + ⟨E[y], φ⟩ on D's 1,568 flattened features.
    expect(c.layers[c.layers.length - 1]).toEqual({ net: 'D', type: 'projection', outShape: [1], params: 1_568 + 1 + 10 * 1_568 });
    const sum = (net: 'G' | 'D') => c.layers.filter((l) => l.net === net).reduce((n, l) => n + l.params, 0);
    expect([sum('G'), sum('D')]).toEqual([c.generatorParams, c.discriminatorParams]);
    const plain = run('resize28-small', false);
    expect(plain.layers.some((l) => l.type === 'embedConcat' || l.type === 'projection')).toBe(false);
    expect(plain.layers.filter((l) => l.net === 'D').reduce((n, l) => n + l.params, 0)).toBe(plain.discriminatorParams);
  });
});
