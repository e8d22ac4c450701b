import { describe, expect, it } from 'vitest';
import { compareHlc, HybridClock, HlcError, parseHlc } from '../../shared/hlc';

describe('hybrid logical clock', () => {
  it('orders events of one archive even when the wall clock stands still or goes back', () => {
    let wall = Date.parse('2026-01-01T00:00:00Z');
    const clock = new HybridClock('aaaaaaaaaaaaaaaa', null, () => wall);
    const first = clock.tick();
    const second = clock.tick();
    wall -= 5000; // the PC clock was set back
    const third = clock.tick();
    expect(compareHlc(first, second)).toBe(-1);
    expect(compareHlc(second, third)).toBe(-1);
    expect(parseHlc(third).wallMs).toBe(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('sorts a received remote event before the next local one', () => {
    const wall = Date.parse('2026-01-01T00:00:00Z');
    const local = new HybridClock('aaaaaaaaaaaaaaaa', null, () => wall);
    const remote = new HybridClock('bbbbbbbbbbbbbbbb', null, () => wall + 60_000);
    const remoteEvent = remote.tick();
    local.receive(remoteEvent);
    expect(compareHlc(local.tick(), remoteEvent)).toBe(1);
  });

  it('continues from the last persisted timestamp after a restart', () => {
    const wall = Date.parse('2026-01-01T00:00:00Z');
    const before = new HybridClock('aaaaaaaaaaaaaaaa', null, () => wall + 10_000).tick();
    const restarted = new HybridClock('aaaaaaaaaaaaaaaa', before, () => wall);
    expect(compareHlc(restarted.tick(), before)).toBe(1);
  });

  it('refuses a remote clock more than a day ahead', () => {
    const wall = Date.parse('2026-01-01T00:00:00Z');
    const local = new HybridClock('aaaaaaaaaaaaaaaa', null, () => wall);
    const farFuture = new HybridClock('bbbbbbbbbbbbbbbb', null, () => wall + 3 * 24 * 3600_000).tick();
    expect(() => local.receive(farFuture)).toThrow(HlcError);
  });

  it('rejects malformed timestamps', () => {
    expect(() => parseHlc('yesterday')).toThrow(HlcError);
    expect(() => parseHlc('2026-01-01T00:00:00.000Z-0000-XYZ')).toThrow(HlcError);
  });
});
