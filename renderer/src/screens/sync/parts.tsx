/**
 * Pieces the tabs of the sync screen share: loading a list from the core (kept on screen while it
 * reloads), the key fingerprint as it is read aloud, the grid of counts, the outcome line of an
 * action, and small helpers.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { ContractInput, ContractMethod, ContractOutput } from '../../../../shared/contract';
import type { BundleImportCounts } from '../../../../shared/domain/exchange';
import type { MessageKey } from '../../../../shared/i18n';
import type { Transport } from '../../api/transport';
import { formatNumber } from '../../app/format';
import { errorText } from '../../app/ui';
import { useI18n } from '../../i18n';
import { fingerprintGroups } from './trust-line';

/** Methods without input: the lists and settings the screen reads. */
type ReadMethod = { [M in ContractMethod]: [ContractInput<M>] extends [void] ? M : never }[ContractMethod];

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Reads `method` now and again whenever `reloadKey` changes; the last data stays while reloading. */
export function useLoaded<M extends ReadMethod>(transport: Transport, method: M, reloadKey: string | number): Loaded<ContractOutput<M>> {
  const [data, setData] = useState<ContractOutput<M> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const invoke = transport.invoke as unknown as (name: M) => Promise<ContractOutput<M>>;
    invoke(method).then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (cause: unknown) => {
        if (!live) return;
        setError(cause);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [transport, method, reloadKey, tick]);

  return { data, error, loading, reload: () => setTick((n) => n + 1) };
}

/**
 * The fingerprint in groups of four, spaced for reading aloud. Screen readers get it as one text;
 * a selection copies the visible groups with their hyphens.
 */
export function Fingerprint(props: { value: string; large?: boolean; id?: string }): ReactNode {
  const groups = fingerprintGroups(props.value);
  return (
    <span id={props.id} className={`fingerprint${props.large ? ' fingerprint-large' : ''}`} translate="no">
      <span className="visually-hidden fingerprint-text">{props.value}</span>
      {groups.map((group, index) => (
        <span key={index} className="fingerprint-part" aria-hidden="true">
          {index > 0 && <span className="fingerprint-sep">-</span>}
          <span className="fingerprint-group">{group}</span>
        </span>
      ))}
    </span>
  );
}

const IMPORT_COUNTS: ReadonlyArray<[keyof BundleImportCounts, MessageKey]> = [
  ['added', 'sync.count.added'],
  ['updated', 'sync.count.updated'],
  ['unchanged', 'sync.count.unchanged'],
  ['conflicts', 'sync.count.conflicts'],
  ['deleted', 'sync.count.deleted'],
  ['files', 'sync.count.newFiles'],
];

/** What a bundle does (preview) or did (result) to this archive. */
export function ImportCounts(props: { counts: BundleImportCounts; label: string }): ReactNode {
  const { t, locale } = useI18n();
  return (
    <dl className="sync-counts" aria-label={props.label}>
      {IMPORT_COUNTS.map(([field, key]) => (
        <div key={field} className={`sync-count sync-count-${field}${props.counts[field] === 0 ? ' sync-count-zero' : ''}`}>
          <dt>{t(key)}</dt>
          <dd>{formatNumber(locale, props.counts[field])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A file in a folder, with the folder's own separator (the sync folder may be a Windows path). */
export function joinPath(folder: string, fileName: string): string {
  if (/[\\/]$/.test(folder)) return `${folder}${fileName}`;
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${folder}${separator}${fileName}`;
}

export const isBundleName = (name: string): boolean => /\.muragat$/i.test(name.trim());

/** The last part of a path or a file name, for showing which bundle is open. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/**
 * Copies text to the clipboard; falls back to selecting `input` and the old copy command (plain
 * HTTP on a LAN address has no Clipboard API). False when neither worked: the text stays selected.
 */
export async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, no focus): try the fallback.
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/**
 * What an action on a panel came to: its error (announced at once) or its result (read out
 * politely). The status line is always there, empty when there is nothing to say, so screen
 * readers hear the result when it appears.
 */
export function ActionOutcome(props: { error: unknown; status: string }): ReactNode {
  const { t } = useI18n();
  return (
    <>
      {props.error !== null && (
        <p className="field-error sync-error-line" role="alert">
          {errorText(t, props.error)}
        </p>
      )}
      <p className="sync-status" role="status" aria-live="polite">
        {props.status}
      </p>
    </>
  );
}
