/** Small text formatters for the status line and pickers. Pure TS. */
import type { ModelSummary } from '../../core/models/specs';
import { t } from '../i18n/i18n';
import { modelLabel } from './displayNames';

/** 1234 → "1,234"; used for step counts and chart ticks (hot: no Intl, which is slow). */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < -0.5 ? `-${s}` : s;
}

/** Parameter counts: 860416 → "860 k", 2730000 → "2.73 M". */
export function formatCount(n: number): string {
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(3))} M`;
  if (n >= 1e3) return `${Number((n / 1e3).toPrecision(3))} k`;
  return String(n);
}

/** Elapsed time: "0:07", "12:03", "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Rates: 0 → "–", 3.456 → "3.5", 123.4 → "123". */
export function formatRate(x: number): string {
  if (!(x > 0) || !Number.isFinite(x)) return '–';
  return x >= 100 ? String(Math.round(x)) : x.toFixed(1);
}

/** A loss or output value for read-outs: 4 significant digits, exponent form when tiny. */
export function formatMetric(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e5 ? x.toExponential(2) : String(Number(x.toPrecision(4)));
}

/** FLOPs: 1.23e9 → "1.23 GFLOP". */
export function formatFlops(f: number): string {
  if (f >= 1e9) return `${Number((f / 1e9).toPrecision(3))} GFLOP`;
  if (f >= 1e6) return `${Number((f / 1e6).toPrecision(3))} MFLOP`;
  if (f >= 1e3) return `${Number((f / 1e3).toPrecision(3))} kFLOP`;
  return `${f} FLOP`;
}

/**
 * A speed hint for a model on the running backend. Once the current model has been measured, the
 * others are scaled from that measurement by their FLOPs per image (a rough but honest guess);
 * before that, only the FLOPs are shown.
 */
export function speedHint(model: ModelSummary, current: ModelSummary | null, measuredImagesPerSec: number, backend: string | null): string {
  if (current && measuredImagesPerSec > 0 && backend) {
    const ips = (measuredImagesPerSec * current.flopsPerImage) / model.flopsPerImage;
    const rate = ips >= 100 ? String(Math.round(ips)) : ips >= 10 ? ips.toFixed(0) : ips.toFixed(1);
    return t(model.id === current.id ? 'format.speedMeasured' : 'format.speedEstimated', { rate, backend });
  }
  return t('format.flopsPerImage', { flops: formatFlops(model.flopsPerImage) });
}

export function modelOptionLabel(model: ModelSummary, current: ModelSummary | null, measuredImagesPerSec: number, backend: string | null): string {
  const params = formatCount(model.generatorParams + model.discriminatorParams);
  return t('format.modelOption', { label: modelLabel(model), params, speed: speedHint(model, current, measuredImagesPerSec, backend) });
}
