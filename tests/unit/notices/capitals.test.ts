import { describe, expect, it } from 'vitest';
import { amountInCapitals, parseYuanToFen } from '../../../electron/shared/money';

/** [amount as written, expected capitals]; the amount goes through parseYuanToFen to fen. */
const table: [string, string][] = [
  // The brief's and the examples.
  ['0.00', '人民币零元整'],
  ['0.05', '人民币伍分'],
  ['10.00', '人民币壹拾元整'],
  ['20.00', '人民币贰拾元整'],
  ['20.05', '人民币贰拾元零伍分'],
  ['1,005.00', '人民币壹仟零伍元整'],
  ['12,345.67', '人民币壹万贰仟叁佰肆拾伍元陆角柒分'],
  ['600,000.00', '人民币陆拾万元整'],
  ['2,000,006.20', '人民币贰佰万零陆元贰角'],
  ['40,000,300.00', '人民币肆仟万零叁佰元整'],
  ['987,654,321.09', '人民币玖亿捌仟柒佰陆拾伍万肆仟叁佰贰拾壹元零玖分'],
  ['100,000,000.00', '人民币壹亿元整'],
  ['100,010,000.00', '人民币壹亿零壹万元整'],
  // The PBoC rule's own examples (支付结算办法 附件一).
  ['1,409.50', '人民币壹仟肆佰零玖元伍角'],
  ['6,007.14', '人民币陆仟零柒元壹角肆分'],
  ['1,680.32', '人民币壹仟陆佰捌拾元叁角贰分'],
  ['107,000.53', '人民币壹拾万柒仟元伍角叁分'],
  ['16,409.02', '人民币壹万陆仟肆佰零玖元零贰分'],
  ['325.04', '人民币叁佰贰拾伍元零肆分'],
  // 角 and 分 alone, and 整 only after 元.
  ['0.10', '人民币壹角'],
  ['0.50', '人民币伍角'],
  ['0.55', '人民币伍角伍分'],
  ['0.01', '人民币壹分'],
  ['100.50', '人民币壹佰元伍角'],
  ['1.00', '人民币壹元整'],
  ['1.01', '人民币壹元零壹分'],
  ['1.10', '人民币壹元壹角'],
  // 壹拾 in every position, never a bare 拾.
  ['11.00', '人民币壹拾壹元整'],
  ['110.00', '人民币壹佰壹拾元整'],
  ['100,000.00', '人民币壹拾万元整'],
  ['110,000.00', '人民币壹拾壹万元整'],
  ['1,000,000,000.00', '人民币壹拾亿元整'],
  ['1,010.00', '人民币壹仟零壹拾元整'],
  // Runs of zeros inside and across the 万 and 亿 groups: one 零 each.
  ['10,001.00', '人民币壹万零壹元整'],
  ['10,010.00', '人民币壹万零壹拾元整'],
  ['10,100.00', '人民币壹万零壹佰元整'],
  ['11,000.00', '人民币壹万壹仟元整'],
  ['100,001.00', '人民币壹拾万零壹元整'],
  ['1,000,100.00', '人民币壹佰万零壹佰元整'],
  ['1,050,000.00', '人民币壹佰零伍万元整'],
  ['10,000,001.00', '人民币壹仟万零壹元整'],
  ['99,999,999.99', '人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ['100,000,001.00', '人民币壹亿零壹元整'],
  ['100,001,000.00', '人民币壹亿零壹仟元整'],
  ['101,000,000.00', '人民币壹亿零壹佰万元整'],
  ['110,000,000.00', '人民币壹亿壹仟万元整'],
  ['1,000,100,000.00', '人民币壹拾亿零壹拾万元整'],
  ['200,000,000.05', '人民币贰亿元零伍分'],
  ['999,999,999,999.99', '人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
];

describe('amountInCapitals (PBoC settlement writing rules)', () => {
  it.each(table)('¥%s → %s', (written, expected) => {
    const fen = parseYuanToFen(written);
    expect(fen).not.toBeNull();
    expect(amountInCapitals(fen!)).toBe(expected);
  });

  it('never writes 整 after 角 or 分, and always ends 元 amounts with 整', () => {
    for (const [written, capitals] of table) {
      const fen = parseYuanToFen(written)!;
      expect(capitals.endsWith('整')).toBe(fen % 100 === 0);
    }
  });

  it('never writes two 零 in a row nor a bare leading 拾', () => {
    for (let fen = 0; fen < 3_000_000; fen += 997) {
      const capitals = amountInCapitals(fen * 1013);
      expect(capitals).not.toMatch(/零零/);
      expect(capitals).not.toMatch(/(^人民币|[万亿零])拾/);
      expect(capitals.startsWith('人民币')).toBe(true);
    }
  });

  it.each([
    [-1, 'negative'],
    [-100, 'negative'],
    [1.5, 'not an integer'],
    [Number.NaN, 'not an integer'],
    [Number.POSITIVE_INFINITY, 'not an integer'],
    [2 ** 60, 'not an integer'],
    [1e14, 'too large'],
  ])('throws for %s (%s)', (fen, reason) => {
    expect(() => amountInCapitals(fen)).toThrow(new RegExp(reason));
  });
});
