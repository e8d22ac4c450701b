/**
 * Toolbar pieces shared by the PDF and the text viewer: an icon button and the find box with
 * its hit counter and next/previous buttons.
 */
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import type { Translate } from '../../../shared/i18n';
import { Icon } from './icons';

type IconName = Parameters<typeof Icon>[0]['name'];

export function ToolButton(props: {
  icon: IconName;
  label: string;
  onClick(): void;
  disabled?: boolean;
  pressed?: boolean;
  controls?: string;
  expanded?: boolean;
}): ReactNode {
  const { icon, label, onClick, disabled, pressed, controls, expanded } = props;
  return (
    <button
      type="button"
      className="viewer-button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      aria-pressed={pressed}
      aria-controls={controls}
      aria-expanded={expanded}
    >
      <Icon name={icon} />
    </button>
  );
}

export interface HitSummary {
  /** Hits found so far. */
  total: number;
  /** 1-based number of the current hit, or null when none is selected. */
  ordinal: number | null;
  /** False while pages are still being scanned (the total may grow). */
  complete: boolean;
}

/** The counter text: "3 / 12", "12 matches", "No matches" or "Searching…". */
export function hitCounterText(t: Translate, summary: HitSummary): string {
  const { total, ordinal, complete } = summary;
  if (total === 0) return complete ? t('viewer.find.none') : t('viewer.find.scanning');
  if (ordinal !== null) return t(complete ? 'viewer.find.position' : 'viewer.find.positionPartial', { current: ordinal, total });
  return t(complete ? 'viewer.find.count' : 'viewer.find.countPartial', { total });
}

export function FindControls(props: {
  t: Translate;
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  onChange(value: string): void;
  /** Enter in the box: `flush` applied new text (jump to the first hit) or go to the next one. */
  onEnter(backwards: boolean): void;
  onNext(): void;
  onPrevious(): void;
  onEscape(): void;
  /** Null hides the counter (nothing is being marked). */
  summary: HitSummary | null;
}): ReactNode {
  const { t, inputRef, value, onChange, onEnter, onNext, onPrevious, onEscape, summary } = props;
  const hasHits = (summary?.total ?? 0) > 0;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onEnter(event.shiftKey);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onEscape();
    }
  };

  return (
    <div className="viewer-find" role="search">
      <div className="viewer-find-field">
        <Icon name="search" />
        <input
          ref={inputRef}
          type="search"
          className="viewer-find-input"
          value={value}
          placeholder={t('viewer.find.placeholder')}
          aria-label={t('viewer.find.label')}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          spellCheck={false}
          autoComplete="off"
        />
        {value !== '' && (
          <button type="button" className="viewer-find-clear" aria-label={t('viewer.find.clear')} title={t('viewer.find.clear')} onClick={onEscape}>
            <Icon name="close" />
          </button>
        )}
      </div>
      <output className="viewer-find-count" aria-live="polite" data-empty={summary !== null && summary.total === 0 && summary.complete ? 'true' : undefined}>
        {summary ? hitCounterText(t, summary) : ''}
      </output>
      <ToolButton icon="up" label={t('viewer.find.previous')} onClick={onPrevious} disabled={!hasHits} />
      <ToolButton icon="down" label={t('viewer.find.next')} onClick={onNext} disabled={!hasHits} />
    </div>
  );
}
