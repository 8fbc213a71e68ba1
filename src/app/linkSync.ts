/**
 * Keeps the address bar equal to the run link (lib/runLink.ts) as settings change, with
 * `history.replaceState` (a slider drag adds no history entries), and applies a link's view
 * parameters at start-up. Browsers rate-limit replaceState, so writes are coalesced.
 */
import type { AppState, AppStore } from './store/appStore';
import { encodeRunLink, linkDefaults } from './lib/runLink';
import type { RunLink, ViewParams } from './lib/runLink';
import { lessonById } from './lessons';
import { useView } from './viewStore';
import { t } from './i18n/i18n';
import type { ViewState } from './viewStore';

const WRITE_EVERY_MS = 200;

/** The query (no `?`) for what the page holds now; null before the first run is ready. */
export function currentQuery(
  app: AppState,
  view: Pick<ViewState, 'projector' | 'quality' | 'hidden'> & Partial<Pick<ViewState, 'lang'>> & { embed?: boolean },
  lesson: string | null,
  extra: Partial<ViewParams> = {},
): string | null {
  if (app.phase !== 'ready' || !app.config) return null;
  const config = { ...app.config, ...app.pending };
  return encodeRunLink({
    config,
    defaults: linkDefaults(config.dataset, app.datasets),
    backend: app.backendRequested,
    view: {
      lesson,
      quality: view.quality,
      projector: view.projector,
      hide: view.hidden,
      autostart: false,
      lang: view.lang ?? null,
      embed: view.embed,
      gridClass: app.gridClass,
      ...extra,
    },
  });
}

/** The full address of the current run link. */
export function currentLink(store: AppStore, extra: Partial<ViewParams> = {}): string {
  const s = store.getState();
  const q = currentQuery(s, useView.getState(), s.activeLesson, extra);
  const { origin, pathname } = window.location;
  return q === null ? window.location.href : `${origin}${pathname}?${q}`;
}

/** Applies a link's view parameters (projector, quality, hidden controls, language, lesson, autostart). */
export function applyLinkView(store: AppStore, link: RunLink): string[] {
  const notices: string[] = [];
  const v = link.view;
  useView.setState({ projector: v.projector, quality: v.quality, hidden: v.hide, lang: v.lang, embed: v.embed ?? false });
  if (v.lesson) {
    if (lessonById(v.lesson)) store.getState().showLesson(v.lesson);
    else notices.push(t('notices.noLesson', { lesson: v.lesson }));
  }
  if (v.gridClass !== undefined && v.gridClass !== null) {
    const classIndex = v.gridClass;
    // Asked once the first run is ready; a class the run lacks is the worker's to refuse, with its reason.
    const unsubscribe = store.subscribe((s) => {
      if (s.phase !== 'ready') return;
      unsubscribe();
      // After the rest of the `ready` event is folded in: the grid's classes arrive with it, after the phase.
      queueMicrotask(() => {
        const now = store.getState();
        if (now.sampleClasses) now.setGridClass(classIndex);
        else store.setState((st) => ({ notices: [...st.notices, t('notices.classNotConditional')] }));
      });
    });
  }
  if (v.autostart) {
    const unsubscribe = store.subscribe((s) => {
      if (s.phase !== 'ready') return;
      unsubscribe();
      s.start();
    });
  }
  return notices;
}

export function startLinkSync(store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const s = store.getState();
    const q = currentQuery(s, useView.getState(), s.activeLesson);
    if (q === null || `?${q}` === window.location.search) return;
    window.history.replaceState(window.history.state, '', `${window.location.pathname}?${q}${window.location.hash}`);
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(write, WRITE_EVERY_MS);
  };
  const subs = [store.subscribe(schedule), useView.subscribe(schedule)];
  return () => {
    subs.forEach((u) => u());
    if (timer) clearTimeout(timer);
  };
}
