/**
 * Input validation at the boundary: one zod schema per contract method. Every host (the desktop
 * core host, the browser-mode HTTP server) parses params with `parseContractInput` before a
 * handler sees them, so handlers get the typed shape or the caller gets INVALID_INPUT naming
 * the field. Semantic checks (a real calendar date, a document that exists) stay in the core.
 *
 * Kept out of contract.ts so the sandboxed preload, which only needs the method names, does not
 * bundle zod.
 */
import { z } from 'zod';
import type { ContractInput, ContractMethod } from './contract';
import { DOCUMENT_STATUSES, KIND_CODES, LANGUAGE_CODES, RELATION_TYPES } from './domain/kinds';
import { OCR_LANGUAGES } from './domain/ocr';
import { MuragatError } from './errors';
import { LOCALES } from './i18n';

const id = z.string().min(1).max(64);
const ids = z.array(id).min(1).max(10_000);
const shortText = (max: number) => z.string().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const kind = z.enum(KIND_CODES);
const lang = z.enum(LANGUAGE_CODES);
const tag = z.string().max(100);
const page = { limit: z.number().int().min(1).max(500).optional(), offset: z.number().int().min(0).max(1_000_000).optional() };
const none = z.union([z.null(), z.undefined()]).transform(() => undefined);
const relation = z.strictObject({ fromId: id, toId: id, type: z.enum(RELATION_TYPES) });
const importSource = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.strictObject({ type: z.literal('upload'), uploadId: z.string().regex(/^[0-9a-f-]{8,64}$/) }),
]);

type Schemas = { [M in ContractMethod]: z.ZodType<ContractInput<M>, unknown> };

export const CONTRACT_SCHEMAS: Schemas = {
  'app.info': none,
  'app.setLocale': z.strictObject({ locale: z.enum(LOCALES) }),
  'app.pickImportPaths': z.strictObject({ folders: z.boolean() }),
  'app.chooseDataFolder': none,
  'files.openOriginal': z.strictObject({ documentId: id }),
  'files.locate': z.strictObject({ documentId: id }),
  'archive.stats': none,
  'archive.rename': z.strictObject({ name: z.string().trim().min(1).max(200) }),
  'search.query': z.strictObject({
    query: z.string().max(100_000),
    kinds: z.array(kind).max(KIND_CODES.length).optional(),
    langs: z.array(lang).max(LANGUAGE_CODES.length).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    sort: z.enum(['relevance', 'date']).optional(),
    ...page,
    pagesPerHit: z.number().int().min(0).max(20).optional(),
    asTyped: z.boolean().optional(),
  }),
  'search.quickFind': z.strictObject({ text: z.string().max(1000), limit: z.number().int().min(1).max(50).optional() }),
  'library.browse': z.strictObject({
    kinds: z.array(kind).max(KIND_CODES.length).optional(),
    years: z.array(z.number().int().min(1000).max(2999)).max(200).optional(),
    issuers: z.array(shortText(500)).max(50).optional(),
    langs: z.array(lang).max(LANGUAGE_CODES.length).optional(),
    tags: z.array(tag).max(50).optional(),
    reviewPending: z.boolean().optional(),
    sort: z.enum(['date', 'title', 'added', 'number']).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    ...page,
  }),
  'documents.get': z.strictObject({ id }),
  'documents.pages': z.strictObject({ id }),
  'documents.pageOcr': z.strictObject({ id, pageNo: z.number().int().min(1).max(1_000_000) }),
  'documents.update': z.strictObject({
    id,
    expectedVersion: z.string().max(100).optional(),
    patch: z.strictObject({
      kind: kind.optional(),
      title: shortText(1000).optional(),
      number: shortText(200).nullable().optional(),
      date: isoDate.nullable().optional(),
      issuer: shortText(500).nullable().optional(),
      council: shortText(500).nullable().optional(),
      lang: lang.nullable().optional(),
      status: z.enum(DOCUMENT_STATUSES).optional(),
      notes: shortText(20_000).optional(),
      tags: z.array(tag).max(50).optional(),
    }),
  }),
  'documents.delete': z.strictObject({ ids }),
  'documents.restore': z.strictObject({ ids }),
  'documents.tag': z.strictObject({ ids, add: z.array(tag).max(50).optional(), remove: z.array(tag).max(50).optional() }),
  'documents.confirmReview': z.strictObject({ ids }),
  'documents.tags': none,
  'relations.add': relation,
  'relations.remove': relation,
  'import.start': z.strictObject({
    sources: z.array(importSource).min(1).max(100_000),
  }),
  'import.cancel': z.strictObject({ jobId: id }),
  'import.get': z.strictObject({ jobId: id }),
  'import.list': none,
  'ocr.status': none,
  'ocr.start': z.strictObject({ ids: ids.optional(), force: z.boolean().optional() }),
  'ocr.cancel': none,
  'ocr.setLanguages': z.strictObject({ languages: z.array(z.enum(OCR_LANGUAGES)).min(1).max(OCR_LANGUAGES.length) }),
  'jobs.list': none,
  'jobs.cancel': z.strictObject({ jobId: id }),
  'exchange.identity': none,
  'exchange.offices': none,
  'exchange.trust': z.strictObject({ archiveId: z.string().regex(/^[0-9a-f]{16}$/), name: z.string().trim().min(1).max(200), publicKey: z.string().min(20).max(200) }),
  'exchange.untrust': z.strictObject({ archiveId: z.string().min(1).max(64) }),
  'exchange.export': z.strictObject({
    selection: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('all') }),
      z.strictObject({ kind: z.literal('office'), office: z.string().min(1).max(200) }),
      z.strictObject({ kind: z.literal('ids'), ids }),
    ]),
    folder: z.string().min(1).max(4096).optional(),
  }),
  'exchange.inspect': z.strictObject({ source: importSource }),
  'exchange.import': z.strictObject({ source: importSource, trustSigner: z.boolean().optional() }),
  'exchange.conflicts': none,
  'exchange.resolve': z.strictObject({ id: z.number().int().min(1), keep: z.enum(['mine', 'theirs']) }),
  'exchange.history': none,
  'exchange.syncFolder': none,
  'exchange.setSyncFolder': z.strictObject({ folder: z.string().min(1).max(4096).nullable() }),
  'exchange.syncList': none,
  'exchange.syncSend': z.strictObject({ offices: z.array(z.string().min(1).max(200)).max(100).optional() }),
  'diagnostics.create': none,
};

/** The params checked against the method's schema; INVALID_INPUT naming the first bad field. */
export function parseContractInput<M extends ContractMethod>(method: M, params: unknown): ContractInput<M> {
  const result = CONTRACT_SCHEMAS[method].safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || '(params)';
  throw new MuragatError('INVALID_INPUT', `${method}: ${field}: ${issue?.message ?? 'invalid'}`, { field });
}
