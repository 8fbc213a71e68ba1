/**
 * A run on the user's drawing carries the drawing in its run file (nothing else can rebuild that
 * dataset), and opening such a file makes it this tab's drawing again.
 */
import { DRAWN_ID } from '../core/data/drawnPoints';
import type { RunSnapshot } from '../core/runfile/runSnapshot';
import { snapshotDatasetSource } from '../core/runfile/snapshotDataset';
import type { createDatasetCatalogue } from './datasetCatalogue';
import { runCodec } from './runCodec';
import type { RunCodec } from './runKeeping';

export function createDrawingRuns(catalogue: ReturnType<typeof createDatasetCatalogue>): {
  codec: RunCodec<RunSnapshot>;
  remember(points: Float32Array): void;
} {
  let drawnPoints: Float32Array | null = null;
  const codec: RunCodec<RunSnapshot> = {
    ...runCodec,
    async snapshot(t) {
      const s = await runCodec.snapshot(t);
      return s.config.dataset === DRAWN_ID && drawnPoints ? { ...s, datasetPayload: { kind: 'drawn', points: drawnPoints } } : s;
    },
    prepare(s) {
      if (!s.datasetPayload) return { ok: true };
      const source = snapshotDatasetSource(s);
      if (!source.ok) return source;
      catalogue.addCustom(source.value);
      drawnPoints = Float32Array.from(s.datasetPayload.points);
      return { ok: true };
    },
  };
  return { codec, remember: (points) => void (drawnPoints = Float32Array.from(points)) };
}
