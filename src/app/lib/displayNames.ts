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

/** A dataset's name: `{ id, name }` as the worker sent it. */
export const datasetName = (d: { id: string; name: string }): string => byId('datasets', d.id, d.name);

/** A model's label: `{ id, label }` as the worker sent it. */
export const modelLabel = (m: { id: string; label: string }): string => byId('models', m.id, m.label);

/** A dataset's one-line description: the catalogue's for a built-in set, else the worker's (a drawing, uploads). */
export const datasetDescription = (d: { id: string; description: string }): string => {
  const key = `names.descriptions.${d.id}`;
  return i18n.exists(key) ? i18n.t(key) : d.description;
};
