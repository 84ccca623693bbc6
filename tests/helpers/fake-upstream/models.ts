import { MODEL_LIST } from './fixtures';

export interface ModelInfo {
  name: string;
  displayName: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  supportedGenerationMethods: string[];
  [field: string]: unknown;
}

// Entries taken from a real ListModels answer so field sets and limits are Google's own.
const RECORDED = ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.5-flash-lite', 'gemini-embedding-001'];

// Retired by Google before the recording was made, but still the embedding model many clients ask for.
const TEXT_EMBEDDING_004: ModelInfo = {
  name: 'models/text-embedding-004',
  version: '004',
  displayName: 'Text Embedding 004',
  description: 'Obtain a distributed representation of a text.',
  inputTokenLimit: 2048,
  outputTokenLimit: 1,
  supportedGenerationMethods: ['embedContent'],
};

function catalogue(): ModelInfo[] {
  const recorded = (JSON.parse(MODEL_LIST) as { models: ModelInfo[] }).models;
  const picked = RECORDED.map((id) => recorded.find((model) => model.name === `models/${id}`));
  if (picked.some((model) => model === undefined)) throw new Error('model list fixture lacks an expected model');
  return [...picked.filter((model): model is ModelInfo => model !== undefined), TEXT_EMBEDDING_004];
}

export const MODELS: readonly ModelInfo[] = catalogue();

export function findModel(id: string): ModelInfo | undefined {
  return MODELS.find((model) => model.name === `models/${id}`);
}

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/** One page of ListModels; the page token is opaque to clients, here the base64 of the next offset. */
export function listModels(query: Record<string, string>): { models: ModelInfo[]; nextPageToken?: string } {
  const asked = Number.parseInt(query.pageSize ?? '', 10);
  const size = Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  const start = decodeToken(query.pageToken);
  const models = MODELS.slice(start, start + size);
  const end = start + models.length;
  return end < MODELS.length ? { models, nextPageToken: btoa(String(end)) } : { models };
}

function decodeToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const offset = Number.parseInt(atob(token), 10);
    return Number.isFinite(offset) && offset > 0 ? offset : 0;
  } catch {
    return 0;
  }
}
