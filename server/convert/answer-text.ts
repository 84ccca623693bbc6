import type { GeminiCandidate, GeminiPart } from './gemini-types';

/**
 * How one Gemini candidate's parts become OpenAI text: the visible `content` and the
 * `reasoning_content`. Shared by the unary converter (one call per answer) and the stream reducer
 * (one call per chunk, carrying a TextCursor between chunks), so both give the same text.
 *
 * Function calls are not text; from-gemini-response.ts turns them into tool_calls.
 */

export interface TextOptions {
  /** SHOW_THINKING_PROCESS: thought parts go to reasoning_content; otherwise they are dropped. */
  readonly showThinking: boolean;
  /** Append the web sources of a grounded (Google Search) answer as markdown links. */
  readonly showSearchLinks: boolean;
  /** Where an image the caller already uploaded lives; undefined → a data URL. */
  readonly imageUrl?: (part: GeminiPart) => string | undefined;
}

/** What one choice's visible text looks like so far (produced, or already sent when streaming). */
export interface TextCursor {
  readonly hasContent: boolean;
  /** The last piece was a block (image, code, output, sources): text after it starts a new paragraph. */
  readonly afterBlock: boolean;
  /** Newlines ending the content so far (0–2): a paragraph break only adds what is missing. */
  readonly trailingNewlines: number;
  /** Search-link URIs already listed: Gemini may repeat grounding chunks, the list shows each once. */
  readonly sourceUris: readonly string[];
}

export const EMPTY_CURSOR: TextCursor = { hasContent: false, afterBlock: false, trailingNewlines: 0, sourceUris: [] };

export interface CandidateText {
  readonly content: string;
  readonly reasoning: string;
  readonly cursor: TextCursor;
}

type Piece = { readonly kind: 'text' | 'block' | 'reasoning'; readonly text: string };

/** ALL parts are converted, in order (the original streamed only the first part: §10 item 28). */
export function candidateText(candidate: GeminiCandidate, cursor: TextCursor, opts: TextOptions): CandidateText {
  let content = '';
  let reasoning = '';
  let at = cursor;
  for (const part of candidate.content?.parts ?? []) {
    const piece = pieceOf(part, opts);
    if (piece === undefined) continue;
    if (piece.kind === 'reasoning') {
      reasoning += piece.text;
      continue;
    }
    const appended = append(at, piece.text, piece.kind === 'block');
    content += appended.text;
    at = appended.cursor;
  }
  if (!opts.showSearchLinks) return { content, reasoning, cursor: at };
  const sources = sourcesOf(candidate, at);
  return { content: content + sources.text, reasoning, cursor: sources.cursor };
}

/**
 * Gemini splits text anywhere (mid-word in streams), so text follows text with nothing between.
 * A block is set apart by a blank line from whatever precedes or follows it, never at the start;
 * text that already ends in newlines ("…a Python tool:\n\n") only gets the ones it lacks.
 */
function append(at: TextCursor, text: string, isBlock: boolean): { text: string; cursor: TextCursor } {
  const added = (at.hasContent && (isBlock || at.afterBlock) ? paragraphBreak(at) : '') + text;
  const cursor = { ...at, hasContent: true, afterBlock: isBlock, trailingNewlines: trailingNewlines(at, added) };
  return { text: added, cursor };
}

function paragraphBreak(at: TextCursor): string {
  return '\n'.repeat(2 - Math.min(2, at.trailingNewlines));
}

/** Newlines at the end of the content once `added` is appended (an all-newline piece extends the run). */
function trailingNewlines(at: TextCursor, added: string): number {
  const own = added.length - added.replace(/\n+$/, '').length;
  return Math.min(2, own === added.length ? at.trailingNewlines + own : own);
}

function pieceOf(part: GeminiPart, opts: TextOptions): Piece | undefined {
  // Gemini 3 ends answers with {"text": "", "thoughtSignature": …}: nothing to show.
  if (part.text !== undefined) {
    if (part.text === '') return undefined;
    if (part.thought === true) return opts.showThinking ? { kind: 'reasoning', text: part.text } : undefined;
    return { kind: 'text', text: part.text };
  }
  if (part.inlineData) return { kind: 'block', text: `![image](${imageUrl(part, part.inlineData, opts)})` };
  if (part.executableCode) return { kind: 'block', text: codeBlock(part.executableCode) };
  if (part.codeExecutionResult) return { kind: 'block', text: resultBlock(part.codeExecutionResult) };
  // functionCall → tool_calls elsewhere; fileData / functionResponse / server-side tool parts show nothing.
  return undefined;
}

function imageUrl(part: GeminiPart, data: { mimeType: string; data: string }, opts: TextOptions): string {
  return opts.imageUrl?.(part) ?? `data:${data.mimeType};base64,${data.data}`;
}

function codeBlock(code: { language?: string; code?: string }): string {
  const lang = (code.language ?? '').toLowerCase();
  return fenced(lang === 'language_unspecified' ? '' : lang, code.code ?? '');
}

/** The output is fenced as-is; a failed run (OUTCOME_FAILED, OUTCOME_DEADLINE_EXCEEDED) says so first. */
function resultBlock(result: { outcome?: string; output?: string }): string {
  const block = fenced('output', result.output ?? '');
  const ok = result.outcome === undefined || result.outcome === 'OUTCOME_OK';
  return ok ? block : `Code execution ended with ${result.outcome}:\n${block}`;
}

/** A fence longer than any backtick run inside, so code that itself contains ``` stays inside. */
function fenced(info: string, body: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body.trimEnd()}\n${fence}`;
}

/**
 * `**Sources**` list from groundingMetadata.groundingChunks[].web. Real answers have chunks without
 * `web` (`[{}, {}]`, or `maps` / `retrievedContext` ones) and the API allows `web` without title or
 * uri — the original crashed on those (§10 item 62). No uri → skipped; no title → the uri's host.
 * The header is written once; links that arrive in a later stream chunk extend the same list.
 */
function sourcesOf(candidate: GeminiCandidate, at: TextCursor): { text: string; cursor: TextCursor } {
  const seen = new Set(at.sourceUris);
  const links: string[] = [];
  for (const chunk of candidate.groundingMetadata?.groundingChunks ?? []) {
    const uri = chunk.web?.uri;
    if (uri === undefined || uri === '' || seen.has(uri)) continue;
    seen.add(uri);
    links.push(`\n- [${linkTitle(chunk.web?.title, uri)}](${linkTarget(uri)})`);
  }
  if (links.length === 0) return { text: '', cursor: at };
  const header = at.sourceUris.length > 0 ? '' : `${at.hasContent ? paragraphBreak(at) : ''}---\n\n**Sources**\n`;
  const cursor = { hasContent: true, afterBlock: true, trailingNewlines: 0, sourceUris: [...seen] };
  return { text: header + links.join(''), cursor };
}

function linkTitle(title: string | undefined, uri: string): string {
  const text = title?.trim() || hostOf(uri);
  return text.replace(/\s+/g, ' ').replace(/[[\]]/g, (bracket) => `\\${bracket}`);
}

function hostOf(uri: string): string {
  try {
    return new URL(uri).host || uri;
  } catch {
    return uri;
  }
}

/** Grounding URIs can hold spaces (`…/search?q=weather+in+San Francisco, CA`), which end a markdown link. */
function linkTarget(uri: string): string {
  return uri.replace(/[\s()<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
