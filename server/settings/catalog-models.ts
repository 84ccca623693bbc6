import { bool, list, numberMap, safetyList } from './define';

const safety = (category: string, threshold: string) => ({ category: `HARM_CATEGORY_${category}`, threshold });

export const modelSettings = {
  SEARCH_MODELS: list(['gemini-2.5-flash', 'gemini-2.5-pro'], {
    group: 'models',
    description: 'Each gets a <model>-search alias that adds Google Search grounding.',
  }),
  IMAGE_MODELS: list(['gemini-2.0-flash-exp', 'gemini-2.5-flash-image-preview'], {
    group: 'models',
    description: 'Each gets a <model>-image alias that returns images.',
  }),
  FILTERED_MODELS: list(
    ['gemini-1.0-pro-vision-latest', 'gemini-pro-vision', 'chat-bison-001', 'text-bison-001', 'embedding-gecko-001'],
    { group: 'models', description: 'Models hidden from model lists and refused.' },
  ),
  TOOLS_CODE_EXECUTION_ENABLED: bool(false, {
    group: 'models',
    description: 'Add the code-execution tool to requests (never to image models or requests with tools).',
  }),
  URL_CONTEXT_ENABLED: bool(false, { group: 'models', description: 'Add the URL-context tool for URL_CONTEXT_MODELS.' }),
  URL_CONTEXT_MODELS: list(
    ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-2.0-flash', 'gemini-2.0-flash-live-001'],
    { group: 'models', description: 'Models that get the URL-context tool.' },
  ),
  SHOW_SEARCH_LINK: bool(true, { group: 'models', description: 'Append search result links to answers.' }),
  SHOW_THINKING_PROCESS: bool(true, {
    group: 'models',
    description: 'Return the model’s thoughts (reasoning_content in OpenAI format).',
  }),
  THINKING_MODELS: list([], { group: 'models', description: 'Each gets a <model>-non-thinking alias.' }),
  THINKING_BUDGET_MAP: numberMap({}, {
    group: 'models',
    description: 'Default thinking budget per model when the client sends none (-1 = automatic).',
    example: '{"gemini-2.5-flash":1024}',
  }),
  SAFETY_SETTINGS: safetyList(
    [
      safety('HARASSMENT', 'OFF'),
      safety('HATE_SPEECH', 'OFF'),
      safety('SEXUALLY_EXPLICIT', 'OFF'),
      safety('DANGEROUS_CONTENT', 'OFF'),
      safety('CIVIC_INTEGRITY', 'BLOCK_NONE'),
    ],
    { group: 'models', description: 'safetySettings sent upstream.', example: '[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"OFF"}]' },
  ),
};
