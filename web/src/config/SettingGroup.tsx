import { For } from 'solid-js';
import { t } from '../i18n';
import type { SettingsDraft } from './draft';
import { GroupTools } from './GroupTools';
import { SettingField } from './SettingField';
import type { SettingGroupId, SettingView } from './setting-types';

interface Props {
  readonly group: SettingGroupId;
  readonly settings: readonly SettingView[];
  readonly draft: SettingsDraft;
}

export const groupAnchor = (group: SettingGroupId) => `group-${group}`;

/** One section of the config page (API, models, logs…), titled in the current language. */
export function SettingGroup(props: Props) {
  return (
    <section class="setting-group card" id={groupAnchor(props.group)} aria-labelledby={`${groupAnchor(props.group)}-title`}>
      <h2 id={`${groupAnchor(props.group)}-title`}>{t(`group.${props.group}`)}</h2>
      <For each={props.settings}>{(setting) => <SettingField setting={setting} draft={props.draft} />}</For>
      <GroupTools group={props.group} names={props.settings.map((s) => s.name)} draft={props.draft} />
    </section>
  );
}
