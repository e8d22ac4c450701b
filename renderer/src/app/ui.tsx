/**
 * Small building blocks every screen uses: translated errors, busy and empty states, labels of
 * the document vocabulary.
 */
import type { ReactNode } from 'react';
import type { DocumentStatus, KindCode, LanguageCode, RelationType } from '../../../shared/domain/kinds';
import { errorMessageKey, type MessageKey, type Translate } from '../../../shared/i18n';
import { ApiError } from '../api/transport';
import { useI18n } from '../i18n';

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
}

/** The message for an error in the UI language (the English detail goes to the title attribute). */
export function errorText(t: Translate, error: unknown): string {
  const apiError = toApiError(error);
  return t(apiError.unreachable ? 'error.unavailable' : errorMessageKey(apiError.code));
}

export function ErrorNotice(props: { error: unknown; onRetry?: () => void }): ReactNode {
  const { t } = useI18n();
  const apiError = toApiError(props.error);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-text" title={apiError.message}>
        {errorText(t, apiError)}
      </p>
      {props.onRetry && (
        <button type="button" className="button" onClick={props.onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Busy(props: { label?: string }): ReactNode {
  const { t } = useI18n();
  return (
    <p className="busy" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {props.label ?? t('common.loading')}
    </p>
  );
}

export function EmptyState(props: { title: string; children?: ReactNode }): ReactNode {
  return (
    <div className="empty-state">
      <h2 className="empty-title">{props.title}</h2>
      {props.children}
    </div>
  );
}

export const kindLabel = (t: Translate, kind: KindCode | string): string => t(`kind.${kind}` as MessageKey);
export const langLabel = (t: Translate, lang: LanguageCode | string | null): string => t(`lang.${lang ?? 'unknown'}` as MessageKey);
export const statusLabel = (t: Translate, status: DocumentStatus | string): string => t(`status.${status}` as MessageKey);
export const relationLabel = (t: Translate, type: RelationType | string): string => t(`relation.${type}` as MessageKey);
