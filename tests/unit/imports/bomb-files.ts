/**
 * Hostile import files for bombs.test.ts, written into a folder at test time: nothing large is
 * kept in the repository, and each file is built the way an attacker (or a broken export)
 * would build it.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { importFields } from '../../../electron/shared/schemas/imports';
import { caseRow, csvText, zhHeaders } from './fixtures';

const MB = 1024 * 1024;

/** 21 MB of commas in lines of 100, no header anywhere. */
export function commaLines(file: string): void {
  fs.writeFileSync(file, `${','.repeat(99)}\n`.repeat(210_000));
}

/** 21 MB of commas on one line: a single row of 21 million empty cells. */
export function commaLine(file: string): void {
  fs.writeFileSync(file, ','.repeat(21_000_000));
}

/**
 * The template's header, `bad` rows that each break several rules (a name, nothing else),
 * then `good` valid rows at the very end.
 */
export function manyBadRows(file: string, bad: number, good: number, encoding: 'utf8' | 'gbk') {
  const badRow = `${['张三', ...Array<string>(importFields.length - 1).fill('')].join(',')}\r\n`;
  const head = `${zhHeaders.join(',')}\r\n`;
  const goodRows = Array.from({ length: good }, (_, i) => caseRow(i + 1));
  const tail = good ? csvText(goodRows).slice(head.length) : '';
  const text = head + badRow.repeat(bad) + tail;
  fs.writeFileSync(file, encoding === 'gbk' ? iconv.encode(text, 'gbk') : text);
}

interface Entry {
  name: string;
  /** Deflated bytes, their CRC and real size. */
  packed: Buffer;
  crc: number;
  size: number;
  /** What the central directory claims instead of the truth (a lying zip). */
  claimedSize?: number;
}

function entryOf(name: string, text: string): Entry {
  const data = Buffer.from(text, 'utf8');
  return { name, packed: zlib.deflateRawSync(data), crc: zlib.crc32(data), size: data.length };
}

/** `size` bytes of one repeated XML-ish chunk, deflated in a stream (never held whole). */
async function repeatedEntry(name: string, size: number): Promise<Entry> {
  const chunk = Buffer.alloc(MB, '<c r="A1"><v>0</v></c>');
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let written = 0; written < size; written += MB) {
    crc = zlib.crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { name, packed: Buffer.concat(parts), crc, size: Math.ceil(size / MB) * MB };
}

/** A zip written by hand: local headers, data, central directory, end record. */
function zipOf(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = e.claimedSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const workbookParts = () => [
  entryOf(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  ),
  entryOf(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  ),
  entryOf(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
  ),
  entryOf(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  ),
];

/**
 * A workbook whose sheet1.xml inflates to `size` bytes from about a thousandth of that. With
 * `claimedSize`, the central directory (and local header) claim that size instead: a zip
 * that lies so that a size check alone lets it through.
 */
export async function zipBombXlsx(file: string, size: number, claimedSize?: number) {
  const sheet = await repeatedEntry('xl/worksheets/sheet1.xml', size);
  if (claimedSize !== undefined) sheet.claimedSize = claimedSize;
  fs.writeFileSync(file, zipOf([...workbookParts(), sheet]));
}
