/**
 * Hybrid logical clock (Kulkarni et al.), as used by Actual Budget's CRDT sync. Every change an
 * archive makes is stamped with an HLC so that changes from different offices have one total
 * order ("last writer wins") even when their wall clocks disagree.
 *
 * Serialised form, chosen so that plain string comparison is the clock order:
 *   2026-11-26T07:03:30.123Z-0000-1f2e3d4c5b6a7980
 *   ^ wall time (ms, ISO)    ^ counter (hex) ^ archive id (node)
 */

export interface Hlc {
  /** Milliseconds since the Unix epoch. */
  wallMs: number;
  /** Disambiguates events within the same millisecond. */
  counter: number;
  /** The archive that produced the event. */
  node: string;
}

/** Refuse to move the clock further than this ahead of the local wall time (a broken clock elsewhere). */
export const MAX_CLOCK_DRIFT_MS = 24 * 60 * 60 * 1000;
const MAX_COUNTER = 0xffff;

export class HlcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HlcError';
  }
}

export function formatHlc(hlc: Hlc): string {
  return `${new Date(hlc.wallMs).toISOString()}-${hlc.counter.toString(16).padStart(4, '0')}-${hlc.node}`;
}

const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;

export function parseHlc(text: string): Hlc {
  const match = HLC_PATTERN.exec(text);
  if (!match) throw new HlcError(`not an HLC timestamp: ${text.slice(0, 64)}`);
  const wallMs = Date.parse(match[1] ?? '');
  if (!Number.isFinite(wallMs)) throw new HlcError(`bad HLC wall time: ${text.slice(0, 64)}`);
  return { wallMs, counter: parseInt(match[2] ?? '0', 16), node: match[3] ?? '' };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The clock of one archive. Not a singleton: the archive owns one and persists `last`
 * so that the clock never goes backwards across restarts.
 */
export class HybridClock {
  private last: Hlc;

  constructor(
    readonly node: string,
    last: string | null,
    private readonly now: () => number = Date.now,
  ) {
    this.last = last ? parseHlc(last) : { wallMs: 0, counter: 0, node };
  }

  /** A timestamp for a local event. */
  tick(): string {
    const wall = this.now();
    if (wall > this.last.wallMs) {
      this.last = { wallMs: wall, counter: 0, node: this.node };
    } else {
      this.last = { wallMs: this.last.wallMs, counter: this.nextCounter(this.last.counter), node: this.node };
    }
    return formatHlc(this.last);
  }

  /** Merge a timestamp received from another archive, so our next events sort after it. */
  receive(remoteText: string): string {
    const remote = parseHlc(remoteText);
    const wall = this.now();
    if (remote.wallMs - wall > MAX_CLOCK_DRIFT_MS) {
      throw new HlcError(`remote clock is too far ahead: ${remoteText}`);
    }
    const maxWall = Math.max(wall, this.last.wallMs, remote.wallMs);
    let counter: number;
    if (maxWall === this.last.wallMs && maxWall === remote.wallMs) counter = this.nextCounter(Math.max(this.last.counter, remote.counter));
    else if (maxWall === this.last.wallMs) counter = this.nextCounter(this.last.counter);
    else if (maxWall === remote.wallMs) counter = this.nextCounter(remote.counter);
    else counter = 0;
    this.last = { wallMs: maxWall, counter, node: this.node };
    return formatHlc(this.last);
  }

  current(): string {
    return formatHlc(this.last);
  }

  private nextCounter(counter: number): number {
    if (counter >= MAX_COUNTER) throw new HlcError('HLC counter overflow (more than 65535 events in one millisecond)');
    return counter + 1;
  }
}
