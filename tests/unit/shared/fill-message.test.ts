import { describe, expect, it } from 'vitest';
import { fillMessage, recordViolation, violation } from '../../../electron/shared/compliance';

describe('rule messages name staff in the punctuation of their language', () => {
  it('a record kept without a certified officer says 王建国 (M001) in English, 王建国（M001） in Chinese', () => {
    const v = recordViolation('STAFF_NOT_CERTIFIED', 'legal', {
      staff: '王建国（M001）',
      date: '2026-12-04',
    });
    expect(v.message.zh).toBe('王建国（M001） 在 2026-12-04 没有有效的催收培训/资格证书');
    expect(v.message.en).toBe(
      '王建国 (M001) held no collection training or qualification certificate valid on 2026-12-04',
    );
  });

  it('a planned visit refused for a staff member on leave says the label the same way', () => {
    const v = violation('STAFF_ON_LEAVE', 'block', { staff: '孙磊（C103）', date: '2026-12-09' });
    expect(v.message.en).toBe('孙磊 (C103) is on leave on 2026-12-09');
    expect(v.message.zh).toBe('孙磊（C103） 在 2026-12-09 休假');
  });

  it('a list run with 、 takes commas in English, and numbers pass through', () => {
    const filled = fillMessage(
      { zh: '{names} 共 {count} 人', en: '{names}: {count} people' },
      { names: '李明（C101）、赵芳（C102）', count: 2 },
    );
    expect(filled).toEqual({
      zh: '李明（C101）、赵芳（C102） 共 2 人',
      en: '李明 (C101), 赵芳 (C102): 2 people',
    });
  });

  it('a value that opens with a bracket gains no space before it', () => {
    const filled = fillMessage(
      { zh: '文号 {ref}', en: 'ref. {ref}' },
      { ref: '（2026）浙0523民初1234号' },
    );
    expect(filled.en).toBe('ref. (2026)浙0523民初1234号');
    expect(filled.zh).toBe('文号 （2026）浙0523民初1234号');
  });
});
