/**
 * Every dataset the worker can train on: the built-in ones, plus the user's drawing and uploaded
 * images, which join them for the worker's lifetime. Keeps the one loaded dataset in memory so a
 * reset on the same data does not load it again.
 */
import type { TrainConfig } from '../core/config';
import type { Dataset, DatasetInfo, DatasetSource, LoadContext } from '../core/data/types';

export interface DatasetCatalogue {
  /** Built-in first, then custom ones in the order they were added. */
  sources(): DatasetSource[];
  infoOf(id: string): DatasetInfo | undefined;
  /** Adds or replaces a custom source (a new drawing, a new upload), dropping its cached load. */
  addCustom(source: DatasetSource): void;
  /** The run's dataset (cached by id and seed); `onLoad` is told before a real load starts. */
  loadForRun(config: TrainConfig, onLoad: (info: DatasetInfo) => void): Promise<Dataset>;
  /** A fresh load, not cached (for previews). Throws on an unknown id. */
  loadForPreview(id: string): Promise<Dataset>;
}

export function createDatasetCatalogue(builtIn: DatasetSource[], readAsset: LoadContext['readAsset']): DatasetCatalogue {
  const custom = new Map<string, DatasetSource>();
  let cached: { key: string; dataset: Dataset } | null = null;
  const sources = () => [...builtIn, ...custom.values()];
  const find = (id: string) => sources().find((d) => d.info.id === id);

  return {
    sources,
    infoOf: (id) => find(id)?.info,
    addCustom(source) {
      custom.set(source.info.id, source);
      if (cached?.key.startsWith(`${source.info.id}#`)) cached = null;
    },
    async loadForRun(config, onLoad) {
      const key = `${config.dataset}#${config.seed}`;
      if (cached?.key === key) return cached.dataset;
      const source = find(config.dataset);
      if (!source) throw new Error(`unknown dataset ${config.dataset}`);
      onLoad(source.info);
      const dataset = await source.load({ seed: config.seed, readAsset });
      cached = { key, dataset };
      return dataset;
    },
    async loadForPreview(id) {
      const source = find(id);
      if (!source) throw new Error(`unknown dataset "${id}"`);
      return source.load({ seed: 1, readAsset });
    },
  };
}
