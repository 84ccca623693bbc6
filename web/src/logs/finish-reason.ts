import { t } from '../i18n';

/**
 * Why Google ended an answer, in words, when it is worth a look (FAQ 11/13/29: "answers are cut
 * off", "no assistant message"); undefined for a normal end. The request log stores Google's own
 * name (MAX_TOKENS, SAFETY …) or `blocked: <reason>` for a prompt it refused.
 */
export function finishNote(reason: string | null): string | undefined {
  if (reason === null || reason === 'STOP' || reason === 'stop') return undefined;
  if (reason.startsWith('blocked: ')) return t('logs.finish.blocked', { reason: reason.slice('blocked: '.length) });
  if (reason === 'MAX_TOKENS' || reason === 'length') return t('logs.finish.maxTokens');
  if (reason === 'SAFETY' || reason === 'content_filter') return t('logs.finish.safety');
  return t('logs.finish.other', { reason });
}
