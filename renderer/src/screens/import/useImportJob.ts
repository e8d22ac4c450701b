/**
 * One import job as the screen follows it: uploads first (browser mode), then `import.start`,
 * then `import.progress` / `import.file` events. Events are gathered in refs and applied once per
 * animation frame, so a batch of 500 small files costs a few renders, not thousands. `import.get`
 * fills gaps: when the screen is opened on a job that was already running, when events were
 * missed (the progress counter is ahead of the rows) and once at the end (the authoritative list).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractEvent } from '../../../../shared/contract';
import type { ImportFileOutcome, ImportJob, ImportJobProgress, ImportSource } from '../../../../shared/domain/import';
import { isAbortError, type Transport } from '../../api/transport';

export interface UploadState {
  filesTotal: number;
  bytesTotal: number;
  bytesSent: number;
}

export interface ImportJobState {
  jobId: string | null;
  progress: ImportJobProgress | null;
  files: ImportFileOutcome[];
  upload: UploadState | null;
  /** Waiting for `import.start` to answer. */
  starting: boolean;
  error: unknown;
  /** Something was dropped or picked but held nothing to import. */
  nothingToImport: boolean;
}

export interface ImportJobControls extends ImportJobState {
  busy: boolean;
  importFiles(files: readonly File[]): Promise<void>;
  importSources(sources: ImportSource[]): Promise<void>;
  cancel(): void;
}

/** How long a gap between the progress counter and the rows may last before asking `import.get`. */
const GAP_CHECK_MS = 1500;

function jobOf(event: ContractEvent): string | null {
  if (event.name === 'import.progress') return event.payload.jobId;
  if (event.name === 'import.file') return event.payload.jobId;
  return null;
}

function withoutFiles(job: ImportJob): ImportJobProgress {
  const { files: _files, ...progress } = job;
  return progress;
}

/** requestAnimationFrame where there is one (not in every test DOM), else a short timer. */
function nextFrame(callback: () => void): () => void {
  if (typeof window.requestAnimationFrame === 'function') {
    const handle = window.requestAnimationFrame(callback);
    return () => window.cancelAnimationFrame(handle);
  }
  const handle = window.setTimeout(callback, 16);
  return () => window.clearTimeout(handle);
}

export function useImportJob(transport: Transport): ImportJobControls {
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ImportJobProgress | null>(null);
  const [files, setFiles] = useState<ImportFileOutcome[]>([]);
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [nothingToImport, setNothingToImport] = useState(false);

  const jobIdRef = useRef<string | null>(null);
  const startingRef = useRef(false);
  /** Events of jobs not yet known: the job may report before `import.start` answers. */
  const earlyEvents = useRef<ContractEvent[]>([]);
  const pending = useRef<{ progress: ImportJobProgress | null; files: ImportFileOutcome[]; uploaded: number | null }>({ progress: null, files: [], uploaded: null });
  const cancelFrame = useRef<(() => void) | null>(null);
  const uploadAbort = useRef<AbortController | null>(null);
  const reconciled = useRef<string | null>(null);

  const flush = useCallback(() => {
    cancelFrame.current = null;
    const batch = pending.current;
    pending.current = { progress: null, files: [], uploaded: null };
    if (batch.files.length) setFiles((previous) => previous.concat(batch.files));
    if (batch.progress) setProgress(batch.progress);
    if (batch.uploaded !== null) {
      const sent = batch.uploaded;
      setUpload((previous) => (previous ? { ...previous, bytesSent: sent } : previous));
    }
  }, []);

  const schedule = useCallback(() => {
    cancelFrame.current ??= nextFrame(flush);
  }, [flush]);

  const accept = useCallback(
    (event: ContractEvent) => {
      const id = jobOf(event);
      if (id === null) return;
      if (id !== jobIdRef.current) {
        if (startingRef.current) earlyEvents.current.push(event);
        return;
      }
      if (event.name === 'import.progress') pending.current.progress = event.payload;
      else if (event.name === 'import.file') pending.current.files.push(event.payload.file);
      schedule();
    },
    [schedule],
  );

  useEffect(() => transport.onEvent(accept), [transport, accept]);
  useEffect(() => () => cancelFrame.current?.(), []);

  /** Replaces what is shown by the core's own record of the job. */
  const adopt = useCallback(
    async (id: string, mode: 'replace' | 'fill') => {
      try {
        const job = await transport.invoke('import.get', { jobId: id });
        if (jobIdRef.current !== id) return;
        // Rows only ever grow; while running, a snapshot shorter than what events brought is stale.
        setFiles((previous) => (mode === 'replace' || job.files.length >= previous.length ? job.files : previous));
        setProgress((previous) => (mode === 'replace' || !previous || job.filesDone >= previous.filesDone ? withoutFiles(job) : previous));
      } catch (cause) {
        if (!isAbortError(cause) && mode === 'replace') setError(cause);
      }
    },
    [transport],
  );

  // On arrival, show the newest job of this session (the user navigated away and came back).
  useEffect(() => {
    let live = true;
    transport.invoke('import.list').then(
      (jobs) => {
        const latest = jobs[0];
        if (!live || !latest || jobIdRef.current || startingRef.current || uploadAbort.current) return;
        jobIdRef.current = latest.jobId;
        setJobId(latest.jobId);
        setProgress(latest);
        if (latest.state !== 'running') reconciled.current = latest.jobId;
        void adopt(latest.jobId, 'replace');
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [transport, adopt]);

  // At the end, the core's list is authoritative (events may have been lost on a reconnect).
  useEffect(() => {
    if (!progress || !jobId || progress.jobId !== jobId) return;
    if (progress.state !== 'running') {
      if (reconciled.current === jobId) return;
      reconciled.current = jobId;
      void adopt(jobId, 'replace');
      return;
    }
    if (progress.filesDone <= files.length) return;
    const timer = window.setTimeout(() => void adopt(jobId, 'fill'), GAP_CHECK_MS);
    return () => window.clearTimeout(timer);
  }, [progress, files.length, jobId, adopt]);

  const importSources = useCallback(
    async (sources: ImportSource[]) => {
      setNothingToImport(false);
      if (sources.length === 0) {
        setNothingToImport(true);
        return;
      }
      startingRef.current = true;
      earlyEvents.current = [];
      pending.current = { progress: null, files: [], uploaded: null };
      jobIdRef.current = null;
      reconciled.current = null;
      setStarting(true);
      setError(null);
      setFiles([]);
      setProgress(null);
      setJobId(null);
      try {
        const started = await transport.invoke('import.start', { sources });
        jobIdRef.current = started.jobId;
        setJobId(started.jobId);
        const early = earlyEvents.current.filter((event) => jobOf(event) === started.jobId);
        earlyEvents.current = [];
        startingRef.current = false;
        for (const event of early) accept(event);
      } catch (cause) {
        startingRef.current = false;
        setError(cause);
      } finally {
        setStarting(false);
      }
    },
    [transport, accept],
  );

  const importFiles = useCallback(
    async (picked: readonly File[]) => {
      setNothingToImport(false);
      if (picked.length === 0) {
        setNothingToImport(true);
        return;
      }
      const controller = new AbortController();
      uploadAbort.current = controller;
      setError(null);
      // The previous job's report would read as this upload's: it leaves the screen now.
      jobIdRef.current = null;
      setJobId(null);
      setProgress(null);
      setFiles([]);
      // Only uploads take time worth showing; desktop paths come back at once.
      if (transport.kind === 'http') setUpload({ filesTotal: picked.length, bytesTotal: picked.reduce((sum, file) => sum + file.size, 0), bytesSent: 0 });
      try {
        const sources = await transport.sourcesForFiles(
          picked,
          (bytes) => {
            pending.current.uploaded = bytes;
            schedule();
          },
          controller.signal,
        );
        uploadAbort.current = null;
        setUpload(null);
        if (!controller.signal.aborted) await importSources(sources);
      } catch (cause) {
        uploadAbort.current = null;
        setUpload(null);
        if (!isAbortError(cause)) setError(cause);
      }
    },
    [transport, schedule, importSources],
  );

  const cancel = useCallback(() => {
    if (uploadAbort.current) {
      uploadAbort.current.abort();
      uploadAbort.current = null;
      setUpload(null);
      return;
    }
    const id = jobIdRef.current;
    if (id) transport.invoke('import.cancel', { jobId: id }).catch((cause: unknown) => setError(cause));
  }, [transport]);

  // Between `import.start` answering and the first progress event the job is running all the same.
  const busy = upload !== null || starting || (jobId !== null && (progress === null || progress.state === 'running'));
  return { jobId, progress, files, upload, starting, error, nothingToImport, busy, importFiles, importSources, cancel };
}
