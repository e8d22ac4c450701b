import { describe, expect, it } from 'vitest';
import { detectMetadata } from '../../../shared/metadata';

// A letter whose outgoing stamp sits on the addressee's baseline: the page text joins them.
const PAGE = [
  'МИНИСТЕРСТВО ЮСТИЦИИ РЕСПУБЛИКИ КАЗАХСТАН',
  '№ исх: 16-13-183Д/С от: 31.05.2024 Председателю Общественного совета',
  'при Министерстве юстиции',
  'О рассмотрении рекомендаций',
  'На Ваш № 12-3/456 от 20.05.2024 сообщаем, что рекомендации Общественного совета рассмотрены и приняты к исполнению в установленном порядке.',
].join('\n');

describe('an outgoing stamp that shares its baseline with the addressee', () => {
  it('is the letter’s own number when the layout sets it apart', () => {
    const layout = [[
      { text: 'МИНИСТЕРСТВО ЮСТИЦИИ РЕСПУБЛИКИ КАЗАХСТАН', align: 'center' as const, size: 1.2 },
      { text: '№ исх: 16-13-183Д/С от: 31.05.2024', x: 0.1, size: 0.9 },
      { text: 'Председателю Общественного совета', x: 0.6 },
      { text: 'при Министерстве юстиции', x: 0.6 },
      { text: 'О рассмотрении рекомендаций', align: 'center' as const },
    ]];
    const found = detectMetadata({ pages: [PAGE], layout });
    expect(found.number).toBe('16-13-183Д/С');
    expect(found.date).toBe('2024-05-31');
  });

  it('is not taken from running text alone: without layout the joined line is no stamp', () => {
    const found = detectMetadata({ pages: [PAGE] });
    expect(found.number).not.toBe('12-3/456');
    expect(found.candidates.number?.[0]?.value).not.toBe('12-3/456');
  });
});
