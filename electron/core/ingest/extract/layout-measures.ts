/**
 * Measures the extractors that give layout lines (DOCX, ODT, HTML) share, so a heading is judged
 * the same way whatever format it came in.
 */

/** A line is bold when nearly all of its characters are: one bold word does not make a heading. */
export const BOLD_SHARE = 0.8;

/**
 * The size that most characters are set in (sizes → character counts): the body text's size. On a
 * tie the smaller size wins (body text is the smaller of two equal runs), whatever the map's order.
 */
export function mostCommonSize(sizes: ReadonlyMap<number, number>): number | undefined {
  let best: number | undefined;
  let count = 0;
  for (const [size, chars] of sizes) {
    if (chars > count || (chars === count && best !== undefined && size < best)) {
      best = size;
      count = chars;
    }
  }
  return best;
}
