import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { planDecoding, withinGbk } from '../../../electron/core/imports/encoding';
import { encodingNames } from '../../../electron/shared/schemas/imports';
import { expectOk, signedInCore } from '../support/core';

/** Issue 17: a GBK file was called GB18030; say what was found in words a clerk knows. */
const TEXT = '姓名,身份证号\r\n张三,石桥镇东村\r\n';

const detected = (bytes: Uint8Array) => {
  const plan = planDecoding(bytes);
  if (!plan.ok) throw new Error(plan.reason);
  return plan.encoding;
};
const bytesOf = (text: string, encoding: string) => new Uint8Array(iconv.encode(text, encoding));

describe('the encoding a file was read in, named for a clerk', () => {
  it('GBK bytes (as Excel saves CSV on a Chinese Windows) are GBK, not GB18030', () => {
    const bytes = bytesOf(TEXT, 'gbk');
    expect(detected(bytes)).toBe('gbk');
    expect(encodingNames[detected(bytes)]).toEqual({
      zh: '简体中文（GBK，Excel 默认）',
      en: "Simplified Chinese (GBK, Excel's default)",
    });
  });

  it('UTF-8 without and with a BOM', () => {
    expect(encodingNames[detected(bytesOf(TEXT, 'utf8'))]).toEqual({ zh: 'UTF-8', en: 'UTF-8' });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf(TEXT, 'utf8')]);
    expect(encodingNames[detected(withBom)]).toEqual({
      zh: 'UTF-8（带 BOM）',
      en: 'UTF-8 (with BOM)',
    });
  });

  it('GB18030 only when the bytes need it: a four-byte character, or its BOM', () => {
    // 𠮷 (U+20BB7) is outside GBK: GB18030 writes it as four bytes. Its linear index is
    // 0x20BB7 − 0x10000 + 189000 = 257535 = 20·12600 + 4·1260 + 49·10 + 5, so the bytes are
    // 0x81+20, 0x30+4, 0x81+49, 0x30+5.
    const fourByte = bytesOf('姓名\r\n𠮷\r\n', 'gb18030');
    expect([...fourByte.subarray(6, 10)]).toEqual([0x95, 0x34, 0xb2, 0x35]);
    expect(withinGbk(fourByte)).toBe(false);
    expect(detected(fourByte)).toBe('gb18030');
    expect(encodingNames.gb18030.zh).toBe('简体中文（GB18030）');
    const bom = new Uint8Array([0x84, 0x31, 0x95, 0x33, ...bytesOf(TEXT, 'gb18030')]);
    expect(detected(bom)).toBe('gb18030');
    // GBK text in GB18030 bytes is the same bytes: GBK.
    expect(detected(bytesOf(TEXT, 'gb18030'))).toBe('gbk');
  });

  it('a clerk who chose GB18030 is told GB18030; choosing GBK says GBK', () => {
    const bytes = bytesOf(TEXT, 'gbk');
    expect(planDecoding(bytes, 'gb18030')).toMatchObject({ encoding: 'gb18030' });
    expect(planDecoding(bytes, 'gbk')).toMatchObject({ encoding: 'gbk' });
  });

  it('the preview says it through the channel', async () => {
    const core = await signedInCore();
    const file = `姓名,身份证号,贷款编号,贷款本金,放款日期,剩余本金\r\n张三,,L1,1,2024-01-01,1\r\n`;
    const preview = expectOk(
      await core.invoke('imports:preview', {
        fileName: '清单.csv',
        contentBase64: Buffer.from(iconv.encode(file, 'gbk')).toString('base64'),
      }),
    );
    expect(preview.encoding).toBe('gbk');
  });
});
