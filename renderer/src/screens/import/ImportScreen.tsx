import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';

export function ImportScreen(): ReactNode {
  const { t } = useI18n();
  return <h1 className="screen-title">{t('import.title')}</h1>;
}
