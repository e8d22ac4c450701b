/**
 * The library: the whole archive without a query. Facets (kind, year, language, issuer, tag,
 * "waiting for review") narrow it, a sort orders it, pages of 50 keep it light. Documents can be
 * selected (a checkbox per row, the page at once, Shift+click for a range) and tagged, untagged
 * or deleted; a deletion can be undone from the toast that reports it.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { KindCode, LanguageCode } from '../../../../shared/domain/kinds';
import type { LibraryItem, LibraryRequest, LibraryResponse, LibrarySort } from '../../../../shared/domain/library';
import type { FacetCount } from '../../../../shared/domain/search';
import type { MessageKey } from '../../../../shared/i18n';
import { useApp } from '../../app/context';
import { formatDate, formatNumber } from '../../app/format';
import { formatRoute } from '../../app/routes';
import { EmptyState, ErrorNotice, kindLabel, langLabel } from '../../app/ui';
import { UncertainMark } from '../../app/detection';
import { useI18n } from '../../i18n';
import './library.css';

const PAGE_SIZE = 50;
/** Facet values shown before "Show all": long issuer lists would push the others off screen. */
const FACET_PREVIEW = 8;
/** The undo toast stays this long unless the pointer or focus is on it. */
const TOAST_MS = 15_000;

interface Filters {
  kinds: KindCode[];
  years: number[];
  issuers: string[];
  langs: LanguageCode[];
  tags: string[];
  reviewPending: boolean;
}

const NO_FILTERS: Filters = { kinds: [], years: [], issuers: [], langs: [], tags: [], reviewPending: false };

function hasFilters(filters: Filters): boolean {
  return filters.reviewPending || filters.kinds.length + filters.years.length + filters.issuers.length + filters.langs.length + filters.tags.length > 0;
}

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

const DEFAULT_DIRECTION: Record<LibrarySort, 'asc' | 'desc'> = { date: 'desc', added: 'desc', title: 'asc', number: 'asc' };

const SORT_LABELS: Record<LibrarySort, MessageKey> = {
  date: 'library.sort.date',
  added: 'library.sort.added',
  title: 'library.sort.title',
  number: 'library.sort.number',
};

/** Keys and values, not strings: an open toast follows a language switch. */
type Toast = { kind: 'deleted'; ids: string[] } | { kind: 'message'; key: MessageKey; params: Record<string, string | number> };

export function LibraryScreen(): ReactNode {
  const { t, locale } = useI18n();
  const { transport, archiveRevision } = useApp();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<LibrarySort>('date');
  const [direction, setDirection] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(0);
  const [response, setResponse] = useState<LibraryResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [toast, setToast] = useState<Toast | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [reloadTick, setReloadTick] = useState(0);
  const lastClicked = useRef<number | null>(null);

  const request = useMemo<LibraryRequest>(
    () => ({
      sort,
      direction,
      limit: PAGE_SIZE,
      offset: page * PAGE_SIZE,
      ...(filters.kinds.length ? { kinds: filters.kinds } : {}),
      ...(filters.years.length ? { years: filters.years } : {}),
      ...(filters.issuers.length ? { issuers: filters.issuers } : {}),
      ...(filters.langs.length ? { langs: filters.langs } : {}),
      ...(filters.tags.length ? { tags: filters.tags } : {}),
      ...(filters.reviewPending ? { reviewPending: true } : {}),
    }),
    [filters, sort, direction, page],
  );

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    transport
      .withSignal(controller.signal)
      .invoke('library.browse', request)
      .then(
        (value) => {
          // After a deletion the last page may be gone: step back to the last one that exists.
          const lastPage = Math.max(0, Math.ceil(value.total / PAGE_SIZE) - 1);
          if (page > lastPage) {
            setPage(lastPage);
            return;
          }
          setResponse(value);
          setError(null);
          setLoading(false);
          const present = new Set(value.items.map((item) => item.id));
          setSelected((previous) => (previous.size ? new Set([...previous].filter((id) => present.has(id))) : previous));
        },
        (cause: unknown) => {
          if (controller.signal.aborted) return;
          setError(cause);
          setLoading(false);
        },
      );
    return () => controller.abort();
  }, [transport, request, page, archiveRevision, reloadTick]);

  const reload = useCallback(() => setReloadTick((n) => n + 1), []);

  const changeFilters = (next: Filters): void => {
    setFilters(next);
    setPage(0);
    setSelected(new Set());
    lastClicked.current = null;
  };

  const changePage = (next: number): void => {
    setPage(next);
    setSelected(new Set());
    lastClicked.current = null;
  };

  const items = response?.items ?? [];

  const onRowCheck = (index: number, event: MouseEvent<HTMLInputElement>): void => {
    const item = items[index];
    if (!item) return;
    const on = event.currentTarget.checked;
    // Read now: the state updater runs later, after lastClicked has moved to this row.
    const anchor = event.shiftKey ? lastClicked.current : null;
    const range = anchor === null ? [item] : items.slice(Math.min(anchor, index), Math.max(anchor, index) + 1);
    lastClicked.current = index;
    setSelected((previous) => {
      const next = new Set(previous);
      // Shift+click selects (or clears) everything between the last click and this one.
      for (const each of range) {
        if (on) next.add(each.id);
        else next.delete(each.id);
      }
      return next;
    });
  };

  const selectedIds = items.filter((item) => selected.has(item.id)).map((item) => item.id);

  const run = async (action: () => Promise<void>): Promise<void> => {
    setActionError(null);
    try {
      await action();
    } catch (cause) {
      setActionError(cause);
    }
  };

  const addTag = (tag: string): Promise<void> =>
    run(async () => {
      const { changed } = await transport.invoke('documents.tag', { ids: selectedIds, add: [tag] });
      setToast({ kind: 'message', key: 'library.tagAdded', params: { tag, count: changed } });
      reload();
    });

  const removeTag = (tag: string): Promise<void> =>
    run(async () => {
      const { changed } = await transport.invoke('documents.tag', { ids: selectedIds, remove: [tag] });
      setToast({ kind: 'message', key: 'library.tagRemoved', params: { tag, count: changed } });
      reload();
    });

  const deleteSelected = (): Promise<void> =>
    run(async () => {
      const { deleted } = await transport.invoke('documents.delete', { ids: selectedIds });
      setSelected(new Set());
      lastClicked.current = null;
      setToast({ kind: 'deleted', ids: deleted });
      reload();
    });

  const undo = (ids: string[]): Promise<void> =>
    run(async () => {
      const { restored } = await transport.invoke('documents.restore', { ids });
      setToast({ kind: 'message', key: 'library.restored', params: { count: restored.length } });
      reload();
    });

  const total = response?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const emptyArchive = response !== null && total === 0 && !hasFilters(filters);
  const allOnPage = items.length > 0 && items.every((item) => selected.has(item.id));
  const someOnPage = selectedIds.length > 0 && !allOnPage;

  return (
    <div className="library-screen">
      <div className="library-head">
        <h1 className="screen-title">{t('library.title')}</h1>
        {response && (
          <p className="library-total" role="status" aria-live="polite">
            {t('library.total', { count: formatNumber(locale, total) })}
          </p>
        )}
      </div>
      {error !== null && <ErrorNotice error={error} onRetry={reload} />}
      {emptyArchive ? (
        <EmptyState title={t('library.empty')}>
          <p>{t('library.emptyHelp')}</p>
          <a className="button" href={formatRoute({ screen: 'import' })}>
            {t('library.goImport')}
          </a>
        </EmptyState>
      ) : (
        <div className="library-body">
          <aside className="library-facets" aria-label={t('library.filters')}>
            {response && <FacetPanel response={response} filters={filters} onFilters={changeFilters} />}
          </aside>
          <section className="library-main" aria-labelledby="library-list-heading" aria-busy={loading}>
            <h2 id="library-list-heading" className="visually-hidden">
              {t('library.list')}
            </h2>
            <div className="library-controls">
              <label className="inline-field">
                <span className="field-label">{t('library.sort')}</span>
                <select
                  value={sort}
                  onChange={(event) => {
                    const next = event.target.value as LibrarySort;
                    setSort(next);
                    setDirection(DEFAULT_DIRECTION[next]);
                    changePage(0);
                  }}
                >
                  {(Object.keys(SORT_LABELS) as LibrarySort[]).map((key) => (
                    <option key={key} value={key}>
                      {t(SORT_LABELS[key])}
                    </option>
                  ))}
                </select>
              </label>
              <label className="inline-field">
                <span className="field-label">{t('library.direction')}</span>
                <select
                  value={direction}
                  onChange={(event) => {
                    setDirection(event.target.value as 'asc' | 'desc');
                    changePage(0);
                  }}
                >
                  <option value="asc">{t(sort === 'date' || sort === 'added' ? 'library.direction.oldFirst' : 'library.direction.asc')}</option>
                  <option value="desc">{t(sort === 'date' || sort === 'added' ? 'library.direction.newFirst' : 'library.direction.desc')}</option>
                </select>
              </label>
              {hasFilters(filters) && (
                <button type="button" className="link-button" onClick={() => changeFilters(NO_FILTERS)}>
                  {t('library.clearFilters')}
                </button>
              )}
            </div>

            <SelectionBar
              count={selectedIds.length}
              tagSuggestions={response?.facets.tag.map((count) => count.value) ?? []}
              selectedTags={[...new Set(items.filter((item) => selected.has(item.id)).flatMap((item) => item.tags))].sort()}
              onAddTag={(tag) => void addTag(tag)}
              onRemoveTag={(tag) => void removeTag(tag)}
              onDelete={() => void deleteSelected()}
              onClear={() => setSelected(new Set())}
            />
            {actionError !== null && <ErrorNotice error={actionError} />}

            {response && total === 0 ? (
              <EmptyState title={t('library.noMatch')}>
                <button type="button" className="button" onClick={() => changeFilters(NO_FILTERS)}>
                  {t('library.clearFilters')}
                </button>
              </EmptyState>
            ) : (
              <div className="library-table-scroll">
                <table className="library-table">
                  <caption className="visually-hidden">{t('library.caption', { page: page + 1, pages })}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="lib-check">
                        <input
                          type="checkbox"
                          aria-label={t('library.selectPage')}
                          checked={allOnPage}
                          disabled={items.length === 0}
                          ref={(element) => {
                            if (element) element.indeterminate = someOnPage;
                          }}
                          onChange={() => {
                            setSelected(allOnPage ? new Set() : new Set(items.map((item) => item.id)));
                            lastClicked.current = null;
                          }}
                        />
                      </th>
                      <th scope="col" className="lib-title">{t('library.col.title')}</th>
                      <th scope="col">{t('library.col.kind')}</th>
                      <th scope="col">{t('library.col.number')}</th>
                      <th scope="col" className="lib-date">{t('library.col.date')}</th>
                      <th scope="col" className="lib-issuer">{t('library.col.issuer')}</th>
                      <th scope="col">{t('library.col.lang')}</th>
                      <th scope="col" className="lib-tags">{t('library.col.tags')}</th>
                      <th scope="col" className="lib-num">{t('library.col.pages')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item, index) => (
                      <LibraryRow key={item.id} item={item} index={index} selected={selected.has(item.id)} onCheck={onRowCheck} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {pages > 1 && (
              <nav className="pager" aria-label={t('library.pages')}>
                <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => changePage(page - 1)}>
                  {t('library.prev')}
                </button>
                <span className="pager-status">{t('library.pageOf', { page: formatNumber(locale, page + 1), pages: formatNumber(locale, pages) })}</span>
                <button type="button" className="button button-secondary" disabled={page >= pages - 1} onClick={() => changePage(page + 1)}>
                  {t('library.next')}
                </button>
              </nav>
            )}
          </section>
        </div>
      )}
      <ToastArea toast={toast} onUndo={(ids) => void undo(ids)} onClose={() => setToast(null)} />
    </div>
  );
}

function LibraryRow(props: { item: LibraryItem; index: number; selected: boolean; onCheck(index: number, event: MouseEvent<HTMLInputElement>): void }): ReactNode {
  const { t, locale } = useI18n();
  const { item } = props;
  return (
    <tr className={props.selected ? 'row-selected' : undefined}>
      <td className="lib-check">
        {/* onClick, not onChange: only the click event knows whether Shift was held. */}
        <input type="checkbox" aria-label={t('library.select', { title: item.title })} checked={props.selected} onChange={() => undefined} onClick={(event) => props.onCheck(props.index, event)} />
      </td>
      <td className="lib-title">
        {/* Long official titles are clamped to three lines; the full title is the link's tooltip. */}
        <a className="lib-title-link" href={formatRoute({ screen: 'document', id: item.id })} title={item.title}>
          {item.title}
        </a>
        {(item.reviewPending || item.needsOcr) && (
          <span className="lib-flags">
            {item.reviewPending && <span className="badge badge-review">{t('library.reviewBadge')}</span>}
            {item.detection && item.detection.uncertain.length > 0 && (
              <span className="badge badge-warn">{t('detection.toCheck', { fields: item.detection.uncertain.map((field) => t(`document.field.${field}`)).join(', ') })}</span>
            )}
            {item.needsOcr && <span className="badge badge-warn">{t('library.needsOcr')}</span>}
          </span>
        )}
      </td>
      <td>
        {kindLabel(t, item.kind)} <UncertainMark detection={item.detection} field="kind" />
      </td>
      <td className="lib-number">
        {item.number ?? ''} <UncertainMark detection={item.detection} field="number" />
      </td>
      <td className="lib-date">
        {item.date ? <time dateTime={item.date}>{formatDate(t, item.date)}</time> : ''} <UncertainMark detection={item.detection} field="date" />
      </td>
      <td className="lib-issuer">
        {item.issuer ?? ''} <UncertainMark detection={item.detection} field="issuer" />
      </td>
      <td>
        {item.lang ? langLabel(t, item.lang) : ''} <UncertainMark detection={item.detection} field="lang" />
      </td>
      <td className="lib-tags">
        {item.tags.length > 0 && (
          <ul className="tag-list">
            {item.tags.map((tag) => (
              <li key={tag} className="tag" title={tag}>
                {tag}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="lib-num">{formatNumber(locale, item.pageCount)}</td>
    </tr>
  );
}

function SelectionBar(props: {
  count: number;
  tagSuggestions: string[];
  selectedTags: string[];
  onAddTag(tag: string): void;
  onRemoveTag(tag: string): void;
  onDelete(): void;
  onClear(): void;
}): ReactNode {
  const { t } = useI18n();
  const [tag, setTag] = useState('');
  const [removeTag, setRemoveTag] = useState('');
  const none = props.count === 0;
  const cleanTag = tag.trim();
  return (
    <div className={`selection-bar${none ? ' selection-bar-idle' : ''}`} role="group" aria-label={t('library.actions')}>
      <span className="selection-count" aria-live="polite">
        {none ? t('library.selectHint') : t('library.selected', { count: props.count })}
      </span>
      <form
        className="selection-action"
        onSubmit={(event) => {
          event.preventDefault();
          if (none || !cleanTag) return;
          props.onAddTag(cleanTag);
          setTag('');
        }}
      >
        <label className="visually-hidden" htmlFor="library-add-tag">
          {t('library.tagName')}
        </label>
        <input id="library-add-tag" type="text" list="library-tag-list" value={tag} maxLength={100} placeholder={t('library.tagName')} disabled={none} onChange={(event) => setTag(event.target.value)} />
        <datalist id="library-tag-list">
          {props.tagSuggestions.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
        <button type="submit" className="button button-secondary" disabled={none || !cleanTag}>
          {t('library.addTag')}
        </button>
      </form>
      {props.selectedTags.length > 0 && (
        <div className="selection-action">
          <label className="visually-hidden" htmlFor="library-remove-tag">
            {t('library.removeTagWhich')}
          </label>
          <select id="library-remove-tag" value={removeTag} disabled={none} onChange={(event) => setRemoveTag(event.target.value)}>
            <option value="">{t('library.removeTagWhich')}</option>
            {props.selectedTags.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-secondary"
            disabled={none || !removeTag}
            onClick={() => {
              props.onRemoveTag(removeTag);
              setRemoveTag('');
            }}
          >
            {t('library.removeTag')}
          </button>
        </div>
      )}
      <button type="button" className="button button-danger selection-delete" disabled={none} onClick={props.onDelete}>
        {t('library.delete')}
      </button>
      {!none && (
        <button type="button" className="link-button" onClick={props.onClear}>
          {t('library.clearSelection')}
        </button>
      )}
    </div>
  );
}

function ToastArea(props: { toast: Toast | null; onUndo(ids: string[]): void; onClose(): void }): ReactNode {
  const { t } = useI18n();
  const { toast, onClose } = props;
  const [held, setHeld] = useState(false);
  const undoRef = useRef<HTMLButtonElement>(null);
  // The deleted rows (and the focus on their checkboxes) are gone: keyboard focus goes to the way back.
  useEffect(() => {
    if (toast?.kind === 'deleted') undoRef.current?.focus();
  }, [toast]);
  useEffect(() => {
    if (!toast || held) return;
    const timer = window.setTimeout(onClose, TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast, held, onClose]);
  useEffect(() => setHeld(false), [toast]);
  // The live region is always in the page: a region added together with its text is often not read.
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast" onMouseEnter={() => setHeld(true)} onFocus={() => setHeld(true)}>
          <span className="toast-text">{toast.kind === 'deleted' ? t('library.deleted', { count: toast.ids.length }) : t(toast.key, toast.params)}</span>
          {toast.kind === 'deleted' && toast.ids.length > 0 && (
            <button ref={undoRef} type="button" className="toast-undo" onClick={() => props.onUndo(toast.ids)}>
              {t('library.undo')}
            </button>
          )}
          <button type="button" className="toast-close" aria-label={t('library.closeToast')} onClick={onClose}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

function FacetPanel(props: { response: LibraryResponse; filters: Filters; onFilters(filters: Filters): void }): ReactNode {
  const { t, locale } = useI18n();
  const { response, filters, onFilters } = props;
  return (
    <>
      <label className="review-filter">
        <input type="checkbox" checked={filters.reviewPending} onChange={() => onFilters({ ...filters, reviewPending: !filters.reviewPending })} />
        <span>{t('library.reviewFilter', { count: formatNumber(locale, response.reviewPending) })}</span>
      </label>
      <FacetGroup
        title={t('library.facet.kind')}
        counts={response.facets.kind}
        selected={filters.kinds}
        label={(value) => kindLabel(t, value)}
        onToggle={(value) => onFilters({ ...filters, kinds: toggle(filters.kinds, value as KindCode) })}
      />
      <FacetGroup
        title={t('library.facet.year')}
        counts={response.facets.year}
        selected={filters.years.map(String)}
        label={(value) => value}
        onToggle={(value) => onFilters({ ...filters, years: toggle(filters.years, Number(value)) })}
      />
      <FacetGroup
        title={t('library.facet.lang')}
        counts={response.facets.lang}
        selected={filters.langs}
        label={(value) => langLabel(t, value)}
        onToggle={(value) => onFilters({ ...filters, langs: toggle(filters.langs, value as LanguageCode) })}
      />
      <FacetGroup
        title={t('library.facet.issuer')}
        counts={response.facets.issuer}
        selected={filters.issuers}
        label={(value) => value}
        onToggle={(value) => onFilters({ ...filters, issuers: toggle(filters.issuers, value) })}
      />
      <FacetGroup title={t('library.facet.tag')} counts={response.facets.tag} selected={filters.tags} label={(value) => value} onToggle={(value) => onFilters({ ...filters, tags: toggle(filters.tags, value) })} />
    </>
  );
}

function FacetGroup(props: { title: string; counts: FacetCount[]; selected: readonly string[]; label(value: string): string; onToggle(value: string): void }): ReactNode {
  const { t, locale } = useI18n();
  const [expanded, setExpanded] = useState(false);
  // Selected values stay visible even when the other filters leave none of them.
  const values = [...props.counts];
  for (const value of props.selected) if (!values.some((count) => count.value === value)) values.push({ value, count: 0 });
  if (values.length === 0) return null;
  const shown = expanded ? values : values.filter((count, index) => index < FACET_PREVIEW || props.selected.includes(count.value));
  return (
    <fieldset className="lib-facet">
      <legend className="lib-facet-title">{props.title}</legend>
      <ul className="lib-facet-list">
        {shown.map((count) => (
          <li key={count.value}>
            <label className="lib-facet-option">
              <input type="checkbox" checked={props.selected.includes(count.value)} onChange={() => props.onToggle(count.value)} />
              <span className="lib-facet-label">{props.label(count.value)}</span>
              <span className="lib-facet-count">{formatNumber(locale, count.count)}</span>
            </label>
          </li>
        ))}
      </ul>
      {values.length > FACET_PREVIEW && (
        <button type="button" className="link-button lib-facet-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('library.facetLess') : t('library.facetAll', { count: formatNumber(locale, values.length) })}
        </button>
      )}
    </fieldset>
  );
}
