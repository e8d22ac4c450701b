/**
 * One document: the viewer (PDF with the search words highlighted and opened at the page of the
 * hit, or the text of other formats), and the metadata panel to read and edit, with relations,
 * the linked translation, the original file, review confirmation, text recognition of scanned
 * pages (OCR) and delete with undo.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DocumentView } from '../../../../shared/contract';
import type { PageText } from '../../../../shared/domain/document';
import { createHighlighter } from '../../../../shared/search/highlight';
import type { Transport } from '../../api/transport';
import { useApp } from '../../app/context';
import { formatDate, formatDateTime } from '../../app/format';
import { Busy, ErrorNotice, langLabel, statusLabel, kindLabel } from '../../app/ui';
import { UncertainMark } from '../../app/detection';
import type { DetectedField } from '../../../../shared/metadata/types';
import { useI18n } from '../../i18n';
import { OcrTextCache } from '../../viewer/ocr';
import { PdfViewer } from '../../viewer/PdfViewer';
import { TextViewer } from '../../viewer/TextViewer';
import { MetadataForm } from './MetadataForm';
import { OcrPanel } from './OcrPanel';
import { Relations } from './Relations';
import './document.css';

type LoadState = { status: 'loading' } | { status: 'ready'; doc: DocumentView } | { status: 'error'; error: unknown };

function isPdf(doc: DocumentView): boolean {
  const file = doc.files[0];
  return !!file && (file.format === 'pdf' || file.mediaType === 'application/pdf');
}

/**
 * The recognised words of the document's OCR pages for the viewer. A new cache (the viewer then
 * rescans its hits and reloads the words on screen) only when the recognised text changed, not
 * on every reload of the pages: saving metadata must not move the viewer's current hit.
 */
function useOcrSource(transport: Transport, id: string, pages: PageText[] | null): OcrTextCache | null {
  // The OCR pages' numbers and texts, as one string a memo can compare.
  const signature = useMemo(
    () => JSON.stringify((pages ?? []).filter((page) => page.textSource === 'ocr').map((page) => [page.pageNo, page.text])),
    [pages],
  );
  const source = useMemo(() => {
    const numbers = (JSON.parse(signature) as Array<[number, string]>).map(([pageNo]) => pageNo);
    if (numbers.length === 0) return null;
    return new OcrTextCache(numbers, (pageNo, signal) => transport.withSignal(signal).invoke('documents.pageOcr', { id, pageNo }));
  }, [transport, id, signature]);
  // Requests of a replaced cache are of no use any more.
  useEffect(() => () => source?.abort(), [source]);
  return source;
}

export function DocumentScreen(): ReactNode {
  const { t } = useI18n();
  const { transport, route, navigate, archiveRevision, info } = useApp();
  const id = route.screen === 'document' ? route.id : '';
  const query = route.screen === 'document' ? (route.query ?? '') : '';
  const initialPage = route.screen === 'document' ? route.page : undefined;
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [pages, setPages] = useState<PageText[] | null>(null);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<{ text: string; undo?: () => void } | null>(null);

  // The pages come with the document: the text of other formats, and for a PDF which pages were
  // recognised by OCR or wait for it. Reloaded on every archive change (OCR finishing included).
  const load = useCallback(() => {
    let live = true;
    transport.invoke('documents.get', { id }).then(
      (doc) => live && setState({ status: 'ready', doc }),
      (error: unknown) => live && setState({ status: 'error', error }),
    );
    transport.invoke('documents.pages', { id }).then(
      (value) => live && setPages(value),
      () => live && setPages((old) => old ?? []),
    );
    return () => {
      live = false;
    };
  }, [transport, id]);
  useEffect(load, [load, archiveRevision]);

  const doc = state.status === 'ready' ? state.doc : null;
  const highlighter = useMemo(() => (query ? createHighlighter(query, doc?.lang ?? null) : null), [query, doc?.lang]);
  const translation = doc?.relations.find((relation) => relation.type === 'translation_of');
  const ocr = useOcrSource(transport, id, pages);

  const onPageChange = useCallback(
    (page: number) => {
      // Keep the page in the URL (reload and back return to it) without adding history entries.
      if (route.screen === 'document' && route.page !== page) navigate({ ...route, page }, { replace: true });
    },
    [navigate, route],
  );

  if (state.status === 'loading') return <Busy />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={load} />;
  const current = state.doc;

  const remove = async (): Promise<void> => {
    const { deleted } = await transport.invoke('documents.delete', { ids: [current.id] });
    if (deleted.length) {
      setNotice({
        text: t('document.deleted'),
        undo: () => {
          void transport.invoke('documents.restore', { ids: deleted }).then(() => setNotice(null));
        },
      });
    }
  };

  return (
    <div className="document-screen">
      <div className="document-main">
        <header className="document-header">
          <button type="button" className="link-button" onClick={() => (window.history.length > 1 ? window.history.back() : navigate({ screen: 'search', query }))}>
            ← {t('document.back')}
          </button>
          <h1 className="document-title">{current.title}</h1>
          <div className="document-actions">
            {info?.host === 'desktop' ? (
              <button type="button" className="button button-secondary" onClick={() => void transport.invoke('files.openOriginal', { documentId: current.id })}>
                {t('document.openOriginal')}
              </button>
            ) : (
              current.files[0] && (
                <a className="button button-secondary" href={transport.fileUrl(current.id, { download: true })} download={current.files[0].originalName}>
                  {t('document.download')}
                </a>
              )
            )}
            {translation && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => navigate({ screen: 'document', id: translation.otherId, ...(query ? { query } : {}) })}
              >
                {t('document.translation', { lang: langLabel(t, current.lang === 'kk' ? 'ru' : 'kk') })}
              </button>
            )}
          </div>
        </header>
        {current.needsOcr && <p className="notice document-notice">{t('document.needsOcr')}</p>}
        {current.textRepair && <p className="notice document-notice">{t('document.textRepaired')}</p>}
        <div className="document-viewer">
          {pages === null ? (
            <Busy />
          ) : isPdf(current) ? (
            <PdfViewer url={transport.fileUrl(current.id)} highlighter={highlighter} onPageChange={onPageChange} ocr={ocr} {...(initialPage ? { initialPage } : {})} />
          ) : pages.length === 0 || pages.every((page) => !page.text.trim()) ? (
            <p className="muted">{t('document.noText')}</p>
          ) : (
            <TextViewer pages={pages.map((page) => ({ page: page.pageNo, text: page.text }))} highlighter={highlighter} onPageChange={onPageChange} {...(initialPage ? { initialPage } : {})} />
          )}
        </div>
      </div>

      <aside className="document-side" aria-label={t('document.metadata')}>
        {notice && (
          <div className="toast" role="status" aria-live="polite">
            <span>{notice.text}</span>
            {notice.undo && (
              <button type="button" className="link-button" onClick={notice.undo}>
                {t('document.undo')}
              </button>
            )}
          </div>
        )}
        {current.reviewPending && (
          <div className="notice review-notice">
            <p className="notice-text">{t('document.reviewPending')}</p>
            <button type="button" className="button" onClick={() => void transport.invoke('documents.confirmReview', { ids: [current.id] }).then(load)}>
              {t('document.confirmReview')}
            </button>
          </div>
        )}
        <section className="panel metadata-panel">
          <div className="panel-heading">
            <h2 className="panel-title">{t('document.metadata')}</h2>
            {!editing && (
              <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
                {t('document.edit')}
              </button>
            )}
          </div>
          {editing ? (
            <MetadataForm
              doc={current}
              onCancel={() => setEditing(false)}
              onSaved={(saved) => {
                setState({ status: 'ready', doc: saved });
                setEditing(false);
                setNotice({ text: t('document.saved') });
              }}
            />
          ) : (
            <MetadataView doc={current} />
          )}
        </section>
        <Relations doc={current} onChanged={(saved) => setState({ status: 'ready', doc: saved })} />
        {isPdf(current) && <OcrPanel documentId={current.id} pages={pages} />}
        <button type="button" className="button button-danger delete-button" onClick={() => void remove()}>
          {t('document.delete')}
        </button>
      </aside>
    </div>
  );
}

function MetadataView({ doc }: { doc: DocumentView }): ReactNode {
  const { t } = useI18n();
  const none = t('document.notSet');
  // A value detection was unsure of carries its mark until a person sets it or confirms the review.
  const doubted = (field: DetectedField, value: ReactNode): ReactNode => (
    <>
      {value} <UncertainMark detection={doc.detection} field={field} />
    </>
  );
  const rows: Array<[string, ReactNode]> = [
    [t('document.field.kind'), doubted('kind', kindLabel(t, doc.kind))],
    [t('document.field.number'), doubted('number', doc.number ?? none)],
    [t('document.field.date'), doubted('date', doc.date ? <time dateTime={doc.date}>{formatDate(t, doc.date)}</time> : none)],
    [t('document.field.issuer'), doubted('issuer', doc.issuer ?? none)],
    [t('document.field.council'), doc.council ?? none],
    [t('document.field.status'), statusLabel(t, doc.status)],
    [t('document.field.lang'), doubted('lang', langLabel(t, doc.lang))],
    [t('document.field.tags'), doc.tags.length ? doc.tags.map((tag) => <span key={tag} className="badge tag">{tag}</span>) : none],
    [t('document.field.notes'), doc.notes || none],
    [t('document.field.file'), doc.files[0]?.originalName ?? none],
    [t('document.field.pages'), String(doc.pageCount)],
    [t('document.field.added'), formatDateTime(t, doc.createdAt)],
    [t('document.field.updated'), formatDateTime(t, doc.updatedAt)],
  ];
  return (
    <dl className="metadata-facts">
      {rows.map(([label, value]) => (
        <div key={label} className="fact-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
