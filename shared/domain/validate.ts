/** Checks of document fields shared by the UI (before saving) and the core (before writing). */

/** A real calendar date written YYYY-MM-DD (2023-02-30 is not). */
export function isValidIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000 || year > 2999) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Splits "a, b,c" into tags, trimmed, empty ones dropped, case-insensitive duplicates removed. */
export function splitTags(text: string): string[] {
  const tags: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const tag = part.replace(/\s+/g, ' ').trim();
    if (tag && !tags.some((t) => t.toLocaleLowerCase() === tag.toLocaleLowerCase())) tags.push(tag);
  }
  return tags;
}
