/**
 * Editing a document's metadata. Fields are checked as the user types (a real date, a title),
 * only changed fields are sent, and the save names the version that was read, so an edit made
 * meanwhile elsewhere (a bundle import) is reported instead of silently overwritten. A field
 * detection was unsure of is marked, and what detection found is offered as one-click choices
 * that fill the field (app/detection.tsx); saving it settles the field and its mark goes.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { DocumentView } from '../../../../shared/contract';
import { DOCUMENT_STATUSES, KIND_CODES, LANGUAGE_CODES, type DocumentStatus, type KindCode, type LanguageCode } from '../../../../shared/domain/kinds';
import type { DocumentPatch } from '../../../../shared/domain/library';
import { isValidIsoDate, splitTags } from '../../../../shared/domain/validate';
import type { MessageKey } from '../../../../shared/i18n';
import { DETECTED_FIELDS, type DetectedField } from '../../../../shared/metadata/types';
import { CandidateChips, isUncertain, UncertainMark } from '../../app/detection';
import { useApp } from '../../app/context';
import { ErrorNotice, kindLabel, langLabel, statusLabel } from '../../app/ui';
import { useI18n } from '../../i18n';

interface Draft {
  title: string;
  kind: KindCode;
  number: string;
  date: string;
  issuer: string;
  council: string;
  status: DocumentStatus;
  lang: LanguageCode | '';
  tags: string;
  notes: string;
}

function draftOf(doc: DocumentView): Draft {
  return {
    title: doc.title,
    kind: doc.kind,
    number: doc.number ?? '',
    date: doc.date ?? '',
    issuer: doc.issuer ?? '',
    council: doc.council ?? '',
    status: doc.status,
    lang: doc.lang ?? '',
    tags: doc.tags.join(', '),
    notes: doc.notes,
  };
}

export function validateDraft(draft: Draft): Partial<Record<keyof Draft, MessageKey>> {
  const problems: Partial<Record<keyof Draft, MessageKey>> = {};
  if (!draft.title.trim()) problems.title = 'document.invalid.title';
  if (draft.date.trim() && !isValidIsoDate(draft.date.trim())) problems.date = 'document.invalid.date';
  if (splitTags(draft.tags).some((tag) => tag.length > 100)) problems.tags = 'document.invalid.tags';
  return problems;
}

/** Only what changed, in the contract's shape (blank optional fields become null). */
export function patchOf(doc: DocumentView, draft: Draft): DocumentPatch {
  const patch: DocumentPatch = {};
  const optional = (value: string): string | null => (value.trim() ? value.trim() : null);
  if (draft.title.trim() !== doc.title) patch.title = draft.title.trim();
  if (draft.kind !== doc.kind) patch.kind = draft.kind;
  if (optional(draft.number) !== doc.number) patch.number = optional(draft.number);
  if (optional(draft.date) !== doc.date) patch.date = optional(draft.date);
  if (optional(draft.issuer) !== doc.issuer) patch.issuer = optional(draft.issuer);
  if (optional(draft.council) !== doc.council) patch.council = optional(draft.council);
  if (draft.status !== doc.status) patch.status = draft.status;
  if ((draft.lang || null) !== doc.lang) patch.lang = draft.lang || null;
  const tags = splitTags(draft.tags);
  if (tags.join('\u0000') !== doc.tags.join('\u0000')) patch.tags = tags;
  if (draft.notes.trim() !== doc.notes) patch.notes = draft.notes.trim();
  return patch;
}

export function MetadataForm(props: { doc: DocumentView; onSaved: (doc: DocumentView) => void; onCancel: () => void }): ReactNode {
  const { t } = useI18n();
  const { transport } = useApp();
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.doc));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [touched, setTouched] = useState(false);
  const idPrefix = useId();
  const problems = validateDraft(draft);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(problems).length) return;
    const patch = patchOf(props.doc, draft);
    if (Object.keys(patch).length === 0) {
      props.onCancel();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      props.onSaved(await transport.invoke('documents.update', { id: props.doc.id, patch, expectedVersion: props.doc.version }));
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  const field = (key: keyof Draft, label: MessageKey, input: (id: string, invalid: boolean, describedBy: string | undefined) => ReactNode, hint?: MessageKey): ReactNode => {
    const id = `${idPrefix}-${key}`;
    const problem = touched || draft[key] !== draftOf(props.doc)[key] ? problems[key] : undefined;
    const detected = (DETECTED_FIELDS as readonly string[]).includes(key) ? (key as DetectedField) : null;
    const doubted = detected !== null && isUncertain(props.doc.detection, detected);
    const describedBy = [problem ? `${id}-error` : '', hint ? `${id}-hint` : '', doubted ? `${id}-doubt` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className={doubted ? 'field field-uncertain' : 'field'}>
        {/* The mark sits beside the label, not in it: the control is described by it, not named. */}
        <div className="field-head">
          <label className="field-label" htmlFor={id}>
            {t(label)}
          </label>
          {doubted && <UncertainMark detection={props.doc.detection} field={detected} id={`${id}-doubt`} />}
        </div>
        {input(id, !!problem, describedBy)}
        {doubted && <CandidateChips detection={props.doc.detection} field={detected} current={draft[key]} onPick={(value) => set(key, value as Draft[typeof key])} />}
        {hint && (
          <span id={`${id}-hint`} className="field-hint">
            {t(hint)}
          </span>
        )}
        {problem && (
          <p id={`${id}-error`} className="field-error">
            {t(problem)}
          </p>
        )}
      </div>
    );
  };

  return (
    <form className="metadata-form" onSubmit={(event) => void submit(event)} noValidate>
      {field('title', 'document.field.title', (id, invalid, describedBy) => (
        <textarea id={id} rows={3} value={draft.title} aria-invalid={invalid} aria-describedby={describedBy} required onChange={(e) => set('title', e.target.value)} />
      ))}
      {field('kind', 'document.field.kind', (id) => (
        <select id={id} value={draft.kind} onChange={(e) => set('kind', e.target.value as KindCode)}>
          {KIND_CODES.map((code) => (
            <option key={code} value={code}>
              {kindLabel(t, code)}
            </option>
          ))}
        </select>
      ))}
      <div className="field-pair">
        {field('number', 'document.field.number', (id) => <input id={id} type="text" value={draft.number} onChange={(e) => set('number', e.target.value)} />)}
        {field('date', 'document.field.date', (id, invalid, describedBy) => (
          <input id={id} type="text" inputMode="numeric" placeholder={t('document.field.datePlaceholder')} value={draft.date} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => set('date', e.target.value)} />
        ))}
      </div>
      {field('issuer', 'document.field.issuer', (id) => <input id={id} type="text" value={draft.issuer} onChange={(e) => set('issuer', e.target.value)} />)}
      {field('council', 'document.field.council', (id) => <input id={id} type="text" value={draft.council} onChange={(e) => set('council', e.target.value)} />)}
      <div className="field-pair">
        {field('status', 'document.field.status', (id) => (
          <select id={id} value={draft.status} onChange={(e) => set('status', e.target.value as DocumentStatus)}>
            {DOCUMENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(t, status)}
              </option>
            ))}
          </select>
        ))}
        {field('lang', 'document.field.lang', (id) => (
          <select id={id} value={draft.lang} onChange={(e) => set('lang', e.target.value as LanguageCode | '')}>
            <option value="">{langLabel(t, null)}</option>
            {LANGUAGE_CODES.map((code) => (
              <option key={code} value={code}>
                {langLabel(t, code)}
              </option>
            ))}
          </select>
        ))}
      </div>
      {field(
        'tags',
        'document.field.tags',
        (id, invalid, describedBy) => <input id={id} type="text" value={draft.tags} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => set('tags', e.target.value)} />,
        'document.field.tagsHint',
      )}
      {field('notes', 'document.field.notes', (id) => <textarea id={id} rows={3} value={draft.notes} onChange={(e) => set('notes', e.target.value)} />)}
      {error !== null && <ErrorNotice error={error} />}
      <div className="form-actions">
        <button type="submit" className="button" disabled={saving}>
          {t('document.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          {t('document.cancel')}
        </button>
      </div>
    </form>
  );
}
