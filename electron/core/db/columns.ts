import type { z } from 'zod';

/**
 * The one place that converts between a column's storage form and the value the code means.
 *
 * SQLite has no boolean and no JSON type: a flag is an INTEGER holding 0 or 1 (each such column
 * has a `CHECK (x IN (0, 1))`), and a list or an object is TEXT holding JSON. Table interfaces
 * (db/schema.ts, each feature's tables.ts) name such columns `Flag` and `JsonText`, and services
 * read and write them only through `readFlag`/`writeFlag` and a `jsonColumn` codec, never with
 * `=== 1`, `? 1 : 0` or `JSON.parse` of their own.
 *
 * PostgreSQL (issue #19) has real `boolean` and `jsonb` columns, and its driver hands back a
 * `boolean` and a parsed value. These codecs are the seam for that: there `Flag` becomes
 * `boolean`, `JsonText` the parsed value, and `readFlag`/`writeFlag`/`jsonColumn` the identity
 * (still validating JSON with its schema); no service changes.
 */

/** A boolean as stored: 0 or 1 on SQLite. */
export type Flag = number;

/** JSON as stored: its text on SQLite. */
export type JsonText = string;

/**
 * A stored flag as a boolean; anything but 0 or 1 (PostgreSQL's boolean as it is) is a broken
 * row, not `false`.
 */
export function readFlag(value: Flag | boolean): boolean {
  if (value === 1 || value === true) return true;
  if (value === 0 || value === false) return false;
  throw new Error(`internal: a stored flag holds ${String(value)}, not 0 or 1`);
}

/** A boolean as stored. */
export function writeFlag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

/** Reads and writes one JSON column whose shape the schema states. */
export interface JsonColumn<T> {
  /** The stored text parsed and checked; a corrupt value throws naming the column. */
  read(text: JsonText): T;
  /** The value as stored. */
  write(value: T): JsonText;
}

/**
 * A codec for the JSON column `name` ("table.column", used in the error), whose values match
 * `schema`. The schema describes what is stored (no defaults or transforms that would change it
 * on the way out).
 */
export function jsonColumn<T>(name: string, schema: z.ZodType<T>): JsonColumn<T> {
  return {
    read(text) {
      const parsed = storedJson(name, text);
      const checked = schema.safeParse(parsed);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
        throw new Error(
          `internal: ${name} holds JSON of the wrong shape${where}: ${issue?.message ?? ''}`,
        );
      }
      return checked.data;
    },
    write(value) {
      return JSON.stringify(value);
    },
  };
}

/**
 * A column holding a JSON array of strings (phone numbers, loan numbers). Checked by hand, not
 * by zod: the import's search indexing reads three of these per borrower.
 */
export function stringListColumn(name: string): JsonColumn<string[]> {
  return {
    read(text) {
      const parsed = storedJson(name, text);
      if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) {
        throw new Error(`internal: ${name} holds JSON of the wrong shape: not a list of strings`);
      }
      return parsed as string[];
    },
    write(value) {
      return JSON.stringify(value);
    },
  };
}

/**
 * A JSON column's value as the engine hands it back, parsed: SQLite's text, or PostgreSQL's
 * jsonb, which pg has parsed already (a column whose value is an object or a list: a jsonb
 * holding a bare string would be taken for JSON text).
 */
export function storedJson(name: string, stored: JsonText | object): unknown {
  if (typeof stored !== 'string') return stored;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    throw new Error(`internal: ${name} does not hold JSON: ${preview(stored)}`);
  }
}

function preview(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
