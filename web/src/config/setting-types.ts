import type { ApiOutputs } from '../lib/trpc';

/** One setting as `settings.get` describes it (name, group, description, value or masked secret…). */
export type SettingView = ApiOutputs['settings']['get']['settings'][number];
export type SettingGroupId = SettingView['group'];
export type EnvDifference = ApiOutputs['settings']['get']['differences'][number];

/** What the user edits: a checkbox's state, or the text of any other input. */
export type DraftValue = string | boolean;
