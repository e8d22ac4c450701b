import { collapseSpaces } from './normalize';
import { CONFIDENCE_THRESHOLD, type FieldCandidate } from './types';
import { CORROBORATION, type CandidateSource, FEATURE_WEIGHTS, type Feature, SOURCE_WEIGHTS } from './weights';

/**
 * Candidates for one field: each value found, where, with what features, and its score from the
 * weight table (`weights.ts`). Equal values found in several places are merged; the ranking
 * decides the field, and the runner-ups are what the reviewer is offered.
 */

export const MAX_CANDIDATES = 4;
const LAYOUT_CAP = 0.02;
const MAX_EXCERPT = 160;

export interface RawCandidate {
  value: string;
  source: CandidateSource;
  features?: readonly Feature[];
  excerpt?: string;
}

/** The score of one finding: its source's weight plus its features', clamped to 0…1. */
export function scoreOf(source: CandidateSource, features: readonly Feature[] = []): number {
  let score: number = SOURCE_WEIGHTS[source];
  let layout = 0;
  for (const feature of new Set(features)) {
    const weight = FEATURE_WEIGHTS[feature];
    // Layout features together count at most LAYOUT_CAP: bold, centred and large say one thing.
    if (feature === 'bold' || feature === 'centred' || feature === 'large') layout += weight;
    else score += weight;
  }
  score += Math.min(LAYOUT_CAP, layout);
  return Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000;
}

export function excerptOf(line: string | undefined): string | undefined {
  if (!line) return undefined;
  const text = collapseSpaces(line);
  return text.length <= MAX_EXCERPT ? text : `${text.slice(0, MAX_EXCERPT - 1)}…`;
}

/** Compare values the way a clerk would: case, spaces and `ё` do not make two values differ. */
function valueKey(value: string): string {
  return collapseSpaces(value).toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, '');
}

export class CandidateSet {
  private readonly byKey = new Map<string, FieldCandidate>();

  /**
   * @param corroborate whether agreeing findings raise the score. Titles do not: the fallbacks
   * (the stored title, the first line) often read the very line a rule found, which is no second
   * witness.
   */
  constructor(private readonly corroborate = true) {}

  add(raw: RawCandidate): void {
    const value = raw.value.trim();
    if (!value) return;
    const features = raw.features ?? [];
    const score = scoreOf(raw.source, features);
    const evidence = [raw.source, ...features];
    const key = valueKey(value);
    const found = this.byKey.get(key);
    if (!found) {
      const excerpt = excerptOf(raw.excerpt);
      this.byKey.set(key, { value, score, evidence, ...(excerpt ? { excerpt } : {}) });
      return;
    }
    // Merge: the stronger finding leads (its value, excerpt and score); the other corroborates.
    const [strong, weak] = score > found.score ? [score, found.score] : [found.score, score];
    const bonus = this.corroborate ? (1 - strong) * CORROBORATION * weak : 0;
    const merged = Math.round(Math.min(1, strong + bonus) * 1000) / 1000;
    if (score > found.score) {
      found.value = value;
      const excerpt = excerptOf(raw.excerpt);
      if (excerpt) found.excerpt = excerpt;
    }
    found.score = merged;
    found.evidence = [...new Set([...found.evidence, ...evidence])];
  }

  /** Best first; ties keep the order found (rules are tried strongest first). */
  ranked(): FieldCandidate[] {
    return [...this.byKey.values()].sort((a, b) => b.score - a.score);
  }
}

export interface FieldDecision {
  value: string | null;
  /** The chosen candidate's score, or null when nothing cleared the threshold. */
  score: number | null;
  /** Best rejected score (0 when there was none), for the empty-field confidence. */
  bestRejected: number;
  candidates: FieldCandidate[];
}

/** The best candidate when it clears the threshold; the runner-ups are kept for review. */
export function decide(set: CandidateSet): FieldDecision {
  const ranked = set.ranked();
  const best = ranked[0];
  const candidates = ranked.slice(0, MAX_CANDIDATES);
  if (best && best.score >= CONFIDENCE_THRESHOLD) return { value: best.value, score: best.score, bestRejected: 0, candidates };
  return { value: null, score: null, bestRejected: best?.score ?? 0, candidates };
}
