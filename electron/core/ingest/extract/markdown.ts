/**
 * Markdown read as text: the words a reader sees, without the markup that would otherwise end up
 * in snippets (`**`, `#`, link targets). Not a full CommonMark renderer, on purpose: the text is
 * what matters, and a line-based pass is predictable on anything a person typed.
 * Kept: front matter content, code (verbatim), list numbers (legal texts number their points).
 * Dropped: heading marks, emphasis marks, link targets, images, bullets, rules, table borders.
 */
import { MEDIA_TYPES } from './sniff';
import { decodeText } from './text';
import type { ExtractedDocument } from './types';

/* ------------------------------------------------------------------------------------------------
 * Inline markup
 * ---------------------------------------------------------------------------------------------- */

// Private-use characters never appear in real Markdown; they shield code spans and escapes.
const SHIELD_OPEN = '\uE000';
const SHIELD_CLOSE = '\uE001';

/** Removes inline markup from one line of Markdown. */
export function stripInlineMarkdown(line: string): string {
  const shielded: string[] = [];
  const shield = (text: string): string => `${SHIELD_OPEN}${shielded.push(text) - 1}${SHIELD_CLOSE}`;

  let s = line
    // Code spans: their content is literal text.
    .replace(/(`+)(.+?)\1(?!`)/g, (_, _ticks: string, code: string) => shield(code.trim()))
    // Backslash escapes: the character itself, never markup.
    .replace(/\\([\\`*_{}[\]()#+\-.!|~<>"'])/g, (_, ch: string) => shield(ch));

  s = s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images: nothing to read
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]*)\]\([^)\s]*(?:\s+(?:"[^"]*"|'[^']*'))?\)/g, '$1') // [text](url "title")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // [text][ref]
    .replace(/<((?:https?|ftp|mailto):[^>\s]+)>/gi, '$1') // <https://…>
    .replace(/<([^>\s@]+@[^>\s@]+)>/g, '$1') // <name@example.kz>
    .replace(/<!--.*?-->/g, '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, ''); // inline HTML tags

  // Emphasis: markers must hug non-space text, so "2 * 3 * 4" and snake_case survive.
  s = s
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/(?<![\p{L}\p{N}*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\p{L}\p{N}*])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\p{L}\p{N}_])/gu, '$1');

  return s.replace(new RegExp(`${SHIELD_OPEN}(\\d+)${SHIELD_CLOSE}`, 'g'), (_, index: string) => shielded[Number(index)] ?? '');
}

/* ------------------------------------------------------------------------------------------------
 * Blocks
 * ---------------------------------------------------------------------------------------------- */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S+/;
const BLOCKQUOTE = /^ {0,3}(?:>[ \t]?)+/;
const BULLET = /^[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?/;
const TABLE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/;

/** Length of the front matter block (lines, delimiters included), or 0. */
function frontMatterLength(lines: readonly string[]): number {
  const open = lines[0]?.trim();
  if (open !== '---' && open !== '+++') return 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === open || (open === '---' && line === '...')) return i + 1;
  }
  return 0;
}

function tableRowToText(line: string): string {
  return line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()).join('\t');
}

/** Markdown to plain text, one paragraph (source line) per line, and the first level-1 heading. */
export function markdownToText(markdown: string): { text: string; title?: string } {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let title: string | undefined;

  const frontMatter = frontMatterLength(lines);
  for (let i = 1; i < frontMatter - 1; i++) out.push(lines[i]!.trim());

  let fence: string | undefined;
  for (let i = frontMatter; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && line.trim() === fenceMatch[1]) fence = undefined;
      else out.push(line.trimEnd()); // code is literal
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }

    const heading = ATX_HEADING.exec(line);
    if (heading) {
      const text = stripInlineMarkdown(heading[2] ?? '').trim();
      if (heading[1] === '#' && title === undefined && text !== '') title = text;
      out.push(text);
      continue;
    }
    const previous = out.length > 0 ? out[out.length - 1]! : '';
    if (SETEXT_UNDERLINE.test(line) && previous.trim() !== '' && lines[i - 1]?.trim() !== '') {
      if (line.trim().startsWith('=') && title === undefined) title = previous.trim();
      continue;
    }
    if (THEMATIC_BREAK.test(line) || REFERENCE_DEFINITION.test(line) || TABLE_SEPARATOR.test(line)) continue;

    let body = line.replace(BLOCKQUOTE, '').replace(BULLET, '');
    if (/^\s*\|.*\|\s*$/.test(body)) body = tableRowToText(body);
    out.push(stripInlineMarkdown(body).trim());
  }

  const text = out.filter((line) => line.trim() !== '').join('\n');
  return { text, ...(title ? { title } : {}) };
}

/** A Markdown file as one page of text (decoded with the same detection as TXT). */
export function extractMarkdown(bytes: Uint8Array): ExtractedDocument {
  const decoded = decodeText(bytes);
  const { text, title } = markdownToText(decoded.text);
  return {
    format: 'markdown',
    mediaType: MEDIA_TYPES.markdown,
    pages: [{ pageNo: 1, text, needsOcr: false }],
    ...(title ? { embeddedTitle: title } : {}),
    encoding: decoded.encoding,
    warnings: decoded.warnings,
  };
}
