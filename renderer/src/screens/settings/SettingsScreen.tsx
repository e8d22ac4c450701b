import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';

export function SettingsScreen(): ReactNode {
  const { t } = useI18n();
  return <h1 className="screen-title">{t('settings.title')}</h1>;
}
