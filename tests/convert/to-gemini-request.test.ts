import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { expectGolden, goldenCases } from '../helpers/golden';
import * as v from 'valibot';
import { ChatRequestSchema } from '../../server/convert/openai-request';
import { mediaUrls } from '../../server/convert/to-gemini-contents';
import type { MediaEntry } from '../../server/convert/to-gemini-parts';
import { ConvertError } from '../../server/convert/convert-error';
import { toGeminiRequest } from '../../server/convert/to-gemini-request';
import { defaultSettings, type StoredSettings } from '../../server/settings/schema';

/*
 * Golden files in golden/to-gemini-request/: `<case>.in.json` is
 *   { "request": <OpenAI chat body>, "settings"?: <overrides of defaultSettings()>, "media"?: { <url>: {mimeType,data} | {error} } }
 * and `<case>.out.json` is { "upstreamModel", "mediaUrls", "body", "warnings" } or { "error": { "message", "param" } }.
 * UPDATE_GOLDEN=1 rewrites the .out.json files: read every changed one before committing.
 */

const DIR = join(import.meta.dir, 'golden', 'to-gemini-request');

interface GoldenIn {
  request: unknown;
  settings?: Partial<StoredSettings>;
  media?: Record<string, MediaEntry>;
}

function run(input: GoldenIn): unknown {
  // Parsed like the route will, so a golden input can never be a body the route would refuse.
  const req = v.parse(ChatRequestSchema, input.request);
  const settings = { ...defaultSettings(), ...input.settings };
  const media = new Map(Object.entries(input.media ?? {}));
  try {
    const call = toGeminiRequest(req, { settings, media });
    return { upstreamModel: call.upstreamModel, mediaUrls: mediaUrls(req), body: call.body, warnings: call.warnings };
  } catch (error) {
    if (error instanceof ConvertError) return { error: { message: error.message, param: error.param } };
    throw error;
  }
}

describe('OpenAI chat request → Gemini golden files', () => {
  const cases = goldenCases(DIR);
  test('there are cases', () => expect(cases.length).toBeGreaterThan(30));
  for (const name of cases) {
    test(name, async () => {
      const actual = run(await Bun.file(join(DIR, `${name}.in.json`)).json());
      await expectGolden(DIR, name, actual);
    });
  }
});

describe('toGeminiRequest', () => {
  const req = v.parse(ChatRequestSchema, { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] });
  test('is pure: the same input gives the same output, and the settings are not shared with the body', () => {
    const settings = defaultSettings();
    const first = toGeminiRequest(req, { settings, media: new Map() });
    expect(toGeminiRequest(req, { settings, media: new Map() })).toEqual(first);
    first.body.safetySettings?.pop();
    expect(settings.SAFETY_SETTINGS).toHaveLength(5);
  });
});
