import type { DocumentPatch } from '../../../shared/domain/library';
import { deleteDocuments, updateDocument } from '../../core/documents/edit';
import { EXIT_OK, usageError, type Command } from '../command';
import { printJson } from '../output';

export const editCommand: Command = {
  name: 'edit',
  summary: "change a document's details (a new version that bundles carry to other offices)",
  usage: 'edit ID [--title T] [--kind K] [--number N] [--date YYYY-MM-DD] [--issuer I] [--lang L] [--status S] [--tag T]…',
  options: {
    title: { type: 'string' },
    kind: { type: 'string' },
    number: { type: 'string' },
    date: { type: 'string' },
    issuer: { type: 'string' },
    lang: { type: 'string' },
    status: { type: 'string' },
    tag: { type: 'string', multiple: true },
  },
  async run({ archive, positionals, values, json, io }) {
    const idOrPrefix = positionals[0];
    if (!idOrPrefix) throw usageError('give the id of the document to change');
    const id = archive.get(idOrPrefix).id;
    const patch: Record<string, unknown> = {};
    for (const field of ['title', 'kind', 'number', 'date', 'issuer', 'lang', 'status'] as const) {
      if (typeof values[field] === 'string') patch[field] = values[field] === '' && field !== 'title' ? null : values[field];
    }
    if (Array.isArray(values.tag)) patch.tags = values.tag.map(String);
    if (Object.keys(patch).length === 0) throw usageError('nothing to change: give at least one of --title, --kind, --number, --date, --issuer, --lang, --status, --tag');
    const changed = updateDocument(archive.context, id, patch as DocumentPatch);
    const details = archive.get(id);
    if (json) printJson(io, { id, changed, version: details.version });
    else io.out(changed ? `changed ${id}\n` : `nothing to change in ${id}\n`);
    return EXIT_OK;
  },
};

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'move documents to the bin (the deletion travels to other offices in bundles)',
  usage: 'delete ID…',
  options: {},
  async run({ archive, positionals, json, io }) {
    if (positionals.length === 0) throw usageError('give the ids of the documents to delete');
    const ids = positionals.map((idOrPrefix) => archive.get(idOrPrefix).id);
    const deleted = deleteDocuments(archive.context, ids);
    if (json) printJson(io, { deleted });
    else io.out(`deleted ${deleted.length} document(s)\n`);
    return EXIT_OK;
  },
};
