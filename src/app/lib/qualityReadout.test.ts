import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n';
import { formatReadoutValue, readoutKeys, readoutMeanings } from './qualityReadout';

const POINTS = { modesCovered: 'Modes covered (of 8)', highQuality: 'High-quality samples (%)', klModes: 'KL(generated ‖ real) over modes' };
const MNIST = {
  confident: 'Confident samples (%)',
  classesCovered: 'Classes covered (of 10)',
  klUniform: 'KL(class histogram ‖ uniform)',
  confidence: 'Mean classifier confidence',
  fid: 'Classifier FID (lower is better)',
  fidFloor: 'Real-vs-real classifier FID (the floor)',
};

describe('quality read-out', () => {
  it('leads with what a class sees: the high-quality share, the FID against its floor', () => {
    expect(readoutKeys(POINTS)).toEqual(['highQuality', 'modesCovered', 'klModes']);
    expect(readoutKeys(MNIST)).toEqual(['fid', 'classesCovered', 'confident', 'klUniform', 'confidence']);
  });

  it('states the FID as a multiple of the real-data floor', () => {
    expect(formatReadoutValue('fid', 3.77, MNIST.fid, { fid: 3.77, fidFloor: 0.222 })).toBe('FID ≈ 17× the real-data floor (3.77)');
    expect(formatReadoutValue('fid', 3.3, MNIST.fid, { fid: 3.3, fidFloor: 1.84 })).toBe('FID ≈ 1.8× the real-data floor (3.3)');
    // Without a floor: the number alone.
    expect(formatReadoutValue('fid', 41.2, 'FID (lower is better)', { fid: 41.2 })).toBe('FID 41.2');
    expect(formatReadoutValue('modesCovered', 7, POINTS.modesCovered, {})).toBe('Modes 7/8');
    expect(formatReadoutValue('highQuality', 62.4, POINTS.highQuality, {})).toBe('High quality 62%');
  });

  it('quotes the checkerboard energy beside what real images score, and never reads the reference as a measure', () => {
    const labels = { ...MNIST, checkerboard: 'Checkerboard energy (%)', checkerboardReal: 'Checkerboard energy of real images (%)' };
    expect(readoutKeys(labels)).toEqual(['fid', 'classesCovered', 'confident', 'klUniform', 'confidence', 'checkerboard']);
    expect(formatReadoutValue('checkerboard', 1.1237, labels.checkerboard, { checkerboard: 1.1237, checkerboardReal: 0.02381 })).toBe(
      'Checkerboard 1.1% (real images 0.024%)',
    );
    expect(readoutMeanings(labels)).toContain('Checkerboard: the share of the images’ variation in an on/off pattern two pixels long');
  });

  it('explains each measure in one line, with the coverage rule in numbers', () => {
    const points = readoutMeanings(POINTS);
    expect(points).toMatch(/^High quality: points within 3σ of a mode centre\. Modes: modes holding at least 3\.1% of the points/);
    expect(points).toContain('KL: ');
    const mnist = readoutMeanings(MNIST);
    expect(mnist).toContain('Classes: classes given at least a quarter as many confidently classified images as real images get.');
    expect(mnist).toContain('Confident: images the classifier is at least 90% sure of.');
    expect(mnist).not.toContain('floor:');
  });

  it('speaks the page language: Chinese names, values and meanings', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(formatReadoutValue('modesCovered', 7, POINTS.modesCovered, {})).toBe('模式 7/8');
    expect(formatReadoutValue('highQuality', 4.56, POINTS.highQuality, {})).toBe('高质量 4.6%');
    expect(formatReadoutValue('fid', 3.77, MNIST.fid, { fid: 3.77, fidFloor: 0.222 })).toBe('FID ≈ 真实数据下限的 17 倍（3.77）');
    const points = readoutMeanings(POINTS);
    expect(points).toMatch(/^高质量：落在某个模式中心 3σ 以内的点。模式：至少分到 3\.1% 的点/);
    expect(readoutMeanings(MNIST)).toContain('有把握：分类器至少有 90% 把握的图片。');
  });
});

afterEach(() => i18n.changeLanguage('en'));
