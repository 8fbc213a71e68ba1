/**
 * The dataset a saved run names, rebuilt as this build knows it: a registry dataset by id, a
 * drawing from the points stored with the run. Load the source with the run's seed
 * (`config.seed`) to get the examples the run trained on.
 */
import { makeDrawnPointsSource } from '../data/drawnPoints';
import { getDatasetSource } from '../data/registry';
import type { DatasetSource } from '../data/types';
import type { RunFileResult } from './runFileFormat';
import type { RunSnapshot } from './runSnapshot';

export function snapshotDatasetSource(snapshot: Pick<RunSnapshot, 'config' | 'datasetPayload'>): RunFileResult<DatasetSource> {
  const { dataset } = snapshot.config;
  if (snapshot.datasetPayload?.kind === 'drawn') {
    try {
      return { ok: true, value: makeDrawnPointsSource(snapshot.datasetPayload.points) };
    } catch (e) {
      return { ok: false, message: `the run's drawing cannot be rebuilt: ${(e as Error).message}` };
    }
  }
  const source = getDatasetSource(dataset);
  return source ? { ok: true, value: source } : { ok: false, message: `the run's dataset "${dataset}" is not in this build` };
}
