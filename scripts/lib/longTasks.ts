/**
 * Main-thread long tasks of a Playwright page, as the browser reports them
 * (PerformanceObserver 'longtask': every task over 50 ms). One observer for the e2e
 * responsiveness spec, the bench's app cell and the soak, so all three count the same thing.
 *
 * Measuring code must not add long tasks of its own: Playwright's role and name selectors
 * (`getByRole('slider', { name })`) compute accessible names over the whole page in one task
 * (~100-200 ms on a 2-core machine with the charts drawn), so take such locators before the
 * window being measured, or use CSS selectors inside it.
 */
import type { Page } from '@playwright/test';

interface LongTaskWindow {
  __longTasks: number[];
}

/** Records every long task from the very start of the page (call before `goto`). */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as LongTaskWindow;
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Every long task's duration (ms) since the page loaded. */
export async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as LongTaskWindow).__longTasks.slice());
}

/** How many long tasks were recorded so far: a mark for `longTasksSince`. */
export async function longTaskMark(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as LongTaskWindow).__longTasks.length);
}

/** The long tasks recorded after `mark`. */
export async function longTasksSince(page: Page, mark: number): Promise<number[]> {
  return page.evaluate((n) => (window as unknown as LongTaskWindow).__longTasks.slice(n), mark);
}

/** Count and worst (ms, rounded) of a list of durations. */
export function summarizeLongTasks(durations: number[]): { count: number; worstMs: number } {
  return { count: durations.length, worstMs: Math.round(Math.max(0, ...durations)) };
}
