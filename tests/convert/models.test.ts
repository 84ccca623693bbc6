import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { expectGolden, goldenCases } from '../helpers/golden';
import {
  type GeminiModel,
  type GeminiModelList,
  modelId,
  toGeminiModelList,
  toOpenAIModels,
  visibleModels,
} from '../../server/convert/models';
import { defaultSettings, type StoredSettings } from '../../server/settings/schema';

/*
 * Golden files in golden/models/: `<case>.in.json` is `{ "list": <Google's list> | "listFixture":
 * <file in tests/fixtures/gemini>, "settings"?: overrides of the defaults, "nextPageToken"?: what the
 * caller passes on }`; `<case>.out.json` is `{ visible: [ids], openai, gemini }`. To keep big lists
 * readable, `gemini.models` shows an upstream model passed through unchanged as its name only (this
 * runner checks it is the very object of the input); aliases are shown in full.
 * UPDATE_GOLDEN=1 rewrites the .out.json files: read every changed one before committing.
 */

const DIR = join(import.meta.dir, 'golden', 'models');
const FIXTURES = join(import.meta.dir, '..', 'fixtures', 'gemini');
const CREATED = 1700000000;

type ListKeys = 'FILTERED_MODELS' | 'SEARCH_MODELS' | 'IMAGE_MODELS' | 'THINKING_MODELS';
interface GoldenIn {
  list?: GeminiModelList;
  listFixture?: string;
  settings?: Partial<Pick<StoredSettings, ListKeys>>;
  nextPageToken?: string;
}

async function run(input: GoldenIn): Promise<unknown> {
  const list: GeminiModelList = input.listFixture
    ? await Bun.file(join(FIXTURES, input.listFixture)).json()
    : (input.list ?? {});
  const visible = visibleModels(list, { ...defaultSettings(), ...input.settings });
  const upstream = new Set(list.models ?? []);
  const gemini = toGeminiModelList(visible, input.nextPageToken);
  return {
    visible: visible.map((m) => modelId(m.name)),
    openai: toOpenAIModels(visible, CREATED),
    gemini: { ...gemini, models: (gemini.models ?? []).map((m) => (upstream.has(m) ? m.name : m)) },
  };
}

describe('model list golden files', () => {
  const cases = goldenCases(DIR);
  test('there are cases', () => expect(cases.length).toBeGreaterThan(5));
  for (const name of cases) {
    test(name, async () => {
      const actual = await run(await Bun.file(join(DIR, `${name}.in.json`)).json());
      await expectGolden(DIR, name, actual);
    });
  }
});

describe('visibleModels', () => {
  const base = (id: string, extra: Partial<GeminiModel> = {}): GeminiModel => ({ name: `models/${id}`, ...extra });
  const none = { FILTERED_MODELS: [], SEARCH_MODELS: [], IMAGE_MODELS: [], THINKING_MODELS: [] };

  test('an alias is a deep copy: changing it leaves the upstream model alone', () => {
    const flash = base('f', { displayName: 'F', supportedGenerationMethods: ['generateContent'] });
    const [, alias] = visibleModels({ models: [flash] }, { ...none, SEARCH_MODELS: ['f'] });
    (alias?.supportedGenerationMethods as string[]).push('changed');
    expect(flash.supportedGenerationMethods).toEqual(['generateContent']);
  });

  test('does not change its input', () => {
    const list = { models: [base('a'), base('b')] };
    const before = structuredClone(list);
    visibleModels(list, { ...none, FILTERED_MODELS: ['a'], SEARCH_MODELS: ['b'] });
    expect(list).toEqual(before);
  });

  test('an empty list gives empty bodies for both formats', () => {
    expect(visibleModels({}, defaultSettings())).toEqual([]);
    expect(toOpenAIModels([], CREATED)).toEqual({ object: 'list', data: [] });
    expect(toGeminiModelList([])).toEqual({ models: [] });
  });
});
