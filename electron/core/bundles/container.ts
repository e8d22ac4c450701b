/**
 * The bundle container (docs/ARCHITECTURE.md §7): writing, reading and verifying the signed `*.muragat` ZIP,
 * safely against hostile input. Which records go in, and what importing them means, is the
 * caller's business (export.ts, import.ts); this layer guarantees that what comes out of a bundle
 * is exactly what its signer put in, or a MuragatError saying what is wrong.
 */
export { writeBundle, type BundleFileInput, type WriteBundleInput, type WrittenBundle } from './container/write';
export { openBundle, type OpenedBundle } from './container/read';
