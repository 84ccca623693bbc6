import type { ApiInputs, ApiOutputs } from '../lib/trpc';

/** The keys page's view of the API, taken from the server's router so a change there fails the type check here. */
export type KeyPage = ApiOutputs['keys']['list'];
export type KeyItem = KeyPage['items'][number];
export type KeyStatus = KeyItem['status'];
export type KeyKind = KeyItem['kind'];
export type VerifyProgress = ApiOutputs['keys']['verifyStatus'];
export type VerifyResult = VerifyProgress['results'][number];
export type ListQuery = Exclude<ApiInputs['keys']['list'], undefined>;
export type AddResult = ApiOutputs['keys']['add'];

export const STATUSES: readonly KeyStatus[] = ['active', 'cooling', 'disabled'];
export const KINDS: readonly KeyKind[] = ['gemini', 'vertex', 'paid'];
export const PAGE_SIZES: readonly number[] = [20, 50, 100, 200];
