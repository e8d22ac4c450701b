/**
 * The import screen: a drop zone for files and folders (and buttons for the keyboard and for
 * people who do not drag), the running job's progress with rate and time left, one row per file
 * with its outcome, a summary at the end, and the review table of detected metadata.
 */
import { useDropTarget } from '../../app/use-drop-target';
import { memo, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { ImportFileOutcome, ImportFileStatus, ImportJobProgress } from '../../../../shared/domain/import';
import { errorMessageKey, type MessageKey } from '../../../../shared/i18n';
import { useApp } from '../../app/context';
import { formatBytes, formatDuration, formatNumber } from '../../app/format';
import { formatRoute } from '../../app/routes';
import { ErrorNotice, kindLabel } from '../../app/ui';
import { useI18n } from '../../i18n';
import { captureDrop, filesOfDrop } from './drop';
import { percentOf, rateOf } from './progress';
import { ReviewTable } from './ReviewTable';
import { useImportJob, type UploadState } from './useImportJob';
import './import.css';

/** How often, at most, the review table reloads while a job adds documents to it. */
const REVIEW_REFRESH_MS = 2000;

export function ImportScreen(): ReactNode {
  const { t } = useI18n();
  const { transport, info, archiveRevision, pendingImportPaths, takePendingImportPaths } = useApp();
  const job = useImportJob(transport);
  const desktop = info?.host === 'desktop';
  const [collecting, setCollecting] = useState(false);
  const [pickError, setPickError] = useState<unknown>(null);
  const busy = job.busy || collecting;

  // Files the desktop shell handed over (menu, file association, a second launch) start at once.
  useEffect(() => {
    if (busy || pendingImportPaths.length === 0) return;
    const paths = takePendingImportPaths();
    if (paths.length) void job.importSources(paths.map((path) => ({ type: 'path', path })));
    // takePendingImportPaths is a fresh function on every render of the shell; the list is what matters.
  }, [pendingImportPaths, busy, job.importSources]);

  // The review table follows the job while it runs (archive.changed only comes at the end).
  const imported = job.progress?.counts.imported ?? 0;
  const [reviewTick, setReviewTick] = useState(0);
  useEffect(() => {
    if (imported === 0) return;
    const timer = window.setTimeout(() => setReviewTick((n) => n + 1), REVIEW_REFRESH_MS);
    return () => window.clearTimeout(timer);
  }, [imported]);

  const pickDesktop = async (folders: boolean): Promise<void> => {
    setPickError(null);
    try {
      const paths = await transport.invoke('app.pickImportPaths', { folders });
      if (paths.length) await job.importSources(paths.map((path) => ({ type: 'path', path })));
    } catch (error) {
      setPickError(error);
    }
  };

  const onDropped = async (event: DragEvent<HTMLElement>): Promise<void> => {
    // The desktop bridge knows the path of a dropped file or folder; the browser must walk folders.
    if (desktop) {
      await job.importFiles(Array.from(event.dataTransfer.files));
      return;
    }
    const contents = captureDrop(event.dataTransfer);
    setCollecting(true);
    try {
      const files = await filesOfDrop(contents);
      await job.importFiles(files);
    } finally {
      setCollecting(false);
    }
  };

  return (
    <div className="import-screen">
      <h1 className="screen-title">{t('import.title')}</h1>
      <DropZone
        compact={job.progress !== null || job.upload !== null}
        desktop={desktop}
        busy={busy}
        collecting={collecting}
        onDrop={(event) => void onDropped(event)}
        onFiles={(files) => void job.importFiles(files)}
        onPick={(folders) => void pickDesktop(folders)}
      />
      {job.nothingToImport && (
        <p className="notice import-note" role="status">
          {t('import.nothing')}
        </p>
      )}
      {pickError !== null && <ErrorNotice error={pickError} />}
      {job.error !== null && <ErrorNotice error={job.error} />}
      {job.upload && <UploadPanel upload={job.upload} onCancel={job.cancel} />}
      {job.starting && !job.upload && <p className="muted import-note">{t('import.starting')}</p>}
      {job.progress && <JobPanel progress={job.progress} onCancel={job.cancel} />}
      {job.progress && <OutcomeList files={job.files} />}
      <ReviewTable refreshKey={archiveRevision * 1000 + reviewTick} />
    </div>
  );
}

function DropZone(props: {
  /** Smaller once a job is on screen, so its progress stays in view at 768 px. */
  compact: boolean;
  desktop: boolean;
  busy: boolean;
  collecting: boolean;
  onDrop(event: DragEvent<HTMLElement>): void;
  onFiles(files: File[]): void;
  onPick(folders: boolean): void;
}): ReactNode {
  const { t } = useI18n();
  const { over, handlers } = useDropTarget(props.busy, props.onDrop);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  // Chromium supports directory picking only through this non-standard attribute, which React does not know.
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const choose = (folders: boolean): void => {
    if (props.desktop) props.onPick(folders);
    else (folders ? folderInput : filesInput).current?.click();
  };

  const onInput = (input: HTMLInputElement): void => {
    const files = Array.from(input.files ?? []).filter((file) => !file.name.startsWith('.'));
    // Cleared so that picking the same file again still fires `change`.
    input.value = '';
    props.onFiles(files);
  };


  return (
    <section
      className={`drop-zone${over ? ' drop-zone-over' : ''}${props.busy ? ' drop-zone-busy' : ''}${props.compact ? ' drop-zone-compact' : ''}`}
      aria-labelledby="drop-title"
      aria-describedby="drop-help"
      {...handlers}
    >
      <svg className="drop-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <path d="M8 14a4 4 0 0 1 4-4h9l4 5h11a4 4 0 0 1 4 4v17a4 4 0 0 1-4 4H12a4 4 0 0 1-4-4z" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
        <path d="M24 34V21m0 0-5 5m5-5 5 5" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <h2 id="drop-title" className="drop-title">
        {props.collecting ? t('import.drop.collecting') : props.busy ? t('import.drop.busy') : t('import.drop.title')}
      </h2>
      <p id="drop-help" className="drop-help">
        {t('import.drop.help')}
      </p>
      <div className="drop-buttons">
        <button type="button" className="button" disabled={props.busy} onClick={() => choose(false)}>
          {t('import.chooseFiles')}
        </button>
        <button type="button" className="button button-secondary" disabled={props.busy} onClick={() => choose(true)}>
          {t('import.chooseFolder')}
        </button>
      </div>
      {!props.desktop && (
        <>
          <input ref={filesInput} className="visually-hidden" type="file" multiple tabIndex={-1} aria-hidden="true" data-testid="import-files-input" onChange={(event) => onInput(event.currentTarget)} />
          <input ref={folderInput} className="visually-hidden" type="file" multiple tabIndex={-1} aria-hidden="true" data-testid="import-folder-input" onChange={(event) => onInput(event.currentTarget)} />
        </>
      )}
    </section>
  );
}

function ProgressBar(props: { label: string; done: number; total: number; valueText: string }): ReactNode {
  const indeterminate = props.total <= 0;
  const percent = percentOf(props.done, props.total);
  return (
    <div
      className={`progress${indeterminate ? ' progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={indeterminate ? undefined : props.total}
      aria-valuenow={indeterminate ? undefined : props.done}
      aria-valuetext={props.valueText}
    >
      <div className="progress-fill" style={indeterminate ? undefined : { width: `${percent}%` }} />
    </div>
  );
}

function UploadPanel(props: { upload: UploadState; onCancel(): void }): ReactNode {
  const { t, locale } = useI18n();
  const { upload } = props;
  const text = t('import.upload.progress', {
    sent: formatBytes(locale, t, upload.bytesSent),
    total: formatBytes(locale, t, upload.bytesTotal),
    files: formatNumber(locale, upload.filesTotal),
  });
  return (
    <section className="panel job-panel" aria-labelledby="upload-heading">
      <div className="job-head">
        <h2 id="upload-heading" className="panel-title">
          {t('import.upload.title')}
        </h2>
        <button type="button" className="button button-danger" onClick={props.onCancel}>
          {t('import.cancel')}
        </button>
      </div>
      <ProgressBar label={t('import.upload.title')} done={upload.bytesSent} total={upload.bytesTotal} valueText={text} />
      <p className="job-stats">{text}</p>
    </section>
  );
}

const STATE_TITLES: Record<ImportJobProgress['state'], MessageKey> = {
  running: 'import.state.running',
  finished: 'import.state.finished',
  cancelled: 'import.state.cancelled',
  failed: 'import.state.failed',
};

function JobPanel(props: { progress: ImportJobProgress; onCancel(): void }): ReactNode {
  const { t, locale } = useI18n();
  const { progress } = props;
  const running = progress.state === 'running';
  const rate = rateOf(progress);
  const count = t('import.progress.files', { done: formatNumber(locale, progress.filesDone), total: formatNumber(locale, progress.filesTotal) });
  const percent = percentOf(progress.filesDone, progress.filesTotal);
  // Screen readers hear the progress in steps of a tenth, not on every event.
  const decile = Math.floor(percent / 10) * 10;
  const announcement = running
    ? progress.filesTotal > 0
      ? t('import.progress.announce', { percent: decile })
      : ''
    : t('import.summary.announce', {
        imported: progress.counts.imported,
        duplicate: progress.counts.duplicate,
        skipped: progress.counts.skipped,
        failed: progress.counts.failed,
      });

  return (
    <section className="panel job-panel" aria-labelledby="job-heading">
      <div className="job-head">
        <h2 id="job-heading" className="panel-title">
          {t(STATE_TITLES[progress.state])}
        </h2>
        {running && (
          <button type="button" className="button button-danger" onClick={props.onCancel}>
            {t('import.cancel')}
          </button>
        )}
      </div>
      <ProgressBar
        label={t('import.progress.label')}
        done={progress.filesDone}
        total={progress.filesTotal}
        valueText={progress.filesTotal > 0 ? count : t('import.progress.counting')}
      />
      <p className="job-stats">
        <span className="job-count">{progress.filesTotal > 0 ? count : t('import.progress.counting')}</span>
        {progress.filesTotal > 0 && <span className="job-percent">{formatNumber(locale, percent)}%</span>}
        <span>{t('import.progress.pages', { n: formatNumber(locale, progress.pagesDone) })}</span>
        {rate && (
          <span>
            {t('import.progress.rate', {
              files: formatNumber(locale, rate.filesPerMinute, rate.filesPerMinute < 10 ? 1 : 0),
              speed: formatBytes(locale, t, rate.bytesPerSecond),
            })}
          </span>
        )}
        {running && rate?.secondsLeft != null && <span>{t('import.progress.left', { time: formatDuration(t, rate.secondsLeft) })}</span>}
        {!running && <span>{t('import.progress.took', { time: formatDuration(t, progress.elapsedMs / 1000) })}</span>}
      </p>
      {running && progress.current && (
        <p className="job-current">
          {t('import.progress.current')} <span className="job-current-name">{progress.current}</span>
        </p>
      )}
      {!running && <Summary progress={progress} />}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

function Summary({ progress }: { progress: ImportJobProgress }): ReactNode {
  const { t, locale } = useI18n();
  const items: Array<[ImportFileStatus, MessageKey]> = [
    ['imported', 'import.summary.imported'],
    ['duplicate', 'import.summary.duplicate'],
    ['skipped', 'import.summary.skipped'],
    ['failed', 'import.summary.failed'],
  ];
  return (
    <ul className="summary" aria-label={t('import.summary.label')}>
      {items.map(([status, key]) => (
        <li key={status} className={`summary-item summary-${status}${progress.counts[status] === 0 ? ' summary-zero' : ''}`}>
          <span className="summary-count">{formatNumber(locale, progress.counts[status])}</span>
          <span className="summary-label">{t(key)}</span>
        </li>
      ))}
    </ul>
  );
}

type StatusFilter = 'all' | 'problems' | ImportFileStatus;

const STATUS_LABELS: Record<ImportFileStatus, MessageKey> = {
  imported: 'import.status.imported',
  duplicate: 'import.status.duplicate',
  skipped: 'import.status.skipped',
  failed: 'import.status.failed',
};

function OutcomeList({ files }: { files: ImportFileOutcome[] }): ReactNode {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<StatusFilter>('all');
  // A failed job reports itself as a nameless row; that is shown as the job's error, not as a file.
  const rows = useMemo(() => files.map((file, index) => ({ file, index })).filter(({ file }) => file.name !== '' || file.status !== 'failed'), [files]);
  const jobError = files.find((file) => file.name === '' && file.status === 'failed')?.error;
  const visible = useMemo(
    () => rows.filter(({ file }) => filter === 'all' || (filter === 'problems' ? file.status === 'failed' || file.status === 'skipped' : file.status === filter)),
    [rows, filter],
  );
  const counts = useMemo(() => {
    const result: Record<ImportFileStatus, number> = { imported: 0, duplicate: 0, skipped: 0, failed: 0 };
    for (const { file } of rows) result[file.status]++;
    return result;
  }, [rows]);

  return (
    <section className="panel outcomes" aria-labelledby="outcomes-heading">
      <div className="outcomes-head">
        <h2 id="outcomes-heading" className="panel-title">
          {t('import.files.title')}
        </h2>
        <label className="outcomes-filter">
          <span className="field-label">{t('import.files.show')}</span>
          <select value={filter} onChange={(event) => setFilter(event.target.value as StatusFilter)}>
            <option value="all">{t('import.files.all', { count: formatNumber(locale, rows.length) })}</option>
            <option value="problems">{t('import.files.problems', { count: formatNumber(locale, counts.failed + counts.skipped) })}</option>
            {(Object.keys(STATUS_LABELS) as ImportFileStatus[]).map((status) => (
              <option key={status} value={status}>
                {t(STATUS_LABELS[status])} ({formatNumber(locale, counts[status])})
              </option>
            ))}
          </select>
        </label>
      </div>
      {jobError && (
        <p className="field-error" role="alert" title={jobError.message}>
          {t(errorMessageKey(jobError.code))}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">{t('import.files.none')}</p>
      ) : (
        <div className="table-scroll outcomes-scroll" tabIndex={0} role="region" aria-labelledby="outcomes-heading">
          <table className="data-table outcomes-table">
            <thead>
              <tr>
                <th scope="col">{t('import.files.col.file')}</th>
                <th scope="col">{t('import.files.col.status')}</th>
                <th scope="col">{t('import.files.col.details')}</th>
                <th scope="col" className="col-num">
                  {t('import.files.col.pages')}
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map(({ file, index }) => (
                <OutcomeRow key={index} file={file} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Memoised: outcome objects never change once received, so only new rows render. */
const OutcomeRow = memo(function OutcomeRow({ file }: { file: ImportFileOutcome }): ReactNode {
  const { t, locale } = useI18n();
  return (
    <tr className={`outcome outcome-${file.status}`}>
      <th scope="row" className="outcome-name">
        {file.name}
      </th>
      <td>
        <span className={`status-badge status-${file.status}`}>{t(STATUS_LABELS[file.status])}</span>
        {file.needsOcr && (
          <span className="badge badge-warn" title={t('import.needsOcrHelp')}>
            {t('import.needsOcr')}
          </span>
        )}
      </td>
      <td className="outcome-details">
        <OutcomeDetails file={file} />
      </td>
      <td className="col-num">{file.pages !== undefined ? formatNumber(locale, file.pages) : ''}</td>
    </tr>
  );
});

function OutcomeDetails({ file }: { file: ImportFileOutcome }): ReactNode {
  const { t } = useI18n();
  switch (file.status) {
    case 'imported':
      return file.documentId ? (
        <>
          <a href={formatRoute({ screen: 'document', id: file.documentId })}>{file.title || file.name}</a>
          {file.kind && <span className="outcome-kind"> · {kindLabel(t, file.kind)}</span>}
          {file.detection && file.detection.uncertain.length > 0 && (
            <span className="outcome-kind">
              {' · '}
              {t('detection.toCheck', { fields: file.detection.uncertain.map((field) => t(`document.field.${field}`)).join(', ') })}
            </span>
          )}
        </>
      ) : null;
    case 'duplicate': {
      const target = file.duplicateOf ?? file.documentId;
      return (
        <>
          {t('import.duplicateOf')}{' '}
          {target ? <a href={formatRoute({ screen: 'document', id: target })}>{file.title || t('import.openExisting')}</a> : null}
        </>
      );
    }
    case 'skipped':
      return (
        <>
          {t('import.skippedReason')}
          {file.reason && (
            <span className="outcome-reason" lang="en">
              {' '}
              ({file.reason})
            </span>
          )}
        </>
      );
    case 'failed':
      return (
        <span className="outcome-error" title={file.error?.message}>
          {file.error ? t(errorMessageKey(file.error.code)) : t('error.generic')}
        </span>
      );
    default:
      return null;
  }
}
