import { officerKey } from '../../shared/schemas/imports';
import type { InferResult, Kysely } from 'kysely';
import { writeFlag } from '../db/columns';
import { first, qb } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';

export { officerKey };

/**
 * The officer column of a head-office file (客户经理 / 管户经理): which staff member a cell
 * means, and what happens to a name nobody on the staff list has.
 *
 * A cell resolves, in this order, by staff number, by a name a manager has mapped (alias),
 * then by the name of exactly one active staff member. A name two active staff share is
 * refused (the row is rejected: assigning cases to the wrong person is worse than asking for
 * the staff number). A name nobody has is no reason to lose the row: the case is imported
 * without that assignment, the report warns, and the name waits in `import_officer_names`
 * until a manager creates the officer or maps the name (resolve-officer.ts).
 */

export interface OfficerDirectory {
  /** Staff number key → staff number. */
  byNo: Map<string, string>;
  /** Name key → staff numbers of active staff with that name. */
  byName: Map<string, string[]>;
  /** Name key → staff number a manager mapped it to (active staff only). */
  aliases: Map<string, string>;
}

/*
 * The directory's two reads, run on the engine by `loadOfficerDirectory`: once per file for a
 * case import's check (prepare.ts), and for a staff list's import settling waiting names.
 */
const activeStaffQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('staff')
    .select(['staff_no', 'name'])
    .where('active', '=', writeFlag(true))
    .orderBy('id');

const aliasesQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('staff_name_aliases as a')
    .innerJoin('staff as s', 's.id', 'a.staff_id')
    .select(['a.name_key', 's.staff_no'])
    .where('s.active', '=', writeFlag(true));

type DirectoryRows = {
  staff: InferResult<ReturnType<typeof activeStaffQuery>>;
  mapped: InferResult<ReturnType<typeof aliasesQuery>>;
};

function directoryOf({ staff, mapped }: DirectoryRows): OfficerDirectory {
  const byNo = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const s of staff) {
    byNo.set(officerKey(s.staff_no), s.staff_no);
    const key = officerKey(s.name);
    byName.set(key, [...(byName.get(key) ?? []), s.staff_no]);
  }
  const aliases = new Map<string, string>();
  for (const a of mapped) aliases.set(a.name_key, a.staff_no);
  return { byNo, byName, aliases };
}

/** Active staff by number and name, and the names managers have mapped, on the engine. */
export async function loadOfficerDirectory(db: Kysely<DB>): Promise<OfficerDirectory> {
  return directoryOf({
    staff: await activeStaffQuery(db).execute(),
    mapped: await aliasesQuery(db).execute(),
  });
}

export type OfficerCell =
  | { kind: 'staff'; staffNo: string }
  | { kind: 'ambiguous' }
  | { kind: 'unknown'; name: string; key: string };

/** What an officer cell (already trimmed, not blank) means. */
export function resolveOfficerCell(directory: OfficerDirectory, text: string): OfficerCell {
  const key = officerKey(text);
  const byNo = directory.byNo.get(key);
  if (byNo !== undefined) return { kind: 'staff', staffNo: byNo };
  const alias = directory.aliases.get(key);
  if (alias !== undefined) return { kind: 'staff', staffNo: alias };
  const named = directory.byName.get(key) ?? [];
  if (named.length === 1) return { kind: 'staff', staffNo: named[0]! };
  if (named.length > 1) return { kind: 'ambiguous' };
  return { kind: 'unknown', name: text, key };
}

/**
 * Per borrower, the officer name the latest file gave that nobody had. Written inside the
 * import's transaction with cached statements (one per unknown cell): prepared SQL, not
 * Kysely, because the import calls it row after row (a compile per row would cost more than
 * the write).
 */
export class UnknownOfficerLedger {
  private readonly hasRows: boolean;
  private readonly remember;
  private readonly forget;
  private readonly assignment;

  constructor(private readonly db: Sqlite) {
    // A branch with nothing waiting (the usual case) needs no delete per row.
    this.hasRows =
      first(db, qb.selectFrom('import_officer_names').select('borrower_id').limit(1)) !== undefined;
    this.remember = db.prepare(
      `INSERT INTO import_officer_names
         (borrower_id, name, name_key, officer_before, file_name, line, as_of, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (borrower_id) DO UPDATE SET name = excluded.name,
         name_key = excluded.name_key, officer_before = excluded.officer_before,
         file_name = excluded.file_name, line = excluded.line, as_of = excluded.as_of,
         created_at = excluded.created_at`,
    );
    this.forget = db.prepare('DELETE FROM import_officer_names WHERE borrower_id = ?');
    this.assignment = db.prepare('SELECT assigned_officer_id FROM borrowers WHERE id = ?').pluck();
  }

  /** The file named `name` for this borrower and nobody has it; the assignment was kept. */
  unknown(
    borrowerId: number,
    cell: { name: string; key: string },
    at: { fileName: string; line: number; asOf: string; now: string },
  ): void {
    const before = this.assignment.get(borrowerId) as number | null;
    this.remember.run(
      borrowerId,
      cell.name,
      cell.key,
      before,
      at.fileName.slice(0, 255),
      at.line,
      at.asOf,
      at.now,
    );
  }

  /** The file named a known officer for this borrower: an older unknown name is moot. */
  known(borrowerId: number): void {
    if (this.hasRows) this.forget.run(borrowerId);
  }
}

export interface WaitingOfficerName {
  name: string;
  key: string;
  /** Case files waiting for this name. */
  cases: number;
  /** Of those, the ones with no officer at all. */
  unassigned: number;
  /** The latest file that named it, and its as-of date. */
  fileName: string;
  asOf: string;
}

/** Before `b` in code point order, as SQLite orders text (PostgreSQL's locale may not). */
const byCodePoint = (a: string, b: string) => {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

/** The officer names waiting for a staff member, most cases first, read on the engine. */
export async function loadWaitingOfficerNames(db: Kysely<DB>): Promise<WaitingOfficerName[]> {
  const rows = await db
    .selectFrom('import_officer_names as p')
    .innerJoin('borrowers as b', 'b.id', 'p.borrower_id')
    .select((eb) => [
      'p.name_key as key',
      eb.fn.countAll<number>().as('cases'),
      eb.fn.countAll<number>().filterWhere('b.assigned_officer_id', 'is', null).as('unassigned'),
      eb.fn.max('p.as_of').as('asOf'),
    ])
    .groupBy('p.name_key')
    .execute();
  rows.sort((a, b) => Number(b.cases) - Number(a.cases) || byCodePoint(a.key, b.key));
  const names: WaitingOfficerName[] = [];
  for (const r of rows) {
    const last = await db
      .selectFrom('import_officer_names')
      .select(['name', 'file_name'])
      .where('name_key', '=', r.key)
      .orderBy('as_of', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('borrower_id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    names.push({
      name: last.name,
      key: r.key,
      cases: Number(r.cases),
      unassigned: Number(r.unassigned),
      fileName: last.file_name,
      asOf: r.asOf,
    });
  }
  return names;
}
