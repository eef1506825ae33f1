import zlib from 'node:zlib';
import { MAX_XLSX_RATIO, MAX_XLSX_UNPACKED_BYTES, XLSX_RATIO_CHECK_FROM_BYTES } from './limits';

/**
 * Looks inside a zip before anything unpacks it for real: an XLSX is a zip, and a zip of a
 * few MB can hold gigabytes of one repeated byte. First the central directory's declared sizes
 * (each entry, the total, the packing ratio), then, since a directory can lie, every entry is
 * inflated once with its output counted and thrown away, stopping at the bound.
 */
export type ZipVerdict =
  { ok: true } | { ok: false; reason: 'v.import.notXlsx' | 'v.import.unpacksTooLarge' };

interface ZipEntry {
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;

const notZip: ZipVerdict = { ok: false, reason: 'v.import.notXlsx' };
const tooLarge: ZipVerdict = { ok: false, reason: 'v.import.unpacksTooLarge' };

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A 64-bit little-endian size; anything past 2^53 is simply huge. */
function u64(v: DataView, at: number): number {
  return v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;
}

/** Where the central directory is and how many entries it lists. */
function directoryOf(bytes: Uint8Array): { offset: number; count: number } | null {
  const v = view(bytes);
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= stop; at--) {
    if (v.getUint32(at, true) !== EOCD) continue;
    let count = v.getUint16(at + 10, true);
    let offset = v.getUint32(at + 16, true);
    if ((count === 0xffff || offset === 0xffffffff) && at >= 20) {
      // ZIP64: the locator just before the end record points at the 64-bit end record.
      if (v.getUint32(at - 20, true) !== ZIP64_EOCD_LOCATOR) return null;
      const end = u64(v, at - 12);
      if (end + 56 > bytes.length || v.getUint32(end, true) !== ZIP64_EOCD) return null;
      count = u64(v, end + 32);
      offset = u64(v, end + 48);
    }
    return offset < bytes.length ? { offset, count } : null;
  }
  return null;
}

/** The ZIP64 extra field's sizes, for entries whose 32-bit fields say 0xFFFFFFFF. */
function zip64Sizes(v: DataView, extra: number, extraEnd: number, entry: ZipEntry): void {
  for (let at = extra; at + 4 <= extraEnd;) {
    const id = v.getUint16(at, true);
    const length = v.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const take = () => {
        const value = field + 8 <= at + 4 + length ? u64(v, field) : Infinity;
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localHeader === 0xffffffff) entry.localHeader = take();
      return;
    }
    at += 4 + length;
  }
}

function entriesOf(bytes: Uint8Array): ZipEntry[] | null {
  const directory = directoryOf(bytes);
  if (!directory) return null;
  const v = view(bytes);
  const entries: ZipEntry[] = [];
  let at = directory.offset;
  for (let i = 0; i < directory.count; i++) {
    if (at + 46 > bytes.length || v.getUint32(at, true) !== CENTRAL) return null;
    const entry: ZipEntry = {
      method: v.getUint16(at + 10, true),
      compressedSize: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
      localHeader: v.getUint32(at + 42, true),
    };
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    const extra = at + 46 + nameLength;
    zip64Sizes(v, extra, Math.min(extra + extraLength, bytes.length), entry);
    entries.push(entry);
    at = extra + extraLength + commentLength;
  }
  return entries;
}

/** What the directory declares: refused before a single byte is inflated. */
function declaredVerdict(entries: ZipEntry[]): ZipVerdict {
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > MAX_XLSX_UNPACKED_BYTES) return tooLarge;
    if (e.size > XLSX_RATIO_CHECK_FROM_BYTES && e.size > e.compressedSize * MAX_XLSX_RATIO) {
      return tooLarge;
    }
  }
  return { ok: true };
}

/** The entry's packed bytes, found through its local header (which has its own lengths). */
function packedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const at = entry.localHeader;
  if (at + 30 > bytes.length) return null;
  const v = view(bytes);
  if (v.getUint32(at, true) !== LOCAL) return null;
  const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : null;
}

/**
 * Inflates `packed`, counting and discarding the output; stops as soon as the count passes
 * `limit`. Resolves to the number of bytes it unpacks to (limit + something when stopped),
 * or null when the data is not valid deflate.
 */
function inflatedSize(packed: Uint8Array, limit: number): Promise<number | null> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflateRaw();
    let count = 0;
    let settled = false;
    const settle = (value: number | null) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => {
      count += chunk.length;
      if (count > limit) settle(count);
    });
    inflate.on('end', () => settle(count));
    inflate.on('error', () => settle(null));
    inflate.end(packed);
  });
}

/** Checks a zip's declared and real unpacked sizes against the bounds in limits.ts. */
export async function checkZipSizes(bytes: Uint8Array): Promise<ZipVerdict> {
  const entries = entriesOf(bytes);
  if (!entries) return notZip;
  const declared = declaredVerdict(entries);
  if (!declared.ok) return declared;
  let total = 0;
  for (const entry of entries) {
    const packed = packedBytes(bytes, entry);
    if (!packed) return notZip;
    const room = MAX_XLSX_UNPACKED_BYTES - total;
    let size: number | null;
    if (entry.method === 0) size = packed.length;
    else if (entry.method === 8) size = await inflatedSize(packed, room);
    else return notZip;
    if (size === null) return notZip;
    total += size;
    if (total > MAX_XLSX_UNPACKED_BYTES) return tooLarge;
    if (size > XLSX_RATIO_CHECK_FROM_BYTES && size > packed.length * MAX_XLSX_RATIO) {
      return tooLarge;
    }
    // The directory lied about this entry: whatever else it is, it is no workbook.
    if (size !== entry.size) return notZip;
  }
  return { ok: true };
}
