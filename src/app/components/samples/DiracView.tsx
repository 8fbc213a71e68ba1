/**
 * The Dirac-GAN (Mescheder et al. 2018) as a path in the (θ, ψ) plane: θ is the generator's one
 * parameter (G(z) = θ), ψ the discriminator's (D(x) = ψ·x), and the goal is (0, 0). Plain training
 * circles around it; R1 spirals in. Drawn from the step metrics, coloured from early (light) to
 * late (dark).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../storeContext';
import { diracExtent, timeColor } from '../../lib/diracPath';
import { hiDpiContext } from '../../lib/hiDpiCanvas';

const SIZE = 300;

/** The two parameters' symbols, the same in every language. */
const THETA = 'θ';
const PSI = 'ψ';

export function DiracView() {
  const { t } = useTranslation();
  const rows = useApp((s) => s.charts.dirac);
  const [theta, psi] = useApp(useShallow((s) => [s.latest.theta, s.latest.psi]));
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const c = ref.current;
    const ctx = c && hiDpiContext(c, SIZE, SIZE);
    if (!c || !ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, SIZE, SIZE);
    const half = diracExtent(rows);
    const pad = 18;
    const scale = (SIZE / 2 - pad) / half;
    const X = (t: number) => SIZE / 2 + t * scale;
    const Y = (p: number) => SIZE / 2 - p * scale;

    // Axes through the equilibrium, with their names and scale.
    ctx.strokeStyle = '#d1d5db';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, SIZE / 2);
    ctx.lineTo(SIZE, SIZE / 2);
    ctx.moveTo(SIZE / 2, 0);
    ctx.lineTo(SIZE / 2, SIZE);
    ctx.stroke();
    ctx.fillStyle = '#4b5563';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.fillText('θ (generator)', SIZE - 4, SIZE / 2 - 5);
    ctx.fillText(`${half.toPrecision(2)}`, SIZE - 4, SIZE / 2 + 13);
    ctx.textAlign = 'left';
    ctx.fillText('ψ (discriminator)', SIZE / 2 + 5, 12);

    // The path, one short segment per point, light (early) to dark (late).
    const n = rows.length;
    ctx.lineWidth = 1.6;
    for (let i = 1; i < n; i++) {
      const a = rows[i - 1];
      const b = rows[i];
      if (a.theta === undefined || a.psi === undefined || b.theta === undefined || b.psi === undefined) continue;
      ctx.strokeStyle = timeColor(i / Math.max(1, n - 1));
      ctx.beginPath();
      ctx.moveTo(X(a.theta), Y(a.psi));
      ctx.lineTo(X(b.theta), Y(b.psi));
      ctx.stroke();
    }

    // The equilibrium: a ring with a cross.
    ctx.strokeStyle = '#047857';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(SIZE / 2, SIZE / 2, 6, 0, Math.PI * 2);
    ctx.stroke();
    ctx.fillStyle = '#047857';
    ctx.textAlign = 'left';
    ctx.fillText(t('samples.equilibrium'), SIZE / 2 + 8, SIZE / 2 + 16);

    // Where the pair is now.
    const last = rows[n - 1];
    if (last && last.theta !== undefined && last.psi !== undefined) {
      ctx.fillStyle = '#dc2626';
      ctx.beginPath();
      ctx.arc(X(last.theta), Y(last.psi), 4, 0, Math.PI * 2);
      ctx.fill();
    }
  }, [rows, t]);

  const r = theta !== undefined && psi !== undefined ? Math.hypot(theta, psi) : undefined;
  return (
    <figure className="dirac-view" data-testid="dirac-view" data-points={rows.length}>
      <canvas ref={ref} role="img" aria-label={t('samples.diracLabel')} style={{ width: SIZE, height: SIZE }} data-testid="dirac-canvas" />
      <figcaption>
        {r === undefined ? (
          t('samples.diracEmpty')
        ) : (
          <>
            {THETA} <b>{theta!.toFixed(3)}</b> · {PSI} <b>{psi!.toFixed(3)}</b> · {t('samples.diracDistance')} <b data-testid="dirac-radius">{r.toFixed(3)}</b>
          </>
        )}
        <span className="dirac-ramp" aria-hidden="true">
          {t('samples.early')} <span className="dirac-ramp-bar" /> {t('samples.late')}
        </span>
      </figcaption>
    </figure>
  );
}
