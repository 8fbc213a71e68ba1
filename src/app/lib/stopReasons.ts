/**
 * Why the training worker stopped, in the page's language: the supervisor (workerSupervisor.ts)
 * says what happened as data; a crash's own error text (the browser's) is kept as it came.
 */
import { t } from '../i18n/i18n';
import type { StopReason } from './workerSupervisor';

export function stopReasonText(why: StopReason): string {
  if (why.kind === 'crashed') return why.detail ? t('notices.stopReason.crashed', { detail: why.detail }) : t('notices.stopReason.crashedSilently');
  if (why.kind === 'silent') return t('notices.stopReason.silent', { seconds: why.seconds });
  return t('notices.stopReason.unreadable');
}
