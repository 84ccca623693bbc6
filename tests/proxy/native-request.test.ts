import { describe, expect, test } from 'bun:test';
import { resolveVariant } from '../../server/convert/model-variant';
import { prepareNativeRequest } from '../../server/proxy/native-request';
import { defaultSettings } from '../../server/settings/schema';

const defaults = defaultSettings();
const settings = { ...defaults, SAFETY_SETTINGS: [] as typeof defaults.SAFETY_SETTINGS };
const body = (value: unknown) => JSON.stringify(value);
const parsed = (text: string | undefined) => JSON.parse(text ?? 'null') as Record<string, unknown>;
const hello = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };

describe('model variants', () => {
  test('-search, -image, -non-thinking resolve to the base model only when configured', () => {
    expect(resolveVariant('gemini-2.5-flash-search', defaults)).toMatchObject({ base: 'gemini-2.5-flash', search: true });
    expect(resolveVariant('gemini-9-search', defaults)).toMatchObject({ base: 'gemini-9-search', search: false });
    expect(resolveVariant('gemini-2.0-flash-exp-image', defaults)).toMatchObject({ base: 'gemini-2.0-flash-exp', image: true });
    expect(resolveVariant('gemini-2.5-pro-non-thinking', defaults)).toMatchObject({ base: 'gemini-2.5-pro', nonThinking: true });
  });
});

describe('what is sent upstream', () => {
  test('nothing configured applies: the client’s bytes go as they are (not even re-serialised)', () => {
    const text = '{ "contents" : [ {"parts":[{"text":"hi"}]} ] }';
    expect(prepareNativeRequest('gemini-2.5-flash', 'generateContent', text, settings)).toEqual({ upstreamModel: 'gemini-2.5-flash', rewrittenBody: undefined });
  });

  test('default SAFETY_SETTINGS are added when the client sent none, and never replace the client’s', () => {
    const added = prepareNativeRequest('gemini-2.5-flash', 'generateContent', body(hello), defaults);
    expect(parsed(added.rewrittenBody).safetySettings).toEqual(defaults.SAFETY_SETTINGS);
    const own = body({ ...hello, safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_LOW_AND_ABOVE' }] });
    expect(prepareNativeRequest('gemini-2.5-flash', 'generateContent', own, defaults).rewrittenBody).toBeUndefined();
  });

  test('-search adds Google Search, unless the client declares functions', () => {
    const search = prepareNativeRequest('gemini-2.5-flash-search', 'streamGenerateContent', body(hello), settings);
    expect(search.upstreamModel).toBe('gemini-2.5-flash');
    expect(parsed(search.rewrittenBody).tools).toEqual([{ googleSearch: {} }]);
    const functions = body({ ...hello, tools: [{ functionDeclarations: [{ name: 'f' }] }] });
    expect(prepareNativeRequest('gemini-2.5-flash-search', 'generateContent', functions, settings).rewrittenBody).toBeUndefined();
  });

  test('-non-thinking sets a zero budget (128 for 2.5 Pro, which cannot turn thinking off)', () => {
    const flash = prepareNativeRequest('gemini-2.5-flash-non-thinking', 'generateContent', body(hello), settings);
    expect(parsed(flash.rewrittenBody).generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 0 } });
    const pro = prepareNativeRequest('gemini-2.5-pro-non-thinking', 'generateContent', body(hello), settings);
    expect(parsed(pro.rewrittenBody).generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 128 } });
  });

  test('THINKING_BUDGET_MAP applies only when the client set no thinkingConfig, keeping its other fields', () => {
    const s = { ...settings, THINKING_BUDGET_MAP: { 'gemini-2.5-flash': 1024 } };
    const mine = prepareNativeRequest('gemini-2.5-flash', 'generateContent', body({ ...hello, generationConfig: { temperature: 0.2 } }), s);
    expect(parsed(mine.rewrittenBody).generationConfig).toEqual({ temperature: 0.2, thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
    const own = body({ ...hello, generationConfig: { thinkingConfig: { thinkingBudget: 5 } } });
    expect(prepareNativeRequest('gemini-2.5-flash', 'generateContent', own, s).rewrittenBody).toBeUndefined();
  });

  test('code execution is added when enabled, but not with media input, JSON output or functions', () => {
    const s = { ...settings, TOOLS_CODE_EXECUTION_ENABLED: true };
    expect(parsed(prepareNativeRequest('gemini-2.5-flash', 'generateContent', body(hello), s).rewrittenBody).tools).toEqual([{ codeExecution: {} }]);
    const media = body({ contents: [{ parts: [{ inlineData: { mimeType: 'image/png', data: 'AA==' } }] }] });
    expect(prepareNativeRequest('gemini-2.5-flash', 'generateContent', media, s).rewrittenBody).toBeUndefined();
    const json = body({ ...hello, generationConfig: { responseMimeType: 'application/json' } });
    expect(prepareNativeRequest('gemini-2.5-flash', 'generateContent', json, s).rewrittenBody).toBeUndefined();
  });

  test('URL context only for the listed models; -image asks for image output', () => {
    const s = { ...settings, URL_CONTEXT_ENABLED: true };
    expect(parsed(prepareNativeRequest('gemini-2.5-pro', 'generateContent', body(hello), s).rewrittenBody).tools).toEqual([{ urlContext: {} }]);
    expect(prepareNativeRequest('gemma-3-27b-it', 'generateContent', body(hello), s).rewrittenBody).toBeUndefined();
    const image = prepareNativeRequest('gemini-2.0-flash-exp-image', 'generateContent', body(hello), settings);
    expect(parsed(image.rewrittenBody).generationConfig).toEqual({ responseModalities: ['TEXT', 'IMAGE'] });
  });

  test('TTS models get no safety settings or tools; other actions and non-JSON bodies pass unchanged', () => {
    expect(prepareNativeRequest('gemini-2.5-flash-preview-tts', 'generateContent', body(hello), defaults).rewrittenBody).toBeUndefined();
    expect(prepareNativeRequest('gemini-2.5-flash-search', 'countTokens', body(hello), defaults)).toEqual({ upstreamModel: 'gemini-2.5-flash', rewrittenBody: undefined });
    expect(prepareNativeRequest('gemini-2.5-flash', 'generateContent', 'not json', defaults).rewrittenBody).toBeUndefined();
  });
});
