import { t } from '../i18n';

/**
 * Why Google ended an answer, in words, when it is worth a look (FAQ 11/13/29: "answers are cut
 * off", "no assistant message"); undefined for a normal end. The request log stores Google's own
 * name (MAX_TOKENS, SAFETY …) or `blocked: <reason>` for a prompt it refused.
 */
export function finishNote(reason: string | null): string | undefined {
  if (reason === null || NORMAL.has(reason)) return undefined;
  if (reason.startsWith('blocked: ')) return t('logs.finish.blocked', { reason: reason.slice('blocked: '.length) });
  if (reason === 'MAX_TOKENS' || reason === 'length') return t('logs.finish.maxTokens');
  if (FILTERED.has(reason)) return t('logs.finish.safety', { reason });
  return t('logs.finish.other', { reason });
}

/** Normal ends: Gemini's STOP (or none given), OpenAI's (on /openai/v1) stop and tool calls. */
const NORMAL = new Set(['STOP', 'FINISH_REASON_UNSPECIFIED', 'stop', 'tool_calls', 'function_call']);
/** Gemini's content filters, the ones server/convert/map-finish-reason.ts answers as a refusal (and OpenAI's name for them). */
const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION', 'content_filter']);
