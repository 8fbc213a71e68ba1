/**
 * Every dataset the app, worker and CLI can load, in picker order. Adding a dataset = one file
 * exporting a `DatasetSource` plus one line here.
 */
import { diracSource } from './dirac';
import { emojiSource } from './emoji';
import { fashionMnistSource } from './fashionMnist';
import { gaussianSource } from './gaussian';
import { grid25Source } from './grid25';
import { mnistSource } from './mnist';
import { ring8Source } from './ring8';
import { spiralSource } from './spiral';
import { twoMoonsSource } from './twoMoons';
import type { DatasetInfo, DatasetSource } from './types';

/**
 * Static datasets only: a user's drawing (`makeDrawnPointsSource` in drawnPoints.ts) is built at
 * run time from the points the UI sends, so it is not listed here.
 */
export const DATASET_SOURCES: DatasetSource[] = [
  ring8Source,
  grid25Source,
  gaussianSource,
  spiralSource,
  twoMoonsSource,
  mnistSource,
  fashionMnistSource,
  emojiSource,
  diracSource,
];

export function getDatasetSource(id: string): DatasetSource | undefined {
  return DATASET_SOURCES.find((s) => s.info.id === id);
}

export function datasetInfos(): DatasetInfo[] {
  return DATASET_SOURCES.map((s) => s.info);
}
