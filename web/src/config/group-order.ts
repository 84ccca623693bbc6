import type { SettingGroupId, SettingView } from './setting-types';

/** The original dashboard's tab order, then the groups it did not show (files, dashboard, database). */
const ORDER: readonly SettingGroupId[] = ['api', 'models', 'tts', 'images', 'streaming', 'scheduler', 'logging', 'files', 'server', 'database'];

/** Settings by group, groups in ORDER (a group the page does not know yet goes last), settings in server order. */
export function groupSettings(settings: readonly SettingView[]): { group: SettingGroupId; settings: SettingView[] }[] {
  const byGroup = new Map<SettingGroupId, SettingView[]>();
  for (const setting of settings) byGroup.set(setting.group, [...(byGroup.get(setting.group) ?? []), setting]);
  const rank = (group: SettingGroupId) => {
    const index = ORDER.indexOf(group);
    return index === -1 ? ORDER.length : index;
  };
  return [...byGroup.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([group, list]) => ({ group, settings: list }));
}
