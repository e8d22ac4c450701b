/**
 * Checking what the importer detected: every document still waiting for review (those of the
 * current job among them), editable inline. Edits stay local drafts until "Save changes";
 * "Confirm" saves the selected rows' drafts and takes them off the list. Batch actions fill the
 * drafts of every selected row, so they are seen before they are saved. A field detection was
 * unsure of is marked (app/detection.tsx) and offers what detection found as one-click choices,
 * which fill the draft like typing does.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LibraryItem } from '../../../../shared/domain/library';
import { KIND_CODES, LANGUAGE_CODES, type KindCode, type LanguageCode } from '../../../../shared/domain/kinds';
import type { MessageKey } from '../../../../shared/i18n';
import type { DetectedField } from '../../../../shared/metadata/types';
import { CandidateChips, isUncertain, UncertainMark } from '../../app/detection';
import { useApp } from '../../app/context';
import { formatNumber } from '../../app/format';
import { formatRoute } from '../../app/routes';
import { ErrorNotice, errorText, kindLabel, langLabel } from '../../app/ui';
import { useI18n } from '../../i18n';
import { currentFields, hasErrors, isEmptyPatch, patchOf, validate, type ReviewDraft, type ReviewFields } from './review';

const ROWS_STEP = 100;
/** The contract's largest page. */
const ROWS_MAX = 500;

type Drafts = Readonly<Record<string, ReviewDraft>>;

export function ReviewTable(props: { refreshKey: number }): ReactNode {
  const { t, locale } = useI18n();
  const { transport } = useApp();
  const [items, setItems] = useState<LibraryItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [limit, setLimit] = useState(ROWS_STEP);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  /** Validation messages show once a field was left or a save was tried, not while typing. */
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAllErrors, setShowAllErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [rowErrors, setRowErrors] = useState<Readonly<Record<string, unknown>>>({});
  // Kept as a key and its values, not a string: the message follows a language switch.
  const [message, setMessage] = useState<{ key: MessageKey; count: number } | { error: unknown } | null>(null);
  const [batchKind, setBatchKind] = useState<KindCode | ''>('');
  const [batchLang, setBatchLang] = useState<LanguageCode | 'none' | ''>('');
  const [batchIssuer, setBatchIssuer] = useState('');
  const tableRef = useRef<HTMLTableElement>(null);

  const load = useCallback(() => {
    let live = true;
    transport.invoke('library.browse', { reviewPending: true, sort: 'added', direction: 'desc', limit }).then(
      (response) => {
        if (!live) return;
        setItems(response.items);
        setTotal(response.total);
        setLoadError(null);
        // Rows that left the list (confirmed elsewhere, deleted) drop out of the selection.
        const present = new Set(response.items.map((item) => item.id));
        setSelected((previous) => new Set([...previous].filter((id) => present.has(id))));
      },
      (error: unknown) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [transport, limit]);

  useEffect(() => load(), [load, props.refreshKey]);

  const rows = useMemo(() => items ?? [], [items]);
  const byId = useMemo(() => new Map(rows.map((item) => [item.id, item])), [rows]);

  const changedIds = useMemo(() => rows.filter((item) => !isEmptyPatch(patchOf(item, drafts[item.id]))).map((item) => item.id), [rows, drafts]);
  const invalidIds = useMemo(() => rows.filter((item) => drafts[item.id] && hasErrors(validate(currentFields(item, drafts[item.id])))).map((item) => item.id), [rows, drafts]);

  // Stable callbacks: with hundreds of rows, typing in one must not re-render the others.
  const edit = useCallback((id: string, field: keyof ReviewFields, value: string): void => {
    setDrafts((previous) => ({ ...previous, [id]: { ...previous[id], [field]: value } }));
  }, []);
  const touch = useCallback((id: string, field: keyof ReviewFields): void => setTouched((previous) => new Set(previous).add(`${id}:${field}`)), []);
  const select = useCallback((id: string, on: boolean): void => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  // After a refused save, focus goes to the first field to correct, once its message is rendered.
  const [focusInvalid, setFocusInvalid] = useState(0);
  useEffect(() => {
    if (focusInvalid) tableRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  /** Saves the drafts of `ids`; true when every one was saved. */
  const saveRows = async (ids: readonly string[]): Promise<boolean> => {
    const toSave = ids.filter((id) => changedIds.includes(id));
    if (toSave.some((id) => invalidIds.includes(id))) {
      setShowAllErrors(true);
      setMessage({ key: 'import.review.fixErrors', count: toSave.filter((id) => invalidIds.includes(id)).length });
      setFocusInvalid((n) => n + 1);
      return false;
    }
    const failures: Record<string, unknown> = {};
    const saved: string[] = [];
    for (const id of toSave) {
      const item = byId.get(id);
      if (!item) continue;
      try {
        await transport.invoke('documents.update', { id, patch: patchOf(item, drafts[id]) });
        saved.push(id);
      } catch (error) {
        failures[id] = error;
      }
    }
    setDrafts((previous) => {
      const next = { ...previous };
      for (const id of saved) delete next[id];
      return next;
    });
    setRowErrors((previous) => {
      const next = { ...previous };
      for (const id of toSave) delete next[id];
      return { ...next, ...failures };
    });
    if (saved.length) setMessage({ key: 'import.review.saved', count: saved.length });
    return Object.keys(failures).length === 0;
  };

  const onSave = async (): Promise<void> => {
    setSaving(true);
    try {
      await saveRows(changedIds);
      load();
    } finally {
      setSaving(false);
    }
  };

  const onConfirm = async (): Promise<void> => {
    const ids = rows.filter((item) => selected.has(item.id)).map((item) => item.id);
    if (!ids.length) return;
    setSaving(true);
    try {
      if (!(await saveRows(ids))) return;
      const { confirmed } = await transport.invoke('documents.confirmReview', { ids });
      setSelected(new Set());
      setMessage({ key: 'import.review.confirmed', count: confirmed });
      load();
    } catch (error) {
      setMessage({ error });
    } finally {
      setSaving(false);
    }
  };

  const applyToSelected = (field: keyof ReviewFields, value: string): void => {
    setDrafts((previous) => {
      const next = { ...previous };
      for (const id of selected) next[id] = { ...next[id], [field]: value };
      return next;
    });
    setMessage({ key: 'import.review.applied', count: selected.size });
  };

  if (loadError && !items) return <ErrorNotice error={loadError} onRetry={load} />;
  if (!items) return null;

  const allSelected = rows.length > 0 && rows.every((item) => selected.has(item.id));
  const someSelected = selected.size > 0 && !allSelected;

  return (
    <section className="panel review" aria-labelledby="review-heading">
      <div className="review-head">
        <h2 id="review-heading" className="panel-title">
          {t('import.review.title', { count: formatNumber(locale, total) })}
        </h2>
        <p className="muted">{rows.length ? t('import.review.help') : t('import.review.empty')}</p>
      </div>
      {rows.length > 0 && (
        <>
          <div className="review-toolbar" role="group" aria-label={t('import.review.batch')}>
            <span className="review-selected" aria-live="polite">
              {t('import.review.selectedCount', { count: selected.size })}
            </span>
            <div className="batch-action">
              <label className="visually-hidden" htmlFor="batch-kind">
                {t('import.review.batchKind')}
              </label>
              <select id="batch-kind" value={batchKind} onChange={(event) => setBatchKind(event.target.value as KindCode | '')}>
                <option value="">{t('import.review.batchKind')}</option>
                {KIND_CODES.map((kind) => (
                  <option key={kind} value={kind}>
                    {kindLabel(t, kind)}
                  </option>
                ))}
              </select>
              <button type="button" className="button button-secondary" disabled={!batchKind || selected.size === 0} onClick={() => batchKind && applyToSelected('kind', batchKind)}>
                {t('import.review.apply')}
              </button>
            </div>
            <div className="batch-action">
              <label className="visually-hidden" htmlFor="batch-lang">
                {t('import.review.batchLang')}
              </label>
              <select id="batch-lang" value={batchLang} onChange={(event) => setBatchLang(event.target.value as LanguageCode | 'none' | '')}>
                <option value="">{t('import.review.batchLang')}</option>
                {LANGUAGE_CODES.map((lang) => (
                  <option key={lang} value={lang}>
                    {langLabel(t, lang)}
                  </option>
                ))}
                <option value="none">{langLabel(t, null)}</option>
              </select>
              <button
                type="button"
                className="button button-secondary"
                disabled={!batchLang || selected.size === 0}
                onClick={() => batchLang && applyToSelected('lang', batchLang === 'none' ? '' : batchLang)}
              >
                {t('import.review.apply')}
              </button>
            </div>
            <div className="batch-action">
              <label className="visually-hidden" htmlFor="batch-issuer">
                {t('import.review.batchIssuer')}
              </label>
              <input id="batch-issuer" type="text" value={batchIssuer} placeholder={t('import.review.batchIssuer')} maxLength={500} onChange={(event) => setBatchIssuer(event.target.value)} />
              <button type="button" className="button button-secondary" disabled={!batchIssuer.trim() || selected.size === 0} onClick={() => applyToSelected('issuer', batchIssuer.trim())}>
                {t('import.review.apply')}
              </button>
            </div>
          </div>

          <div className="table-scroll review-scroll">
            <table className="data-table review-table" ref={tableRef}>
              <caption className="visually-hidden">{t('import.review.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="col-check">
                    <input
                      type="checkbox"
                      aria-label={t('import.review.selectAll')}
                      checked={allSelected}
                      ref={(element) => {
                        if (element) element.indeterminate = someSelected;
                      }}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((item) => item.id)))}
                    />
                  </th>
                  <th scope="col" className="col-title">{t('import.review.col.title')}</th>
                  <th scope="col" className="col-kind">{t('import.review.col.kind')}</th>
                  <th scope="col" className="col-number">{t('import.review.col.number')}</th>
                  <th scope="col" className="col-date">{t('import.review.col.date')}</th>
                  <th scope="col" className="col-issuer">{t('import.review.col.issuer')}</th>
                  <th scope="col" className="col-lang">{t('import.review.col.lang')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((item) => (
                  <ReviewRow
                    key={item.id}
                    item={item}
                    draft={drafts[item.id]}
                    selected={selected.has(item.id)}
                    touchedTitle={showAllErrors || touched.has(`${item.id}:title`)}
                    touchedDate={showAllErrors || touched.has(`${item.id}:date`)}
                    saveError={rowErrors[item.id]}
                    onSelect={select}
                    onEdit={edit}
                    onTouch={touch}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {rows.length < total && limit < ROWS_MAX && (
            <button type="button" className="button button-secondary review-more" onClick={() => setLimit((n) => Math.min(ROWS_MAX, n + ROWS_STEP))}>
              {t('import.review.more', { shown: formatNumber(locale, rows.length), total: formatNumber(locale, total) })}
            </button>
          )}
          <div className="review-actions">
            <button type="button" className="button" disabled={saving || changedIds.length === 0} onClick={() => void onSave()}>
              {t('import.review.save', { count: changedIds.length })}
            </button>
            <button type="button" className="button button-secondary" disabled={saving || selected.size === 0} onClick={() => void onConfirm()}>
              {t('import.review.confirm', { count: selected.size })}
            </button>
            {changedIds.length > 0 && (
              <button type="button" className="link-button" disabled={saving} onClick={() => { setDrafts({}); setShowAllErrors(false); setMessage(null); }}>
                {t('import.review.discard')}
              </button>
            )}
          </div>
        </>
      )}
      <p className="review-message" role="status" aria-live="polite">
        {message === null ? '' : 'error' in message ? errorText(t, message.error) : t(message.key, { count: formatNumber(locale, message.count) })}
      </p>
    </section>
  );
}

interface ReviewRowProps {
  item: LibraryItem;
  draft: ReviewDraft | undefined;
  selected: boolean;
  touchedTitle: boolean;
  touchedDate: boolean;
  saveError: unknown;
  onSelect(id: string, on: boolean): void;
  onEdit(id: string, field: keyof ReviewFields, value: string): void;
  onTouch(id: string, field: keyof ReviewFields): void;
}

const ReviewRow = memo(function ReviewRow(props: ReviewRowProps): ReactNode {
  const { t } = useI18n();
  const { item, draft, onEdit, onTouch } = props;
  const fields = currentFields(item, draft);
  const errors = validate(fields);
  const show = (field: 'title' | 'date'): boolean => errors[field] !== undefined && (field === 'title' ? props.touchedTitle : props.touchedDate);
  const changed = !isEmptyPatch(patchOf(item, draft));
  // Every control names its column and its document: a screen reader in a 7-column row needs both.
  const name = item.title || item.file || item.id;
  const label = (column: MessageKey): string => t('import.review.fieldOf', { field: t(column), name });
  const titleError = `review-${item.id}-title-error`;
  const dateError = `review-${item.id}-date-error`;
  const detection = item.detection;
  const doubtId = (field: DetectedField): string => `review-${item.id}-${field}-doubt`;
  /** The control's description: its error, if shown, and the uncertainty mark, if any. */
  const describedBy = (field: DetectedField, error?: string): string | undefined => [error ?? '', isUncertain(detection, field) ? doubtId(field) : ''].filter(Boolean).join(' ') || undefined;
  const inputClass = (field: DetectedField): string => `cell-input${isUncertain(detection, field) ? ' is-uncertain' : ''}`;
  const doubt = (field: DetectedField, current: string): ReactNode =>
    isUncertain(detection, field) && (
      <div className="doubt-line">
        <UncertainMark detection={detection} field={field} id={doubtId(field)} />
        <CandidateChips detection={detection} field={field} current={current} onPick={(value) => onEdit(item.id, field, value)} />
      </div>
    );
  return (
    <tr className={`${props.selected ? 'row-selected' : ''}${changed ? ' row-changed' : ''}`}>
      <td className="col-check">
        <input type="checkbox" aria-label={t('import.review.select', { name })} checked={props.selected} onChange={(event) => props.onSelect(item.id, event.target.checked)} />
      </td>
      <td className="col-title">
        <input
          type="text"
          className={inputClass('title')}
          value={fields.title}
          maxLength={1000}
          aria-label={label('import.review.col.title')}
          aria-invalid={show('title') || undefined}
          aria-describedby={describedBy('title', show('title') ? titleError : undefined)}
          onChange={(event) => onEdit(item.id, 'title', event.target.value)}
          onBlur={() => onTouch(item.id, 'title')}
        />
        {doubt('title', fields.title)}
        {show('title') && errors.title && (
          <p id={titleError} className="field-error">
            {t(errors.title)}
          </p>
        )}
        {/* Named by its visible file name (WCAG 2.5.3: a spoken command must match what is seen); the title says which document it opens. */}
        <a className="review-open" href={formatRoute({ screen: 'document', id: item.id })} title={t('import.review.open', { name })}>
          {item.file ?? t('import.review.openShort')}
        </a>
        {props.saveError !== undefined && (
          <p className="field-error" role="alert">
            {errorText(t, props.saveError)}
          </p>
        )}
      </td>
      <td className="col-kind">
        <select
          value={fields.kind}
          className={isUncertain(detection, 'kind') ? 'is-uncertain' : undefined}
          aria-label={label('import.review.col.kind')}
          aria-describedby={describedBy('kind')}
          onChange={(event) => onEdit(item.id, 'kind', event.target.value)}
        >
          {KIND_CODES.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabel(t, kind)}
            </option>
          ))}
        </select>
        {doubt('kind', fields.kind)}
      </td>
      <td className="col-number">
        <input
          type="text"
          className={inputClass('number')}
          value={fields.number}
          maxLength={200}
          aria-label={label('import.review.col.number')}
          aria-describedby={describedBy('number')}
          onChange={(event) => onEdit(item.id, 'number', event.target.value)}
        />
        {doubt('number', fields.number)}
      </td>
      <td className="col-date">
        <input
          type="text"
          inputMode="numeric"
          className={inputClass('date')}
          value={fields.date}
          placeholder={t('import.review.datePlaceholder')}
          aria-label={label('import.review.col.date')}
          aria-invalid={show('date') || undefined}
          aria-describedby={describedBy('date', show('date') ? dateError : undefined)}
          onChange={(event) => onEdit(item.id, 'date', event.target.value)}
          onBlur={() => onTouch(item.id, 'date')}
        />
        {doubt('date', fields.date)}
        {show('date') && errors.date && (
          <p id={dateError} className="field-error">
            {t(errors.date)}
          </p>
        )}
      </td>
      <td className="col-issuer">
        <input
          type="text"
          className={inputClass('issuer')}
          value={fields.issuer}
          maxLength={500}
          aria-label={label('import.review.col.issuer')}
          aria-describedby={describedBy('issuer')}
          onChange={(event) => onEdit(item.id, 'issuer', event.target.value)}
        />
        {doubt('issuer', fields.issuer)}
      </td>
      <td className="col-lang">
        <select
          value={fields.lang}
          className={isUncertain(detection, 'lang') ? 'is-uncertain' : undefined}
          aria-label={label('import.review.col.lang')}
          aria-describedby={describedBy('lang')}
          onChange={(event) => onEdit(item.id, 'lang', event.target.value)}
        >
          {LANGUAGE_CODES.map((lang) => (
            <option key={lang} value={lang}>
              {langLabel(t, lang)}
            </option>
          ))}
          <option value="">{langLabel(t, null)}</option>
        </select>
        {doubt('lang', fields.lang)}
      </td>
    </tr>
  );
});
