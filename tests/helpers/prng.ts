/**
 * mulberry32: a small, fast, seedable PRNG. Every fuzz run takes its seed from here, so the same
 * seed gives the same queries, requests and files everywhere and a failure can be replayed.
 * Returns floats in [0, 1).
 */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
