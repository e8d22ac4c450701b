import { describe, expect, it } from 'vitest';
import { isUuid, newArchiveId, uuidV7 } from '../../shared/ids';

describe('ids', () => {
  it('makes RFC 9562 version-7 UUIDs that sort by creation time', () => {
    const earlier = uuidV7(Date.parse('2025-01-01T00:00:00Z'));
    const later = uuidV7(Date.parse('2025-01-01T00:00:01Z'));
    expect(isUuid(earlier)).toBe(true);
    expect(earlier[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(earlier[19]);
    expect(earlier < later).toBe(true);
  });

  it('never repeats', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidV7(0)));
    expect(ids.size).toBe(10_000);
  });

  it('makes 16-hex-digit archive ids', () => {
    expect(newArchiveId()).toMatch(/^[0-9a-f]{16}$/);
  });
});
