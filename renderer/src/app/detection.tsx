/**
 * What detection is unsure of, shown the same way wherever a detected field is edited (the review
 * table, the metadata form) or listed (the library's review list): a "?" mark with a tint and a
 * label that says how sure detection was (never colour alone), and the candidates it found as
 * one-click choices, each with the line it was read from as its tooltip.
 */
import type { ReactNode } from 'react';
import type { DocumentDetection } from '../../../shared/domain/detection';
import { isKindCode, isLanguageCode } from '../../../shared/domain/kinds';
import type { Translate } from '../../../shared/i18n';
import type { DetectedField, FieldCandidate } from '../../../shared/metadata/types';
import { useI18n } from '../i18n';
import { kindLabel, langLabel } from './ui';
import './detection.css';

/** True when the reviewer should look at this field. */
export function isUncertain(detection: DocumentDetection | null | undefined, field: DetectedField): boolean {
  return detection?.uncertain.includes(field) ?? false;
}

/** A candidate's value as the field shows it: kind and language codes by their names. */
export function candidateText(t: Translate, field: DetectedField, value: string): string {
  if (field === 'kind' && isKindCode(value)) return kindLabel(t, value);
  if (field === 'lang' && isLanguageCode(value)) return langLabel(t, value);
  return value;
}

/**
 * The candidates worth offering for an uncertain field: those that differ from what the field
 * holds now (picking the current value would do nothing). None for a field not in doubt.
 */
export function offeredCandidates(detection: DocumentDetection | null | undefined, field: DetectedField, current: string): FieldCandidate[] {
  if (!detection || !isUncertain(detection, field)) return [];
  return (detection.candidates[field] ?? []).filter((candidate) => candidate.value !== current);
}

/** The label of the uncertainty mark, e.g. "Detected with low confidence (42%): please check this field". */
export function uncertainLabel(t: Translate, detection: DocumentDetection, field: DetectedField): string {
  return t('detection.uncertain', { percent: Math.round((detection.confidence[field] ?? 0) * 100) });
}

/**
 * The "?" mark of an uncertain field; nothing for a field not in doubt. `id` lets the field's
 * control name it in aria-describedby, so a screen reader says it when the control gets focus.
 */
export function UncertainMark(props: { detection: DocumentDetection | null | undefined; field: DetectedField; id?: string }): ReactNode {
  const { t } = useI18n();
  if (!props.detection || !isUncertain(props.detection, props.field)) return null;
  const label = uncertainLabel(t, props.detection, props.field);
  return (
    <span className="uncertain-mark" role="img" aria-label={label} title={label} {...(props.id ? { id: props.id } : {})}>
      ?
    </span>
  );
}

/** The runner-up values of an uncertain field as buttons; picking one fills the field. */
export function CandidateChips(props: {
  detection: DocumentDetection | null | undefined;
  field: DetectedField;
  /** The field's current value, as stored (a kind or language code, an ISO date). */
  current: string;
  onPick: (value: string) => void;
}): ReactNode {
  const { t } = useI18n();
  const offered = offeredCandidates(props.detection, props.field, props.current);
  if (offered.length === 0) return null;
  return (
    <div className="candidate-chips" role="group" aria-label={t('detection.candidates')}>
      {offered.map((candidate) => {
        const value = candidateText(t, props.field, candidate.value);
        return (
          <button
            key={candidate.value}
            type="button"
            className="candidate-chip"
            title={candidate.excerpt ?? value}
            aria-label={candidate.excerpt ? t('detection.useFrom', { value, excerpt: candidate.excerpt }) : t('detection.use', { value })}
            onClick={() => props.onPick(candidate.value)}
          >
            {value}
          </button>
        );
      })}
    </div>
  );
}
