/**
 * Every dataset the app, worker and CLI can load, in picker order. Adding a dataset = one file
 * exporting a `DatasetSource` plus one line here.
 */
import { fashionMnistSource } from './fashionMnist';
import { grid25Source } from './grid25';
import { mnistSource } from './mnist';
import { ring8Source } from './ring8';
import type { DatasetInfo, DatasetSource } from './types';

export const DATASET_SOURCES: DatasetSource[] = [ring8Source, grid25Source, mnistSource, fashionMnistSource];

export function getDatasetSource(id: string): DatasetSource | undefined {
  return DATASET_SOURCES.find((s) => s.info.id === id);
}

export function datasetInfos(): DatasetInfo[] {
  return DATASET_SOURCES.map((s) => s.info);
}
