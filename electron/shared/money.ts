/** Money is integer fen (分) everywhere; yuan with two decimals only at the edges. */

/** 123456 → "1,234.56" (no currency sign). */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/** 123456 → "¥1,234.56". */
export function formatYuan(fen: number): string {
  return fen < 0 ? `-¥${formatFen(-fen)}` : `¥${formatFen(fen)}`;
}

/**
 * Parses an amount as people and spreadsheets write it: 1234.5, 1,234.50, ¥1,234.50 or
 * ￥1,234.50 (the full-width sign Excel uses in GBK files), optional spaces and a trailing 元.
 * Returns integer fen, or null when the text is not an amount (more than 2 decimals, letters…).
 */
export function parseYuanToFen(text: string | number): number | null {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) return null;
    const fen = Math.round(text * 100);
    return Math.abs(text * 100 - fen) < 1e-6 && Number.isSafeInteger(fen) ? fen : null;
  }
  const cleaned = text
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '')
    .trim();
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(cleaned)) return null;
  const negative = cleaned.startsWith('-');
  const [whole, decimals = ''] = cleaned.replace(/^-/, '').replace(/,/g, '').split('.');
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return negative ? -fen : fen;
}

const CAPITAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACE_UNITS = ['', '拾', '佰', '仟'] as const;
const GROUP_UNITS = ['', '万', '亿'] as const;
/** 1 万亿 yuan in fen: larger amounts would need 万亿 groups no document of ours can hold. */
const CAPITALS_LIMIT_FEN = 1e14;

/** 1–9999 written with place units; a run of zeros between digits is one 零, trailing zeros none. */
function groupInCapitals(group: number): string {
  let text = '';
  let zeroPending = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(group / 10 ** place) % 10;
    if (digit === 0) {
      zeroPending = text !== '';
      continue;
    }
    if (zeroPending) text += '零';
    zeroPending = false;
    // Always 壹拾, never a bare 拾: the settlement rules write the 壹 so nothing can be added.
    text += CAPITAL_DIGITS[digit]! + PLACE_UNITS[place]!;
  }
  return text;
}

/** Whole yuan (> 0) in four-digit groups (亿, 万, units), one 零 for each run of zeros. */
function yuanInCapitals(yuan: number): string {
  const groups: number[] = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
  let text = '';
  let zeroPending = false;
  for (let index = groups.length - 1; index >= 0; index--) {
    const group = groups[index]!;
    if (group === 0) {
      zeroPending = text !== '';
      continue;
    }
    // Leading zeros of a lower group (e.g. 1|0005 → 壹万零伍) are a run of zeros too.
    if (text !== '' && group < 1000) zeroPending = true;
    if (zeroPending) text += '零';
    zeroPending = false;
    text += groupInCapitals(group) + GROUP_UNITS[index]!;
  }
  return text;
}

/**
 * An amount in Chinese capitals with its 人民币 prefix, as on bills and settlement vouchers:
 * 100500 → "人民币壹仟零伍元整", 2005 → "人民币贰拾元零伍分".
 *
 * Source: the People's Bank of China 《支付结算办法》 (银发〔1997〕393号), Annex 1
 * 《正确填写票据和结算凭证的基本规定》, rules on 中文大写金额:
 * - "人民币" precedes the amount; 拾 is always written with its digit (壹拾).
 * - 整 follows 元 when there are no 角 and 分. The rule says 整 "may be omitted" after 角 and is
 *   never written after 分; we consistently omit it after 角 (人民币壹佰元伍角).
 * - A zero between digits is written 零, and a run of zeros is one 零 (￥6,007.14 →
 *   陆仟零柒元壹角肆分); 角 zero with 分 non-zero puts 零 after 元 (￥325.04 → 叁佰贰拾伍元零肆分).
 * - Where the 万 or 元 place is zero but the next place (千 or 角) is not, the rule allows either
 *   one 零 or none; we write none (￥107,000.53 → 壹拾万柒仟元伍角叁分, ￥1,680.32 →
 *   壹仟陆佰捌拾元叁角贰分), as the rule's first examples do.
 * Throws on negative, non-integer or unsafe amounts, and from 1 万亿 yuan up.
 */
export function amountInCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  if (fen < 0) throw new RangeError(`amounts in capitals cannot be negative: ${fen}`);
  if (fen >= CAPITALS_LIMIT_FEN) throw new RangeError(`amount too large for capitals: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '人民币零元整';
  let text = '人民币';
  if (yuan > 0) text += `${yuanInCapitals(yuan)}元`;
  if (jiao === 0 && cents === 0) return `${text}整`;
  if (jiao > 0) text += `${CAPITAL_DIGITS[jiao]!}角`;
  else if (yuan > 0) text += '零';
  if (cents > 0) text += `${CAPITAL_DIGITS[cents]!}分`;
  return text;
}
