/**
 * Dataset and model names in the page's language. The worker sends core's English names (a
 * dataset's `name`, a model's `label`); the catalogues name the built-in ones by id
 * (`names.datasets.<id>`, `names.models.<id>`). An id the catalogue does not list (an uploaded
 * set, a newer worker's) keeps the worker's name.
 */
import { i18n } from '../i18n/i18n';

function byId(group: 'datasets' | 'models', id: string, fallback: string): string {
  const key = `names.${group}.${id}`;
  return i18n.exists(key) ? i18n.t(key) : fallback;
}

/** The id of a set built from the user's own images (src/worker/imageUploads.ts). */
const UPLOAD_ID = 'upload';

/** A dataset's name: `{ id, name }` as the worker sent it; the user's images are counted. */
export const datasetName = (d: { id: string; name: string; count?: number }): string =>
  d.id === UPLOAD_ID && d.count !== undefined ? i18n.t('names.upload.name', { n: d.count }) : byId('datasets', d.id, d.name);

/** A model's label: `{ id, label }` as the worker sent it. */
export const modelLabel = (m: { id: string; label: string }): string => byId('models', m.id, m.label);

/** As core/data/drawnPoints.ts describes a drawing: its numbers are the drawing's, the sentence the page's. */
const DRAWN = /^(\d+) points you drew, each repeated (\d+)× with a small jitter \(σ (.+)\)\.$/;

/** A dataset's one-line description: the catalogue's for a built-in set, else the worker's (a drawing, uploads). */
export const datasetDescription = (d: {
  id: string;
  description: string;
  count?: number;
  shape?: readonly number[];
  classNames?: readonly string[];
}): string => {
  if (d.id === UPLOAD_ID && d.count !== undefined && d.shape) {
    const [n, shape] = [d.count, d.shape.join('×')];
    if (!d.classNames?.length) return i18n.t('names.upload.description', { n, shape });
    return i18n.t('names.upload.descriptionClasses', { n, shape, classes: d.classNames.length, names: d.classNames.join(i18n.t('upload.classSeparator')) });
  }
  const drawn = d.id === 'drawn' ? DRAWN.exec(d.description) : null;
  if (drawn) return i18n.t('names.drawnDescription', { n: Number(drawn[1]), copies: Number(drawn[2]), sigma: drawn[3] });
  const key = `names.descriptions.${d.id}`;
  return i18n.exists(key) ? i18n.t(key) : d.description;
};

/**
 * A dataset's licence and credit lines: the catalogue's sentence for a set it knows (licence
 * names such as "CC BY 4.0" and people's names stay as written), else the worker's.
 */
export const datasetLicence = (d: { id: string; licence: string }): string => {
  const key = `names.licences.${d.id}`;
  return i18n.exists(key) ? i18n.t(key) : d.licence;
};
export const datasetCredit = (d: { id: string; credit: string }): string => {
  const key = `names.credits.${d.id}`;
  return i18n.exists(key) ? i18n.t(key) : d.credit;
};

/** Class `k`'s name on a labelled set (Fashion-MNIST's "Trouser"): the catalogue's, else the worker's, else the number. */
export const className = (datasetId: string | undefined, names: readonly string[] | undefined, k: number): string => {
  const key = `names.classes.${datasetId ?? ''}.c${k}`;
  if (datasetId && i18n.exists(key)) return i18n.t(key);
  return names?.[k] ?? String(k);
};
