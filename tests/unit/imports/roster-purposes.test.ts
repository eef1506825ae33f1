import { describe, expect, it } from 'vitest';
import { importRoster, rosterPurpose } from '../../../electron/core/planning/import-roster';
import { purposeList } from '../../../electron/core/planning/purpose-words';
import { certifiedStaff, planningCore, seedBorrower } from '../planning/support';

const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);

describe('roster purposes, in the words branch staff write', () => {
  it.each([
    // What the issue names, both word orders.
    ['还款协商', 'negotiation'],
    ['协商还款', 'negotiation'],
    ['上门催收', 'reminder'],
    ['送达通知', 'reminder'],
    ['核实情况', 'situation_check'],
    ['情况核实', 'situation_check'],
    ['收款', 'payment_receipt'],
    // The screen's own labels and the codes.
    ['还款提醒', 'reminder'],
    ['了解情况', 'situation_check'],
    ['签订还款计划', 'repayment_plan'],
    ['收取还款', 'payment_receipt'],
    ['reminder', 'reminder'],
    ['payment_receipt', 'payment_receipt'],
    ['repayment_plan', 'repayment_plan'],
    ['situation_check', 'situation_check'],
    // Longer phrases, extra words, other orders.
    ['上门收款', 'payment_receipt'],
    ['上门收取现金还款', 'payment_receipt'],
    ['送达催收函', 'reminder'],
    ['上门送达还款通知书', 'reminder'],
    ['催缴欠款', 'reminder'],
    ['电话联系不上，上门了解家庭情况', 'situation_check'],
    ['失联核查', 'situation_check'],
    ['贷后检查', 'situation_check'],
    ['与借款人面谈协商', 'negotiation'],
    ['制定分期还款方案', 'repayment_plan'],
    // Both a negotiation and a plan: the longer keyword (还款计划) decides.
    ['协商还款计划', 'repayment_plan'],
    // Tied on length (协商, 分期): the more specific purpose, the plan.
    ['协商分期', 'repayment_plan'],
    ['上门走访', 'reminder'],
    // Full-width letters, stray spaces and punctuation.
    ['ＲＥＭＩＮＤＥＲ', 'reminder'],
    [' 协 商 还 款 ', 'negotiation'],
    ['核实情况。', 'situation_check'],
    ['（收款）', 'payment_receipt'],
    // English as staff write it.
    ['Negotiation', 'negotiation'],
    ['negotiate repayment', 'negotiation'],
    ['Repayment plan', 'repayment_plan'],
    ['instalment arrangement', 'repayment_plan'],
    ['Receipt of payment', 'payment_receipt'],
    ['collect cash', 'payment_receipt'],
    ['payment collection', 'payment_receipt'],
    ['collection visit', 'reminder'],
    ['Situation check', 'situation_check'],
    ['verify address', 'situation_check'],
    ['deliver notice', 'reminder'],
    ['home visit', 'reminder'],
  ] as const)('%s → %s', (written, purpose) => {
    expect(rosterPurpose(written)).toBe(purpose);
  });

  it('a blank cell (or one of punctuation only) is a reminder; words it does not know are not guessed', () => {
    expect(rosterPurpose('')).toBe('reminder');
    expect(rosterPurpose(' - ')).toBe('reminder');
    expect(rosterPurpose('走亲戚')).toBeNull();
    expect(rosterPurpose('explain the contract')).toBeNull();
    expect(rosterPurpose('其他')).toBeNull();
  });

  it('lists the purposes that exist, in both languages, in the screen’s order', () => {
    expect(purposeList()).toEqual({
      zh: '还款提醒、协商还款、了解情况、签订还款计划、收取还款',
      en: 'Reminder, Negotiation, Situation check, Repayment plan, Receipt of payment',
    });
  });

  it('a roster plans by keyword and answers an unknown word with the purposes that exist', async () => {
    const core = await planningCore();
    await certifiedStaff(core, 'C001');
    await certifiedStaff(core, 'C002');
    const a = seedBorrower(core);
    const b = seedBorrower(core);
    const file = csv([
      '身份证号,走访日期,开始时间,结束时间,走访人员,走访目的',
      `${a.idNumber},2026-03-10,09:00,10:00,C001、C002,上门协商还款`,
      `${b.idNumber},2026-03-11,09:00,10:00,C001、C002,其他事项`,
    ]);
    const result = await importRoster(core.app, { name: 'roster.csv', bytes: file }, 'valid-only');
    expect(result.errors).toEqual([
      {
        line: 3,
        rule: 'FORMAT',
        reason:
          '未知目的“其他事项”；可用的目的：还款提醒、协商还款、了解情况、签订还款计划、收取还款',
        reasonEn:
          'Unknown purpose "其他事项"; the purposes are: Reminder, Negotiation, Situation check, Repayment plan, Receipt of payment',
      },
    ]);
    expect(result).toMatchObject({ planned: 1, rejected: 1 });
    expect(core.app.db.prepare('SELECT borrower_id, purpose FROM visits').all()).toEqual([
      { borrower_id: a.borrowerId, purpose: 'negotiation' },
    ]);
  });
});
