import { describe, expect, it } from 'vitest';
import { createHighlighter } from '../../../shared/search/highlight';
import {
  hitOrdinal,
  joinTextRuns,
  normalizeRanges,
  scanOrder,
  segmentsByItem,
  splitText,
  stepHit,
  totalHits,
  type TextRun,
} from '../../../renderer/src/viewer/hits';

/** The text of the marked segments of each item, as the text layer will show them. */
function markedPieces(runs: TextRun[], query: string): string[][] {
  const pageText = joinTextRuns(runs);
  const highlighter = createHighlighter(query);
  if (!highlighter) throw new Error('no highlighter');
  const ranges = normalizeRanges(highlighter(pageText.text), pageText.text.length);
  const segments = segmentsByItem(runs, pageText, ranges);
  return runs.map((run, i) => (segments.get(i) ?? []).map((segment) => run.str.slice(segment.start, segment.end)));
}

describe('joinTextRuns', () => {
  it('joins items back to back and breaks lines after an end-of-line item', () => {
    const joined = joinTextRuns([
      { str: 'Қоғамдық кеңес', hasEOL: true },
      { str: 'отырысының ', hasEOL: false },
      { str: 'хаттамасы', hasEOL: false },
    ]);
    expect(joined.text).toBe('Қоғамдық кеңес\nотырысының хаттамасы');
    expect(joined.starts).toEqual([0, 15, 26]);
  });
});

describe('segmentsByItem with the search highlighter', () => {
  it('marks inflected Kazakh forms inside text items', () => {
    const runs: TextRun[] = [
      { str: 'Қоғамдық кеңестің отырысы. ', hasEOL: false },
      { str: 'Кеңесінің шешімі', hasEOL: true },
      { str: 'бұйрыққа сәйкес', hasEOL: false },
    ];
    expect(markedPieces(runs, 'кеңес')).toEqual([['кеңестің'], ['Кеңесінің'], []]);
  });

  it('marks Kazakh words typed on a Russian keyboard (folded letters)', () => {
    const runs: TextRun[] = [{ str: 'Білім беру ұйымдарының жатақханаларындағы орындар', hasEOL: false }];
    expect(markedPieces(runs, 'жатакхана')).toEqual([['жатақханаларындағы']]);
  });

  it('marks a word split over two items in both, as one hit', () => {
    // PDF generators split words at font or kerning changes: "Қазақ" + "стан".
    const runs: TextRun[] = [
      { str: 'Республикасы Қазақ', hasEOL: false },
      { str: 'стан Конституциясы', hasEOL: false },
    ];
    const pageText = joinTextRuns(runs);
    const ranges = normalizeRanges(createHighlighter('қазақстан')!(pageText.text), pageText.text.length);
    expect(ranges).toHaveLength(1);
    const segments = segmentsByItem(runs, pageText, ranges);
    expect(segments.get(0)).toEqual([{ start: 13, end: 18, hit: 0 }]);
    expect(segments.get(1)).toEqual([{ start: 0, end: 4, hit: 0 }]);
  });

  it('marks Russian inflections and never joins words across line ends', () => {
    const runs: TextRun[] = [
      { str: 'Председателя Высшего Судебного Совета,', hasEOL: true },
      { str: 'совет', hasEOL: true },
      { str: 'ом министров', hasEOL: false },
    ];
    // "совет" + "ом" on the next line stay two words: only the first two items are marked.
    expect(markedPieces(runs, 'совет')).toEqual([['Совета'], ['совет'], []]);
  });

  it('numbers hits per page in text order', () => {
    const runs: TextRun[] = [
      { str: 'кеңес және кеңес', hasEOL: true },
      { str: 'кеңеске', hasEOL: false },
    ];
    const pageText = joinTextRuns(runs);
    const segments = segmentsByItem(runs, pageText, normalizeRanges(createHighlighter('кеңес')!(pageText.text), pageText.text.length));
    expect(segments.get(0)?.map((segment) => segment.hit)).toEqual([0, 1]);
    expect(segments.get(1)?.map((segment) => segment.hit)).toEqual([2]);
  });
});

describe('normalizeRanges', () => {
  it('sorts, clamps, drops empty ranges and merges overlaps', () => {
    expect(
      normalizeRanges(
        [
          { start: 10, end: 14 },
          { start: 2, end: 5 },
          { start: 4, end: 7 },
          { start: 8, end: 8 },
          { start: 18, end: 40 },
        ],
        20,
      ),
    ).toEqual([
      { start: 2, end: 7 },
      { start: 10, end: 14 },
      { start: 18, end: 20 },
    ]);
  });
});

describe('splitText', () => {
  it('cuts a text into plain and marked pieces', () => {
    const text = 'Мәслихат шешімі: кеңес мүшелері';
    expect(splitText(text, [{ start: 17, end: 22 }])).toEqual([
      { text: 'Мәслихат шешімі: ', hit: null },
      { text: 'кеңес', hit: 0 },
      { text: ' мүшелері', hit: null },
    ]);
    expect(splitText('абв', [])).toEqual([{ text: 'абв', hit: null }]);
  });
});

describe('hit navigation', () => {
  // Page 1: 2 hits, page 2: none, page 3: 1 hit, page 4 not scanned yet.
  const counts = [2, 0, 1, undefined];

  it('counts hits and numbers them across pages', () => {
    expect(totalHits(counts)).toBe(3);
    expect(hitOrdinal(counts, { page: 1, index: 1 })).toBe(2);
    expect(hitOrdinal(counts, { page: 3, index: 0 })).toBe(3);
  });

  it('moves forward and backward, wrapping at the ends', () => {
    expect(stepHit(counts, { page: 1, index: 0 }, 1, 1)).toEqual({ page: 1, index: 1 });
    expect(stepHit(counts, { page: 1, index: 1 }, 1, 1)).toEqual({ page: 3, index: 0 });
    expect(stepHit(counts, { page: 3, index: 0 }, 1, 3)).toEqual({ page: 1, index: 0 });
    expect(stepHit(counts, { page: 1, index: 0 }, -1, 1)).toEqual({ page: 3, index: 0 });
    expect(stepHit(counts, { page: 3, index: 0 }, -1, 3)).toEqual({ page: 1, index: 1 });
  });

  it('starts from the page being read when no hit is selected', () => {
    expect(stepHit(counts, null, 1, 2)).toEqual({ page: 3, index: 0 });
    expect(stepHit(counts, null, -1, 2)).toEqual({ page: 1, index: 1 });
    expect(stepHit(counts, null, 1, 1)).toEqual({ page: 1, index: 0 });
  });

  it('wraps within the only page that has hits, and gives null without hits', () => {
    expect(stepHit([0, 2, 0], { page: 2, index: 1 }, 1, 2)).toEqual({ page: 2, index: 0 });
    expect(stepHit([0, 0], null, 1, 1)).toBeNull();
  });

  it('scans from the start page, then wraps to page 1', () => {
    expect(scanOrder(5, 3)).toEqual([3, 4, 5, 1, 2]);
    expect(scanOrder(3, 9)).toEqual([3, 1, 2]);
  });
});
