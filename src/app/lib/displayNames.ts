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

/** A dataset's one-line description: the catalogue's for a built-in set, else the worker's (a drawing, uploads). */
export const datasetDescription = (d: { id: string; description: string; count?: number; shape?: readonly number[] }): string => {
  if (d.id === UPLOAD_ID && d.count !== undefined && d.shape) return i18n.t('names.upload.description', { n: d.count, shape: d.shape.join('×') });
  const key = `names.descriptions.${d.id}`;
  return i18n.exists(key) ? i18n.t(key) : d.description;
};
