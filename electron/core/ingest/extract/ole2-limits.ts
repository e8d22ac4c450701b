/**
 * Checks of an OLE2 compound file (a .doc) made before word-extractor reads it.
 *
 * word-extractor follows sector chains through the allocation tables with no bound: a chain
 * that loops (sector 1 → 2 → 1) makes it push sector numbers until V8 refuses the array, 1.7 GB
 * and 9 s for a 2 KB file. Its tables are sized from header counts it does not compare with the
 * file. So the structure is walked here first, in time and memory linear in the file's size: the
 * header's counts must fit in the file, and no chain in either allocation table may loop. A real
 * Word file passes all of this; one that does not is damaged (DOC_CORRUPT), never read further.
 */
import { MuragatError } from '../../../../shared/errors';

const FREE = -1;
const END_OF_CHAIN = -2;
const HEADER_MSAT_ENTRIES = 109;

function corrupt(why: string): MuragatError {
  return new MuragatError('DOC_CORRUPT', `the DOC file is damaged: ${why}`);
}

/** Reads the entries of the sectors `secIds` as one allocation table. */
function readTable(view: DataView, secIds: readonly number[], secSize: number): Int32Array {
  const perSector = secSize / 4;
  const table = new Int32Array(secIds.length * perSector);
  secIds.forEach((secId, i) => {
    const offset = (secId + 1) * secSize;
    for (let j = 0; j < perSector; j++) {
      const at = offset + j * 4;
      table[i * perSector + j] = at + 4 <= view.byteLength ? view.getInt32(at, true) : FREE;
    }
  });
  return table;
}

/**
 * Throws when some chain of the table loops. Each entry points at the next sector of its chain;
 * walking every chain once with three colours finds a cycle in linear time.
 */
function assertNoLoop(table: Int32Array, what: string): void {
  const state = new Uint8Array(table.length); // 0 unseen, 1 on the current walk, 2 done
  for (let start = 0; start < table.length; start++) {
    if (state[start] !== 0) continue;
    const walk: number[] = [];
    let at = start;
    while (at >= 0 && at < table.length && state[at] === 0) {
      state[at] = 1;
      walk.push(at);
      at = table[at]!;
    }
    if (at >= 0 && at < table.length && state[at] === 1) throw corrupt(`a chain of sectors in its ${what} loops back on itself`);
    for (const done of walk) state[done] = 2;
  }
}

/** The sectors of a chain, in order (the table has been checked for loops). */
function chain(table: Int32Array, start: number, limit: number): number[] {
  const out: number[] = [];
  for (let at = start; at >= 0 && at < table.length; at = table[at]!) {
    out.push(at);
    if (out.length > limit) throw corrupt('a chain of sectors is longer than the file');
  }
  return out;
}

/**
 * @throws MuragatError DOC_CORRUPT when the header's counts do not fit the file or a sector chain
 *   of the allocation table or the short allocation table loops.
 */
export function assertOle2Structure(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 512) throw corrupt('it is shorter than its header');
  const secShift = view.getUint16(30, true);
  if (secShift !== 9 && secShift !== 12) throw corrupt(`sector size 2^${secShift} is not 512 or 4096`);
  const secSize = 1 << secShift;
  // The header takes the first sector; every count below names sectors that must be in the file.
  const sectors = Math.max(0, Math.ceil(bytes.byteLength / secSize) - 1);
  const satSize = view.getUint32(44, true);
  const ssatStart = view.getInt32(60, true);
  const ssatSize = view.getUint32(64, true);
  const msatStart = view.getInt32(68, true);
  const msatSize = view.getUint32(72, true);
  if (satSize > sectors || ssatSize > sectors || msatSize > sectors) throw corrupt('its header counts more sectors than the file holds');

  // The master table: 109 entries in the header, then a chain of MSAT sectors (last entry: next).
  const msat: number[] = [];
  for (let i = 0; i < HEADER_MSAT_ENTRIES && msat.length < satSize; i++) msat.push(view.getInt32(76 + i * 4, true));
  const seen = new Set<number>();
  for (let sector = msatStart, read = 0; msat.length < satSize && sector >= 0 && read < msatSize; read++) {
    if (seen.has(sector)) throw corrupt('its master sector table loops back on itself');
    seen.add(sector);
    const offset = (sector + 1) * secSize;
    if (offset + secSize > bytes.byteLength) break;
    for (let j = 0; j < secSize / 4 - 1 && msat.length < satSize; j++) msat.push(view.getInt32(offset + j * 4, true));
    sector = view.getInt32(offset + secSize - 4, true);
  }
  const sat = readTable(view, msat.filter((secId) => secId >= 0 && secId < sectors), secSize);
  assertNoLoop(sat, 'sector table');

  if (ssatSize > 0 && ssatStart !== END_OF_CHAIN && ssatStart >= 0) {
    const ssat = readTable(view, chain(sat, ssatStart, sectors), secSize);
    assertNoLoop(ssat, 'short sector table');
  }
}
