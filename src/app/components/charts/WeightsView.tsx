/**
 * The weights view: a histogram of each network's kernel weights, the share of near-zero weights
 * (|w| < 1e-3, what L1 produces) and each layer's L2 norm (what L2 shrinks), with its change since
 * the run's first reading. Redrawn when the worker sends new statistics (about once a second).
 */
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkWeightStats } from '../../../core/metrics/weightStats';
import { NEAR_ZERO } from '../../../core/metrics/weightStats';
import { hiDpiContext } from '../../lib/hiDpiCanvas';
import { useApp } from '../../storeContext';
import type { WeightsFrame } from '../../lib/labState';

const WIDTH = 128;
const HEIGHT = 46;

export function WeightsView() {
  const { t } = useTranslation();
  const weights = useApp((s) => s.weights);
  const weightsB = useApp((s) => (s.twinOn ? s.weightsB : null));
  // The run's first reading, for "since start": replaced when a new run's steps begin lower.
  // State adjusted during render (not a ref: render reads it), React's pattern for state derived from changing input.
  const [first, setFirst] = useState<WeightsFrame | null>(null);
  if (weights && (!first || weights.step < first.step)) setFirst(weights);
  const [firstB, setFirstB] = useState<WeightsFrame | null>(null);
  if (weightsB && (!firstB || weightsB.step < firstB.step)) setFirstB(weightsB);
  if (!weights) {
    return (
      <div className="weights-view" data-testid="weights-view">
        <p className="chart-empty">{t('weights.empty')}</p>
      </div>
    );
  }
  if (weightsB) {
    // A twin: each run's networks in its own column, A left and B right, as the pictures are.
    return (
      <div className="weights-view weights-twin" data-testid="weights-view" data-step={weights.step} data-step-b={weightsB.step}>
        {(['A', 'B'] as const).map((run) => {
          const w = run === 'A' ? weights : weightsB;
          const start = run === 'A' ? first : firstB;
          const id = run === 'A' ? '' : 'B-';
          return (
            <section key={run} className="weights-run" data-testid={`weights-run-${run}`} aria-label={t('weights.runRegion', { run })}>
              <h4>
                {run} <span>{t('weights.step', { step: w.step })}</span>
              </h4>
              <NetworkWeights
                name={t('weights.generator')}
                run={run}
                testId={`${id}G`}
                stats={w.generator}
                start={start?.generator ?? null}
                color="var(--fake)"
              />
              <NetworkWeights
                name={t('weights.discriminator')}
                run={run}
                testId={`${id}D`}
                stats={w.discriminator}
                start={start?.discriminator ?? null}
                color="#0369a1"
              />
            </section>
          );
        })}
      </div>
    );
  }
  return (
    <div className="weights-view" data-testid="weights-view" data-step={weights.step}>
      <NetworkWeights name={t('weights.generator')} testId="G" stats={weights.generator} start={first?.generator ?? null} color="var(--fake)" />
      <NetworkWeights name={t('weights.discriminator')} testId="D" stats={weights.discriminator} start={first?.discriminator ?? null} color="#0369a1" />
    </div>
  );
}

interface NetworkWeightsProps {
  name: string;
  /** Which twin run, when a twin is on (it names the histogram and table for screen readers). */
  run?: 'A' | 'B';
  /** Test ids: `weights-<testId>`, `nearzero-<testId>` ("G", "D"; "B-G", "B-D" for run B). */
  testId: string;
  stats: NetworkWeightStats;
  start: NetworkWeightStats | null;
  color: string;
}

const NetworkWeights = memo(function NetworkWeights({ name: net, run, testId, stats, start, color }: NetworkWeightsProps) {
  const { t } = useTranslation();
  const name = run ? t('weights.runNetwork', { run, network: net }) : net;
  const total = stats.layers.reduce((a, l) => a + l.count, 0);
  const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;
  return (
    <div className="weights-net" data-testid={`weights-${testId}`}>
      <div className="weights-head">
        <b>{net}</b>
        <span>
          {t('weights.nearZero')} <b data-testid={`nearzero-${testId}`}>{pct(stats.nearZeroFraction)}</b> {t('weights.ofTotal', { total })}
        </span>
      </div>
      <Histogram counts={stats.counts} range={stats.range} label={t('weights.histogram', { name, range: stats.range.toPrecision(2) })} color={color} />
      <table className="weights-layers">
        <caption className="visually-hidden">{t('weights.tableCaption', { name, threshold: NEAR_ZERO })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('weights.layer')}</th>
            <th scope="col">L2</th>
            <th scope="col" title={t('weights.sinceStartTitle')}>
              {t('weights.sinceStart')}
            </th>
            <th scope="col" title={t('weights.nearZeroTitle', { threshold: NEAR_ZERO })}>
              ≈0
            </th>
          </tr>
        </thead>
        <tbody>
          {stats.layers.map((l, i) => {
            const s = start?.layers[i];
            const ratio = s && s.name === l.name && s.l2 > 0 ? l.l2 / s.l2 : null;
            return (
              <tr key={l.name + i}>
                <th scope="row" title={t('weights.layerTitle', { layer: l.name, count: l.count })}>
                  {l.name.replace(/\/kernel$/, '')}
                </th>
                <td>{l.l2 < 10 ? l.l2.toFixed(2) : l.l2.toFixed(1)}</td>
                <td className={ratio === null ? '' : ratio < 0.9 ? 'shrunk' : ratio > 1.1 ? 'grown' : ''}>{ratio === null ? '–' : `×${ratio.toFixed(2)}`}</td>
                <td>{pct(l.nearZeroFraction)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

function Histogram({ counts, range, label, color }: { counts: number[]; range: number; label: string; color: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c && hiDpiContext(c, WIDTH, HEIGHT);
    if (!c || !ctx) return;
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    const max = Math.max(1, ...counts);
    const bw = WIDTH / counts.length;
    ctx.fillStyle = color.startsWith('var(') ? getComputedStyle(c).getPropertyValue(color.slice(4, -1)).trim() || '#6d28d9' : color;
    for (let i = 0; i < counts.length; i++) {
      const h = counts[i] ? Math.max(1, (counts[i] / max) * (HEIGHT - 2)) : 0;
      ctx.fillRect(i * bw + 0.5, HEIGHT - h, Math.max(1, bw - 1), h);
    }
    // The zero line.
    ctx.fillStyle = '#9ca3af';
    ctx.fillRect(WIDTH / 2 - 0.5, 0, 1, HEIGHT);
  }, [counts, color]);
  return (
    <div className="weights-hist">
      <canvas ref={ref} role="img" aria-label={label} style={{ width: WIDTH, height: HEIGHT }} />
      <div className="weights-axis" aria-hidden="true">
        <span>−{range.toPrecision(2)}</span>
        <span>0</span>
        <span>{range.toPrecision(2)}</span>
      </div>
    </div>
  );
}
