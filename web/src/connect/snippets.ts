import type { ConnectContext } from './addresses';

/** A ready-to-run example: the install line as a comment, then the smallest call that proves the setup. */
export interface Snippet {
  readonly title: string;
  readonly code: (c: ConnectContext) => string;
}

/** One model every key can call; the examples need a name, and this one is cheap and fast. */
export const EXAMPLE_MODEL = 'gemini-2.5-flash';

export const OPENAI_PYTHON: Snippet = {
  title: 'Python',
  code: (c) => `# pip install openai
from openai import OpenAI

client = OpenAI(base_url="${c.openai}", api_key="${c.token}")
reply = client.chat.completions.create(
    model="${EXAMPLE_MODEL}",
    messages=[{"role": "user", "content": "Hello"}],
)
print(reply.choices[0].message.content)`,
};

export const OPENAI_JS: Snippet = {
  title: 'JavaScript / TypeScript',
  code: (c) => `// npm install openai
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: '${c.openai}', apiKey: '${c.token}' });
const reply = await client.chat.completions.create({
  model: '${EXAMPLE_MODEL}',
  messages: [{ role: 'user', content: 'Hello' }],
});
console.log(reply.choices[0].message.content);`,
};

export const GENAI_PYTHON: Snippet = {
  title: 'Python',
  code: (c) => `# pip install google-genai
from google import genai

client = genai.Client(api_key="${c.token}", http_options={"base_url": "${c.origin}"})
reply = client.models.generate_content(model="${EXAMPLE_MODEL}", contents="Hello")
print(reply.text)`,
};

export const GENAI_JS: Snippet = {
  title: 'JavaScript / TypeScript',
  code: (c) => `// npm install @google/genai
import { GoogleGenAI } from '@google/genai';

const ai = new GoogleGenAI({ apiKey: '${c.token}', httpOptions: { baseUrl: '${c.origin}' } });
const reply = await ai.models.generateContent({ model: '${EXAMPLE_MODEL}', contents: 'Hello' });
console.log(reply.text);`,
};

export const GEMINI_CLI_UNIX: Snippet = {
  title: 'macOS / Linux',
  code: (c) => `export GEMINI_API_KEY="${c.token}"
export GOOGLE_GEMINI_BASE_URL="${c.origin}"
gemini`,
};

export const GEMINI_CLI_WINDOWS: Snippet = {
  title: 'Windows (PowerShell)',
  code: (c) => `$env:GEMINI_API_KEY="${c.token}"
$env:GOOGLE_GEMINI_BASE_URL="${c.origin}"
gemini`,
};
