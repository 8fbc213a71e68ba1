/** A saved run's small RGBA picture, drawn into a canvas (nearest-neighbour, so grids stay crisp). */
import { useEffect, useRef } from 'react';
import type { RecentRunInfo } from '../../../worker/protocol';

export function RunThumbnail({ run, size = 64 }: { run: RecentRunInfo; size?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const t = run.thumbnail;
  useEffect(() => {
    const c = ref.current;
    if (!c || !t) return;
    c.width = t.width;
    c.height = t.height;
    c.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(t.pixels), t.width, t.height), 0, 0);
  }, [t]);
  if (!t) return <span className="run-thumb run-thumb-empty" style={{ width: size, height: size }} aria-hidden="true" />;
  return (
    <canvas
      ref={ref}
      className="run-thumb"
      style={{ width: size, height: size }}
      role="img"
      aria-label={`Samples of the ${run.dataset} run at step ${run.step}`}
    />
  );
}
