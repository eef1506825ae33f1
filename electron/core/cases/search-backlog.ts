import type { Selectable } from 'kysely';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { insertSearchRow, namePinyin, reindexBorrower } from './search';
import { otherPhonesColumn, type BorrowersTable } from './tables';
import { stringListColumn, type JsonText } from '../db/columns';

/**
 * Search-index writes an import owes, paid once at its end, inside its transaction.
 *
 * Writing the index row by row made a borrower's second loan, a few rows later, rewrite the row
 * just indexed, and deleting a row from the contentless FTS5 table is the dearest write there
 * is (~0.2 ms at 100,000 borrowers; a quarter of a 100,000-row import's time, which fell from
 * 11.7 s to 9.3 s without it). Here every borrower the import created is indexed once, from what
 * the tables hold when the rows are all written, and every borrower it changed is reindexed
 * once. The index ends up as row-by-row indexing would leave it: both read the same tables
 * through the same `searchColumns`.
 */
export class SearchBacklog {
  /** Borrowers this import created (no index row yet) → the pinyin already spelled. */
  private readonly created = new Map<number, { name: string; pinyinTerms: string }>();
  /** Borrowers that existed before and changed in something searchable. */
  private readonly changed = new Set<number>();

  borrowerCreated(id: number, name: string, pinyinTerms: string): void {
    this.created.set(id, { name, pinyinTerms });
  }

  borrowerChanged(id: number): void {
    if (!this.created.has(id)) this.changed.add(id);
  }

  /** Writes what is owed; call once, in the import's transaction, after its last row. */
  flush(db: Sqlite): void {
    if (this.created.size) {
      let next = Number.MAX_SAFE_INTEGER;
      for (const id of this.created.keys()) next = Math.min(next, id);
      // New borrowers have the highest ids: read them forward a page at a time (a connection
      // cannot write while a statement is still stepping through rows).
      for (;;) {
        const page = createdPage(db, next);
        for (const b of page) this.indexCreated(db, b);
        if (page.length < PAGE) break;
        next = page[page.length - 1]!.id + 1;
      }
    }
    for (const id of this.changed) reindexBorrower(db, id);
    this.created.clear();
    this.changed.clear();
  }

  private indexCreated(db: Sqlite, b: CreatedBorrower): void {
    const spelled = this.created.get(b.id);
    if (!spelled) return;
    insertSearchRow(db, b.id, {
      name: b.name,
      pinyinTerms: spelled.name === b.name ? spelled.pinyinTerms : namePinyin(b.name).terms,
      township: b.township,
      village: b.village,
      idNumber: b.id_number,
      phones: [
        b.mobile,
        ...otherPhonesColumn.read(b.other_phones),
        ...contactPhones.read(b.contact_phones),
      ],
      loanNos: loanNos.read(b.loan_nos),
    });
  }
}

const PAGE = 2000;

/** A page's borrower with the contacts' phones and the loan numbers, as JSON lists. */
type CreatedBorrower = Pick<
  Selectable<BorrowersTable>,
  'id' | 'name' | 'township' | 'village' | 'id_number' | 'mobile' | 'other_phones'
> & { contact_phones: JsonText; loan_nos: JsonText };

const contactPhones = stringListColumn('contacts.phone, grouped');
const loanNos = stringListColumn('loans.loan_no, grouped');

/**
 * What `reindexBorrower` reads for one borrower (loans by id, contacts' phones), for many.
 * Kept as SQL on the import's measured path: `json_group_array` is SQLite's, and a prepared
 * statement saves Kysely's compile on every page.
 */
const CREATED_PAGE = `
  SELECT b.id, b.name, b.township, b.village, b.id_number, b.mobile, b.other_phones,
    (SELECT json_group_array(c.phone) FROM contacts c
      WHERE c.borrower_id = b.id AND c.phone IS NOT NULL) AS contact_phones,
    (SELECT json_group_array(l.loan_no ORDER BY l.id) FROM loans l
      WHERE l.borrower_id = b.id) AS loan_nos
  FROM borrowers b WHERE b.id >= ? ORDER BY b.id LIMIT ?`;

function createdPage(db: Sqlite, fromId: number): CreatedBorrower[] {
  return statement(db, CREATED_PAGE).all(fromId, PAGE) as CreatedBorrower[];
}
