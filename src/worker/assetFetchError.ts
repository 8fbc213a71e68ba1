/**
 * The error for an asset the worker could not fetch at all (no HTTP answer: offline, or the
 * server gone). A dataset file gets words that name the dataset and what is cached instead
 * (docs/offline.md); the session then keeps the current run, as for any dataset that fails.
 */
import { DATASET_ASSETS, datasetOfAsset, offlineDatasetMessage } from '../core/data/offlineAssets';

export interface AssetErrorDeps {
  /** Ids of the downloadable datasets whose file is in the dataset cache. */
  cachedIds(): Promise<string[]>;
  nameOf(id: string): string;
}

export async function assetFetchError(path: string, cause: unknown, deps: AssetErrorDeps): Promise<Error> {
  const dataset = datasetOfAsset(path);
  if (!dataset) return new Error(`${path} could not be downloaded (${(cause as Error)?.message ?? String(cause)}); is the network off?`);
  const cached = await deps.cachedIds().catch((): string[] => []);
  const names = Object.keys(DATASET_ASSETS)
    .filter((id) => cached.includes(id))
    .map(deps.nameOf);
  return new Error(offlineDatasetMessage(deps.nameOf(dataset), names));
}
