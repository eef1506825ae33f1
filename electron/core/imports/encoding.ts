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
 * Whether GB18030-decodable bytes stay within GBK (code page 936, what Excel writes for
 * "CSV" on a Chinese Windows): one- and two-byte characters only. GB18030 is GBK plus
 * four-byte sequences (a lead byte 0x81–0xFE followed by a digit byte 0x30–0x39), so a file
 * without any is a GBK file, and a clerk knows it by that name.
 */
export function withinGbk(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x81 || b === 0xff) continue;
    const next = bytes[i + 1];
    if (next !== undefined && next >= 0x30 && next <= 0x39) return false;
    i++;
  }
  return true;
}

/**
 * Chooses how to decode CSV bytes. Automatic detection goes BOM → strict UTF-8 → GB18030, in
 * that order: GB18030 accepts almost any byte sequence, so trying it first would silently
 * garble UTF-8. GBK is decoded as GB18030 (its superset): Node's 'gbk' label mangles 4-byte
 * sequences. What is reported is what the bytes are: GBK when no four-byte sequence occurs
 * (withinGbk), GB18030 otherwise or when the file says so with its BOM. Strict UTF-8 is
 * checked over the whole file here (a pass that keeps nothing); a BOM file or GB18030 can
 * still turn out invalid while being read, which the reader reports as `v.import.notText`.
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
  // A clerk who chose GB18030 is told GB18030; otherwise the bytes decide.
  const encoding = choice !== 'gb18030' && withinGbk(bytes) ? 'gbk' : 'gb18030';
  return { ok: true, label: 'gb18030', skip: 0, encoding };
}
