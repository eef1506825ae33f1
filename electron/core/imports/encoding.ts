import type { DetectedEncoding, ImportEncodingChoice } from '../../shared/schemas/imports';

export type DecodedText =
  | { ok: true; text: string; encoding: DetectedEncoding }
  | { ok: false; reason: 'v.import.notText' | 'v.import.utf16' };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const GB18030_BOM = [0x84, 0x31, 0x95, 0x33];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decode(label: 'utf-8' | 'gb18030', bytes: Uint8Array): string | null {
  try {
    // fatal: a byte sequence that is not valid in the encoding fails instead of becoming U+FFFD.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes CSV bytes. Automatic detection goes BOM → strict UTF-8 → GB18030, in that order:
 * GB18030 accepts almost any byte sequence, so trying it first would silently garble UTF-8.
 * GBK is decoded as GB18030 (its superset): Node's 'gbk' label mangles 4-byte sequences.
 */
export function decodeCsvBytes(
  bytes: Uint8Array,
  choice: ImportEncodingChoice = 'auto',
): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return { ok: false, reason: 'v.import.utf16' };
  }
  if (startsWith(bytes, UTF8_BOM)) {
    const text = decode('utf-8', bytes.subarray(3));
    return text === null
      ? { ok: false, reason: 'v.import.notText' }
      : { ok: true, text, encoding: 'utf8-bom' };
  }
  if (startsWith(bytes, GB18030_BOM)) {
    const text = decode('gb18030', bytes.subarray(4));
    return text === null
      ? { ok: false, reason: 'v.import.notText' }
      : { ok: true, text, encoding: 'gb18030' };
  }
  if (choice === 'utf8' || choice === 'auto') {
    const text = decode('utf-8', bytes);
    if (text !== null) return { ok: true, text, encoding: 'utf8' };
    if (choice === 'utf8') return { ok: false, reason: 'v.import.notText' };
  }
  const text = decode('gb18030', bytes);
  if (text === null) return { ok: false, reason: 'v.import.notText' };
  return { ok: true, text, encoding: choice === 'gbk' ? 'gbk' : 'gb18030' };
}
