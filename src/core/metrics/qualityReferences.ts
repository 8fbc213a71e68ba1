/**
 * Quality measures that come with a reference on real data, and the key of that reference in the
 * same row: the FID's real-vs-real floor, the real images' checkerboard energy. A reference is
 * not a measure of its own: the read-out quotes it beside its measure and the chart draws it as a
 * line under the measure's curve.
 */
export const QUALITY_REFERENCE: Readonly<Record<string, string>> = {
  fid: 'fidFloor',
  checkerboard: 'checkerboardReal',
};

const REFERENCE_KEYS = new Set(Object.values(QUALITY_REFERENCE));

export function isQualityReference(key: string): boolean {
  return REFERENCE_KEYS.has(key);
}
