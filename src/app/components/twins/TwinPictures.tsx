/**
 * A twin's pictures side by side: run A's usual view (with its scrubber) and run B's newest grid
 * or points, from the same fixed noise, so a difference in the pictures is a difference of the
 * runs' settings.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../storeContext';
import { PointsView } from '../samples/PointsView';
import { SampleGrid } from '../samples/SampleGrid';

export function TwinPictures({ kind }: { kind: 'points' | 'image' }) {
  return (
    <div className="twin-pictures" data-testid="twin-pictures">
      <div>
        <h3>A</h3>
        {kind === 'points' ? <PointsView /> : <SampleGrid />}
      </div>
      <div>
        <h3>B</h3>
        {kind === 'points' ? <PointsView run="B" /> : <SampleGridB />}
      </div>
    </div>
  );
}

function SampleGridB() {
  const { t } = useTranslation();
  const frame = useApp((s) => s.samplesB);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !frame) return;
    canvas.width = frame.width;
    canvas.height = frame.height;
    canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(frame.pixels), frame.width, frame.height), 0, 0);
  }, [frame]);
  return (
    <figure className="sample-grid">
      <canvas ref={ref} role="img" aria-label={t('twin.samplesB')} data-testid="samples-canvas-B" data-step={frame?.step ?? ''} width={224} height={224}>
        {t('twin.samplesBFallback')}
      </canvas>
      <figcaption data-testid="samples-epoch-B">{frame ? t('samples.caption', { epoch: frame.epoch, step: frame.step }) : t('samples.waitGrid')}</figcaption>
    </figure>
  );
}
