import type { DetectedEncoding, ImportEncodingChoice } from '../../shared/schemas/imports';

/** How to decode a file: the decoder, the BOM bytes to skip, what to report. */
export type DecodingPlan =
  | { ok: true; label: 'utf-8' | 'gb18030'; skip: number; encoding: DetectedEncoding }
  | { ok: false; reason: 'v.import.notText' | 'v.import.utf16' };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const GB18030_BOM = [0x84, 0x31, 0x95, 0x33];

/** Bytes decoded per step: big enough to be quick, small enough to keep memory flat. */
export const DECODE_CHUNK_BYTES = 256 * 1024;

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Thrown while reading when the bytes turn out not to be valid in the chosen encoding. */
export class UndecodableText extends Error {
  constructor() {
    super('the bytes are not valid in the chosen encoding');
  }
}

/**
 * Decodes `bytes` piece by piece. A multi-byte character split between two pieces is kept
 * whole (the decoder carries it over). Throws on a sequence that is not valid in the encoding
 * (fatal: it fails instead of becoming U+FFFD), as UndecodableText.
 */
export function* decodePieces(
  label: 'utf-8' | 'gb18030',
  bytes: Uint8Array,
  chunkBytes = DECODE_CHUNK_BYTES,
): Generator<string, void, undefined> {
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  const decode = (part?: Uint8Array) => {
    try {
      return part ? decoder.decode(part, { stream: true }) : decoder.decode();
    } catch {
      throw new UndecodableText();
    }
  };
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    const piece = decode(bytes.subarray(at, at + chunkBytes));
    if (piece) yield piece;
  }
  const tail = decode();
  if (tail) yield tail;
}

/** Whether all of `bytes` is valid in the encoding, without holding the decoded text. */
export function decodesCleanly(label: 'utf-8' | 'gb18030', bytes: Uint8Array): boolean {
  try {
    for (const piece of decodePieces(label, bytes)) void piece;
    return true;
  } catch {
    return false;
  }
}

/**
 * Chooses how to decode CSV bytes. Automatic detection goes BOM → strict UTF-8 → GB18030, in
 * that order: GB18030 accepts almost any byte sequence, so trying it first would silently
 * garble UTF-8. GBK is decoded as GB18030 (its superset): Node's 'gbk' label mangles 4-byte
 * sequences. Strict UTF-8 is checked over the whole file here (a pass that keeps nothing); a
 * BOM file or GB18030 can still turn out invalid while being read, which the reader reports
 * as `v.import.notText`.
 */
export function planDecoding(
  bytes: Uint8Array,
  choice: ImportEncodingChoice = 'auto',
): DecodingPlan {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return { ok: false, reason: 'v.import.utf16' };
  }
  if (startsWith(bytes, UTF8_BOM))
    return { ok: true, label: 'utf-8', skip: 3, encoding: 'utf8-bom' };
  if (startsWith(bytes, GB18030_BOM)) {
    return { ok: true, label: 'gb18030', skip: 4, encoding: 'gb18030' };
  }
  if (choice === 'utf8' || choice === 'auto') {
    if (decodesCleanly('utf-8', bytes))
      return { ok: true, label: 'utf-8', skip: 0, encoding: 'utf8' };
    if (choice === 'utf8') return { ok: false, reason: 'v.import.notText' };
  }
  return { ok: true, label: 'gb18030', skip: 0, encoding: choice === 'gbk' ? 'gbk' : 'gb18030' };
}
