import type { MessageKey } from '../i18n/en';
import type { ConnectContext } from './addresses';
import { EXAMPLE_MODEL, GEMINI_CLI_UNIX, GEMINI_CLI_WINDOWS, GENAI_JS, GENAI_PYTHON, OPENAI_JS, OPENAI_PYTHON, type Snippet } from './snippets';

/** A value to type into one of the app's fields, named as the app names it. */
export interface GuideField {
  readonly label: MessageKey;
  readonly value: (c: ConnectContext) => string;
}

export interface ClientGuide {
  readonly id: string;
  /** The product's own name: not translated. */
  readonly name: string;
  /** Which API the app speaks, hence which address it takes. */
  readonly format: 'openai' | 'gemini';
  /** Where in the app the fields are. */
  readonly steps: MessageKey;
  readonly fields: readonly GuideField[];
  /** The trap this app sets, if any. */
  readonly note?: MessageKey;
  readonly snippets?: readonly Snippet[];
}

const token = (c: ConnectContext) => c.token;
const origin = (c: ConnectContext) => c.origin;
const openai = (c: ConnectContext) => c.openai;
const fixed = (text: string) => () => text;

/**
 * Each app's own rule for the base URL. Most OpenAI-format apps want the address ending in /v1;
 * NextChat and Cherry Studio append the version themselves (NextChat calls `<address>/v1/chat/
 * completions`; Cherry Studio adds /v1 or /v1beta unless the address already has a version), and
 * Google's SDKs and Gemini CLI add /v1beta (or /v1) themselves — so those take the bare origin.
 */
export const CLIENT_GUIDES: readonly ClientGuide[] = [
  {
    id: 'cherry-studio',
    name: 'Cherry Studio',
    format: 'gemini',
    steps: 'connect.cherry.steps',
    fields: [
      { label: 'connect.field.providerType', value: fixed('Gemini') },
      { label: 'connect.field.apiHost', value: origin },
      { label: 'connect.field.apiKey', value: token },
    ],
    note: 'connect.cherry.note',
  },
  {
    id: 'cline',
    name: 'Cline / Roo Code',
    format: 'openai',
    steps: 'connect.cline.steps',
    fields: [
      { label: 'connect.field.apiProvider', value: fixed('OpenAI Compatible') },
      { label: 'connect.field.baseUrl', value: openai },
      { label: 'connect.field.apiKey', value: token },
      { label: 'connect.field.modelId', value: fixed(EXAMPLE_MODEL) },
    ],
  },
  {
    id: 'lobechat',
    name: 'LobeChat',
    format: 'openai',
    steps: 'connect.lobechat.steps',
    fields: [
      { label: 'connect.field.apiKey', value: token },
      { label: 'connect.field.proxyUrl', value: openai },
    ],
  },
  {
    id: 'nextchat',
    name: 'NextChat',
    format: 'openai',
    steps: 'connect.nextchat.steps',
    fields: [
      { label: 'connect.field.endpoint', value: origin },
      { label: 'connect.field.apiKey', value: token },
      { label: 'connect.field.customModels', value: fixed(`+${EXAMPLE_MODEL}`) },
    ],
    note: 'connect.nextchat.note',
  },
  {
    id: 'sillytavern',
    name: 'SillyTavern',
    format: 'openai',
    steps: 'connect.sillytavern.steps',
    fields: [
      { label: 'connect.field.customEndpoint', value: openai },
      { label: 'connect.field.customKey', value: token },
    ],
  },
  {
    id: 'gemini-cli',
    name: 'Gemini CLI',
    format: 'gemini',
    steps: 'connect.geminiCli.steps',
    fields: [],
    note: 'connect.geminiCli.note',
    snippets: [GEMINI_CLI_UNIX, GEMINI_CLI_WINDOWS],
  },
  {
    id: 'openai-sdk',
    name: 'OpenAI SDK',
    format: 'openai',
    steps: 'connect.openaiSdk.steps',
    fields: [{ label: 'connect.field.baseUrl', value: openai }],
    snippets: [OPENAI_PYTHON, OPENAI_JS],
  },
  {
    id: 'genai-sdk',
    name: 'Google GenAI SDK',
    format: 'gemini',
    steps: 'connect.genaiSdk.steps',
    fields: [{ label: 'connect.field.baseUrl', value: origin }],
    note: 'connect.genaiSdk.note',
    snippets: [GENAI_PYTHON, GENAI_JS],
  },
];
