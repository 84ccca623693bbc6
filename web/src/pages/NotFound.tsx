import { A } from '@solidjs/router';
import { t } from '../i18n';
import { usePageTitle } from '../lib/page-title';

export function NotFound() {
  usePageTitle('notFound.title');
  return (
    <main class="page-status">
      <h1>{t('notFound.title')}</h1>
      <A class="btn" href="/">
        {t('notFound.back')}
      </A>
    </main>
  );
}
