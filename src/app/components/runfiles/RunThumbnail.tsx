/** A saved run's small RGBA picture, drawn into a canvas (nearest-neighbour, so grids stay crisp). */
import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import type { RecentRunInfo } from '../../../worker/protocol';

export function RunThumbnail({ run, size = 64 }: { run: RecentRunInfo; size?: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  const thumb = run.thumbnail;
  useEffect(() => {
    const c = ref.current;
    if (!c || !thumb) return;
    c.width = thumb.width;
    c.height = thumb.height;
    c.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(thumb.pixels), thumb.width, thumb.height), 0, 0);
  }, [thumb]);
  if (!thumb) return <span className="run-thumb run-thumb-empty" style={{ width: size, height: size }} aria-hidden="true" />;
  return (
    <canvas
      ref={ref}
      className="run-thumb"
      style={{ width: size, height: size }}
      role="img"
      aria-label={t('runFiles.thumbnail', { dataset: run.dataset, step: run.step })}
    />
  );
}
