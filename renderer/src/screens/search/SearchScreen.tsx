/**
 * The search screen: one box, results as you type (each keystroke cancels the request before
 * it), facets with counts, a date range, sort, snippets with the matched words marked, the pages
 * that matched (flagged when their text was recognised from a scan), "did you mean", title/number
 * matches from the quick finder, and keyboard
 * navigation (↑↓ move, Enter opens; `/` and Ctrl+K come back to the box from anywhere).
 */
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { DocumentSummary } from '../../../../shared/domain/document';
import type { KindCode, LanguageCode } from '../../../../shared/domain/kinds';
import type { FacetCount, QuickFindHit, SearchHit, SearchResponse, SearchSort } from '../../../../shared/domain/search';
import type { ArchiveStats } from '../../../../shared/domain/document';
import { createHighlighter, type Highlighter } from '../../../../shared/search/highlight';
import { isAbortError } from '../../api/transport';
import { SEARCH_INPUT_ID, useApp } from '../../app/context';
import { formatDate, formatNumber } from '../../app/format';
import { formatRoute } from '../../app/routes';
import { ErrorNotice, kindLabel, langLabel } from '../../app/ui';
import { useI18n } from '../../i18n';
import { Snippet } from './snippet';
import './search.css';

/** Short enough that results follow typing; each new keystroke aborts the previous request. */
const TYPING_DELAY_MS = 15;
const PAGE_SIZE = 20;
const URL_DELAY_MS = 400;
const QUICK_FIND_DELAY_MS = 120;

interface Filters {
  kinds: KindCode[];
  langs: LanguageCode[];
  years: string[];
  issuers: string[];
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { kinds: [], langs: [], years: [], issuers: [], from: '', to: '' };

function hasFilters(filters: Filters): boolean {
  return filters.kinds.length + filters.langs.length + filters.years.length + filters.issuers.length > 0 || !!filters.from || !!filters.to;
}

/** Year and issuer facets travel as query filters (`year:2016,2018 issuer:"…"`), the others as fields. */
function composeQuery(text: string, filters: Filters): string {
  const parts = [text.trim()];
  if (filters.years.length) parts.push(`year:${filters.years.join(',')}`);
  for (const issuer of filters.issuers) parts.push(`issuer:"${issuer.replace(/"/g, ' ')}"`);
  return parts.filter(Boolean).join(' ');
}

/** The typed words (without facet filters) each response answers: for marks and links. */
const shownTextOf = new WeakMap<SearchResponse, string>();

type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; previous: SearchResponse | null }
  | { status: 'ready'; response: SearchResponse }
  | { status: 'error'; error: unknown };

/** One word for the highlighter's query language: quoted when it has characters the language reads (`-`, `:`). */
function quoteWord(word: string): string {
  return /^[\p{L}\p{N}]+\*?$/u.test(word) ? word : `"${word.replace(/"/g, ' ')}"`;
}

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

export function SearchScreen(): ReactNode {
  const { t, locale } = useI18n();
  const { transport, route, navigate, archiveRevision } = useApp();
  const initialQuery = route.screen === 'search' ? route.query : '';
  const [text, setText] = useState(initialQuery);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<SearchSort>('relevance');
  const [limit, setLimit] = useState(PAGE_SIZE);
  // "Search instead for …": the words as typed, without replacing unknown words by archive words.
  const [asTyped, setAsTyped] = useState(false);
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const [titleHits, setTitleHits] = useState<QuickFindHit[]>([]);
  const listRef = useRef<HTMLOListElement>(null);

  // The URL follows the query (replace: typing is not history), so reload and back keep it.
  // After a pause in typing: each route change re-renders the whole app.
  useEffect(() => {
    if (route.screen !== 'search' || route.query === text) return;
    const timer = window.setTimeout(() => navigate({ screen: 'search', query: text }, { replace: true }), URL_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, route, navigate]);

  const query = composeQuery(text, filters);
  const typedWords = text.trim();
  const active_ = query.trim().length > 0 || hasFilters(filters);

  useEffect(() => {
    if (!active_) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', previous: previous.status === 'ready' ? previous.response : previous.status === 'loading' ? previous.previous : null }));
    const timer = window.setTimeout(() => {
      transport
        .withSignal(controller.signal)
        .invoke('search.query', {
          query,
          sort,
          limit,
          offset: 0,
          ...(asTyped ? { asTyped: true } : {}),
          ...(filters.kinds.length ? { kinds: filters.kinds } : {}),
          ...(filters.langs.length ? { langs: filters.langs } : {}),
          ...(filters.from ? { from: filters.from } : {}),
          ...(filters.to ? { to: filters.to } : {}),
        })
        .then(
          (response) => {
            // Marks follow the words the core searched: an abbreviation's full form, a date or a
            // translation found, the archive word that replaced a typo; not the question words left out.
            shownTextOf.set(response, response.highlightWords.length ? response.highlightWords.map(quoteWord).join(' ') : typedWords);
            setState({ status: 'ready', response });
          },
          (error: unknown) => {
            if (!isAbortError(error)) setState({ status: 'error', error });
          },
        );
    }, TYPING_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [transport, query, typedWords, sort, limit, filters, active_, archiveRevision, asTyped]);

  // The quick finder answers titles and numbers ("383-V", "Конституция") instantly.
  useEffect(() => {
    const plain = text.trim();
    if (plain.length < 2 || /\w+:/.test(plain)) {
      setTitleHits([]);
      return;
    }
    const controller = new AbortController();
    // After the search itself: both share the core's one thread, and results matter more.
    const timer = window.setTimeout(() => {
      transport
        .withSignal(controller.signal)
        .invoke('search.quickFind', { text: plain, limit: 5 })
        .then(setTitleHits, () => setTitleHits([]));
    }, QUICK_FIND_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [transport, text, archiveRevision]);

  // A new query starts at the first page.
  useEffect(() => setLimit(PAGE_SIZE), [query, sort]);
  // A new query is searched with its typos corrected again.
  useEffect(() => setAsTyped(false), [query]);

  const response = state.status === 'ready' ? state.response : state.status === 'loading' ? state.previous : null;
  // Marks and links follow the words of the results on screen, not the letters being typed, so
  // the cards re-render only when new results arrive.
  const shownWords = response ? (shownTextOf.get(response) ?? '') : '';
  const highlighter = useMemo<Highlighter | null>(() => createHighlighter(shownWords), [shownWords]);
  const hits = response?.hits ?? [];

  /**
   * ↓ from the box moves focus to the first result's title; ↑/↓ move between titles (↑ from the
   * first goes back to the box); Enter opens the focused title, as any link. Real focus, not an
   * active-descendant, because each result holds several links (its pages).
   */
  const titleLinks = (): HTMLAnchorElement[] => [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('.hit-title a') ?? [])];
  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' && hits.length) {
      event.preventDefault();
      titleLinks()[0]?.focus();
    } else if (event.key === 'Escape' && text) {
      event.preventDefault();
      setText('');
    }
  };
  const onListKeyDown = (event: KeyboardEvent<HTMLOListElement>): void => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = titleLinks();
    const current = links.findIndex((link) => link === document.activeElement || link.closest('.hit')?.contains(document.activeElement));
    if (current < 0) return;
    event.preventDefault();
    if (event.key === 'ArrowDown') links[Math.min(links.length - 1, current + 1)]?.focus();
    else if (current === 0) document.getElementById(SEARCH_INPUT_ID)?.focus();
    else links[current - 1]?.focus();
  };

  return (
    <div className="search-screen">
      <form className="search-bar" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id={SEARCH_INPUT_ID}
          className="search-input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={text}
          placeholder={t('search.placeholder')}
          aria-describedby="search-hint"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onSearchKeyDown}
        />
        {text && (
          <button type="button" className="search-clear" aria-label={t('search.clear')} onClick={() => setText('')}>
            ×
          </button>
        )}
        <p id="search-hint" className="search-hint">
          {t('search.shortcutHint')}
        </p>
      </form>

      {!active_ ? (
        <SearchHome />
      ) : (
        <div className="search-body">
          <aside className="facets" aria-label={t('search.filters')}>
            <SearchControls sort={sort} onSort={setSort} filters={filters} onFilters={setFilters} />
            {response && <Facets response={response} filters={filters} onFilters={setFilters} />}
          </aside>
          <section className="results" aria-labelledby="results-heading" aria-busy={state.status === 'loading'}>
            <h2 id="results-heading" className="visually-hidden">
              {t('search.results')}
            </h2>
            {state.status === 'error' && <ErrorNotice error={state.error} />}
            {response && (
              <p className="results-summary" role="status" aria-live="polite">
                {t(response.totalIsEstimate ? 'search.totalEstimate' : 'search.total', { count: formatNumber(locale, response.total) })}
                <span className="results-took"> · {t('search.took', { ms: formatNumber(locale, response.tookMs, 0) })}</span>
              </p>
            )}
            {response && response.fullMatches < response.total && (
              <p className="results-partial">{t('search.partialSummary', { full: formatNumber(locale, response.fullMatches), partial: formatNumber(locale, response.total - response.fullMatches) })}</p>
            )}
            {response && response.corrections.length > 0 && (
              <p className="results-corrected">
                {t('search.showingResultsFor', { words: response.corrections.map((correction) => correction.searched).join(', ') })}{' '}
                {t('search.searchInsteadFor')}{' '}
                <button type="button" className="link-button" onClick={() => setAsTyped(true)}>
                  {response.corrections.map((correction) => correction.typed).join(', ')}
                </button>
              </p>
            )}
            {response && response.ignoredWords.length > 0 && <p className="results-ignored">{t('search.ignoredWords', { words: response.ignoredWords.join(', ') })}</p>}
            {response && response.warnings.length > 0 && <p className="results-warning">{t('search.warning')}</p>}
            {response?.didYouMean && (
              <p className="did-you-mean">
                {t('search.didYouMean')}{' '}
                <button type="button" className="link-button" onClick={() => setText(response.didYouMean ?? '')}>
                  {response.didYouMean}
                </button>
              </p>
            )}
            {titleHits.length > 0 && (
              <div className="title-hits">
                <h3 className="title-hits-heading">{t('search.titleMatches')}</h3>
                <ul>
                  {titleHits.map((hit) => (
                    <li key={hit.id}>
                      <a href={formatRoute({ screen: 'document', id: hit.id })}>
                        {hit.number && <span className="doc-number">№ {hit.number}</span>} {hit.title}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {response && response.total === 0 && state.status === 'ready' && (
              <div className="empty-state">
                <h3 className="empty-title">{t('search.noResults', { query: text.trim() || query })}</h3>
                <p>{t('search.noResultsHelp')}</p>
                {hasFilters(filters) && (
                  <button type="button" className="button" onClick={() => setFilters(NO_FILTERS)}>
                    {t('search.clearFilters')}
                  </button>
                )}
              </div>
            )}
            <ol id="search-results" className="hit-list" ref={listRef} aria-label={t('search.resultsList')} data-query={response?.query ?? ''} onKeyDown={onListKeyDown}>
              {hits.map((hit) => (
                <HitCard key={hit.id} hit={hit} highlighter={highlighter} query={shownWords} />
              ))}
            </ol>
            {response && hits.length < response.total && hits.length === limit && (
              <button type="button" className="button more-button" onClick={() => setLimit((n) => n + PAGE_SIZE)}>
                {t('search.more')}
              </button>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

/** Memoized: while the next results load, the cards on screen do not re-render. */
const HitCard = memo(function HitCard(props: { hit: SearchHit; highlighter: Highlighter | null; query: string }): ReactNode {
  const { t } = useI18n();
  const { hit, highlighter, query } = props;
  const href = formatRoute({ screen: 'document', id: hit.id, ...(hit.pages[0] ? { page: hit.pages[0].page } : {}), ...(query ? { query } : {}) });
  return (
    <li className="hit">
      <h3 className="hit-title">
        <a href={href}>{hit.title}</a>
      </h3>
      <DocumentFacts doc={hit} />
      {hit.twins.length > 0 && (
        <p className="hit-twins">
          {t('search.twins')}{' '}
          {hit.twins.map((twin, index) => (
            <span key={twin.id}>
              {index > 0 && ', '}
              <a href={formatRoute({ screen: 'document', id: twin.id, ...(query ? { query } : {}) })} lang={twin.lang ?? undefined}>
                {twin.lang && <span className="badge">{langLabel(t, twin.lang)}</span>} {twin.title}
              </a>
            </span>
          ))}
        </p>
      )}
      {hit.viaTranslation && <p className="hit-via-translation">{t('search.viaTranslation')}</p>}
      {hit.missing.length > 0 && (
        <p className="hit-missing">
          {t('search.missing')}{' '}
          {hit.missing.map((word, index) => (
            <span key={word}>
              {index > 0 && ' '}
              <s>{word}</s>
            </span>
          ))}
        </p>
      )}
      {hit.pages.length > 0 && (
        <ul className="hit-pages">
          {hit.pages.map((page) => (
            <li key={page.page} className="hit-page">
              <a
                className="hit-page-link"
                href={formatRoute({ screen: 'document', id: hit.id, page: page.page, ...(query ? { query } : {}) })}
                title={t('search.openPage', { page: page.page })}
              >
                {t('search.page', { page: page.page })}
              </a>
              <span className="hit-snippet">
                {page.ocr && <OcrBadge />}
                <Snippet text={page.snippet} highlighter={highlighter} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
});

/**
 * "OCR" before a snippet whose page text was recognised from a scan: a misread letter there is
 * not the document's own typo. The explanation is the tooltip and, for screen readers, hidden text.
 */
function OcrBadge(): ReactNode {
  const { t } = useI18n();
  const help = t('ocr.badge.help');
  return (
    <span className="badge badge-ocr" title={help}>
      {t('ocr.badge')}
      <span className="visually-hidden"> ({help})</span>
    </span>
  );
}

export function DocumentFacts({ doc }: { doc: DocumentSummary }): ReactNode {
  const { t } = useI18n();
  return (
    <p className="doc-facts">
      <span className="badge badge-kind">{kindLabel(t, doc.kind)}</span>
      {doc.number && <span className="doc-number">№ {doc.number}</span>}
      {doc.date && <time dateTime={doc.date}>{formatDate(t, doc.date)}</time>}
      {doc.issuer && <span className="doc-issuer">{doc.issuer}</span>}
      {doc.lang && <span className="badge badge-lang">{langLabel(t, doc.lang)}</span>}
      {doc.needsOcr && <span className="badge badge-warn">{t('search.needsOcr')}</span>}
    </p>
  );
}

function SearchControls(props: { sort: SearchSort; onSort: (sort: SearchSort) => void; filters: Filters; onFilters: (filters: Filters) => void }): ReactNode {
  const { t } = useI18n();
  const { filters, onFilters } = props;
  return (
    <div className="search-controls">
      <label className="field">
        <span className="field-label">{t('search.sort')}</span>
        <select value={props.sort} onChange={(event) => props.onSort(event.target.value as SearchSort)}>
          <option value="relevance">{t('search.sort.relevance')}</option>
          <option value="date">{t('search.sort.date')}</option>
        </select>
      </label>
      <fieldset className="date-range">
        <legend>{t('search.dateRange')}</legend>
        <label className="field">
          <span className="field-label">{t('search.from')}</span>
          <input type="date" value={filters.from} max={filters.to || undefined} onChange={(event) => onFilters({ ...filters, from: event.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">{t('search.to')}</span>
          <input type="date" value={filters.to} min={filters.from || undefined} onChange={(event) => onFilters({ ...filters, to: event.target.value })} />
        </label>
      </fieldset>
      {hasFilters(filters) && (
        <button type="button" className="link-button" onClick={() => onFilters(NO_FILTERS)}>
          {t('search.clearFilters')}
        </button>
      )}
    </div>
  );
}

function Facets(props: { response: SearchResponse; filters: Filters; onFilters: (filters: Filters) => void }): ReactNode {
  const { t } = useI18n();
  const { response, filters, onFilters } = props;
  return (
    <>
      <FacetGroup
        title={t('search.facet.kind')}
        counts={response.facets.kind}
        selected={filters.kinds}
        label={(value) => kindLabel(t, value)}
        onToggle={(value) => onFilters({ ...filters, kinds: toggle(filters.kinds, value as KindCode) })}
      />
      <FacetGroup title={t('search.facet.year')} counts={response.facets.year} selected={filters.years} label={(value) => value} onToggle={(value) => onFilters({ ...filters, years: toggle(filters.years, value) })} />
      <FacetGroup
        title={t('search.facet.lang')}
        counts={response.facets.lang}
        selected={filters.langs}
        label={(value) => langLabel(t, value)}
        onToggle={(value) => onFilters({ ...filters, langs: toggle(filters.langs, value as LanguageCode) })}
      />
      <FacetGroup title={t('search.facet.issuer')} counts={response.facets.issuer} selected={filters.issuers} label={(value) => value} onToggle={(value) => onFilters({ ...filters, issuers: toggle(filters.issuers, value) })} />
      {response.facetsPartial && <p className="facet-note">{t('search.facetsPartial')}</p>}
    </>
  );
}

function FacetGroup(props: { title: string; counts: FacetCount[]; selected: readonly string[]; label: (value: string) => string; onToggle: (value: string) => void }): ReactNode {
  const { locale } = useI18n();
  // Selected values stay visible even when the current results have none of them.
  const values = [...props.counts];
  for (const value of props.selected) if (!values.some((count) => count.value === value)) values.push({ value, count: 0 });
  if (values.length === 0) return null;
  return (
    <fieldset className="facet">
      <legend className="facet-title">{props.title}</legend>
      <ul className="facet-list">
        {values.map((count) => (
          <li key={count.value}>
            <label className="facet-option">
              <input type="checkbox" checked={props.selected.includes(count.value)} onChange={() => props.onToggle(count.value)} />
              <span className="facet-label">{props.label(count.value)}</span>
              <span className="facet-count">{formatNumber(locale, count.count)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** Before any query: what is in the archive, the newest documents, and how to search. */
function SearchHome(): ReactNode {
  const { t, locale } = useI18n();
  const { transport, archiveRevision } = useApp();
  const [stats, setStats] = useState<ArchiveStats | null>(null);
  const [recent, setRecent] = useState<DocumentSummary[]>([]);
  useEffect(() => {
    let live = true;
    transport.invoke('archive.stats').then((value) => live && setStats(value), () => undefined);
    transport.invoke('library.browse', { sort: 'added', limit: 8 }).then((value) => live && setRecent(value.items), () => undefined);
    return () => {
      live = false;
    };
  }, [transport, archiveRevision]);
  const examples = ['search.example.words', 'search.example.phrase', 'search.example.or', 'search.example.exclude', 'search.example.filter', 'search.example.number'] as const;
  return (
    <div className="search-home">
      <section className="panel">
        <h2 className="panel-title">{t('search.emptyTitle')}</h2>
        {stats && <p className="muted">{t('search.archiveSummary', { documents: formatNumber(locale, stats.documents), pages: formatNumber(locale, stats.pages) })}</p>}
        <p>{t('search.emptyHelp')}</p>
        <h3 className="panel-subtitle">{t('search.examples')}</h3>
        <ul className="examples">
          {examples.map((key) => (
            <li key={key}>
              <code>{t(key).split(' — ')[0]}</code> — {t(key).split(' — ')[1]}
            </li>
          ))}
        </ul>
      </section>
      {recent.length > 0 && (
        <section className="panel">
          <h2 className="panel-title">{t('search.recent')}</h2>
          <ul className="recent-list">
            {recent.map((doc) => (
              <li key={doc.id}>
                <a href={formatRoute({ screen: 'document', id: doc.id })}>{doc.title}</a>
                <DocumentFacts doc={doc} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
