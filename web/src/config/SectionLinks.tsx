import { For } from 'solid-js';
import { t } from '../i18n';
import { groupAnchor } from './SettingGroup';
import type { SettingGroupId } from './setting-types';

/**
 * Jumps to a section: a long page on a phone otherwise means a lot of scrolling. Buttons, not
 * `#hash` links, so the router's URL stays the page's own.
 */
export function SectionLinks(props: { readonly groups: readonly SettingGroupId[] }) {
  const jump = (group: SettingGroupId) => document.getElementById(groupAnchor(group))?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  return (
    <nav class="section-links" aria-label={t('config.sections')}>
      <For each={props.groups}>
        {(group) => (
          <button type="button" class="chip" onClick={() => jump(group)}>
            {t(`group.${group}`)}
          </button>
        )}
      </For>
    </nav>
  );
}
