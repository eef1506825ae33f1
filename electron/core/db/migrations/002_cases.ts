import type { Migration } from './types';

/**
 * Case files: borrowers, their contacts and consents, loans with dated snapshots, payments,
 * contact history, household assessments and notes, plus the search index.
 *
 * Why some columns are denormalised onto `borrowers`: the case list must page, sort and filter
 * 100,000 borrowers in a few milliseconds, so everything it filters or sorts on lives on the one
 * table and is indexed there instead of being aggregated from loans per keystroke:
 * - `overdue_since` is the oldest unpaid due date over the borrower's open loans. Days past due
 *   and the bucket are computed from it for any as-of date, so a bucket or DPD-range filter is a
 *   range on this column. `dpd_sort` is the same date with current cases mapped to
 *   '9999-12-31', so "most overdue first" is an index scan with current cases last.
 * - `total_overdue_fen`, `outstanding_fen`: sums over open loans (service-maintained).
 * - `last_contact_at`, `last_visit_at`, `broken_promises`: maintained by whoever records
 *   contact events, visits and promises (the visits and records features write these too).
 * - `name_sort`: the name in pinyin, so sorting by name follows the Chinese reader's order.
 *
 * Search (`borrower_search`, FTS5, contentless): Han text is stored as single-character tokens
 * ("张 三"), so a 2-character name or a 1-character surname is a phrase match (the trigram
 * tokenizer silently matches nothing under 3 characters). Pinyin full spelling and initials
 * come from pinyin-pro. ID numbers, phones and loan numbers are also indexed reversed
 * (`tails`), so a tail ("1234") is a prefix query on the reversed token. The rowid is the
 * borrower id. Index (township, dpd_sort) serves the township filter with the default sort.
 */
export const migration002: Migration = {
  version: 2,
  name: 'cases: borrowers, contacts, loans, snapshots, payments, history, search',
  sql: `
    CREATE TABLE borrowers (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
      name_sort TEXT NOT NULL DEFAULT '',
      id_number TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
      birth_date TEXT NOT NULL,
      sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
      mobile TEXT,
      other_phones TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(other_phones)),
      province TEXT NOT NULL DEFAULT '',
      province_code TEXT,
      city TEXT NOT NULL DEFAULT '',
      city_code TEXT,
      county TEXT NOT NULL DEFAULT '',
      county_code TEXT,
      township TEXT NOT NULL DEFAULT '',
      township_code TEXT,
      village TEXT NOT NULL DEFAULT '',
      village_code TEXT,
      address_detail TEXT NOT NULL DEFAULT '',
      occupation TEXT NOT NULL DEFAULT '',
      household_size INTEGER CHECK (household_size IS NULL OR household_size >= 0),
      dependents INTEGER CHECK (dependents IS NULL OR dependents >= 0),
      household_members TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(household_members)),
      preferred_contact_times TEXT NOT NULL DEFAULT '',
      vulnerable_elderly INTEGER NOT NULL DEFAULT 0 CHECK (vulnerable_elderly IN (0, 1)),
      vulnerable_ill INTEGER NOT NULL DEFAULT 0 CHECK (vulnerable_ill IN (0, 1)),
      vulnerable_disabled INTEGER NOT NULL DEFAULT 0 CHECK (vulnerable_disabled IN (0, 1)),
      vulnerable_disaster INTEGER NOT NULL DEFAULT 0 CHECK (vulnerable_disaster IN (0, 1)),
      vulnerability_notes TEXT NOT NULL DEFAULT '',
      is_vulnerable INTEGER GENERATED ALWAYS AS (
        vulnerable_elderly | vulnerable_ill | vulnerable_disabled | vulnerable_disaster
      ) VIRTUAL,
      assigned_officer_id INTEGER REFERENCES staff(id),
      status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'disputed', 'on_hold', 'closed')),
      closed_at TEXT,
      overdue_since TEXT,
      dpd_sort TEXT GENERATED ALWAYS AS (coalesce(overdue_since, '9999-12-31')) VIRTUAL,
      total_overdue_fen INTEGER NOT NULL DEFAULT 0 CHECK (total_overdue_fen >= 0),
      outstanding_fen INTEGER NOT NULL DEFAULT 0 CHECK (outstanding_fen >= 0),
      last_contact_at TEXT,
      last_visit_at TEXT,
      broken_promises INTEGER NOT NULL DEFAULT 0 CHECK (broken_promises >= 0),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    -- Sort keys of the case list (the rowid tie-breaker is implicit in every index), and the
    -- filters that narrow it most, each followed by the default sort (most overdue first).
    CREATE INDEX borrowers_dpd ON borrowers (dpd_sort);
    CREATE INDEX borrowers_officer_dpd ON borrowers (assigned_officer_id, dpd_sort);
    CREATE INDEX borrowers_township_dpd ON borrowers (township, dpd_sort);
    CREATE INDEX borrowers_place_dpd ON borrowers (township, village, dpd_sort);
    CREATE INDEX borrowers_status_dpd ON borrowers (status, dpd_sort);
    CREATE INDEX borrowers_overdue_total ON borrowers (total_overdue_fen);
    CREATE INDEX borrowers_name_sort ON borrowers (name_sort);
    CREATE INDEX borrowers_last_visit ON borrowers (last_visit_at);
    CREATE INDEX borrowers_last_contact ON borrowers (last_contact_at);
    CREATE INDEX borrowers_vulnerable ON borrowers (dpd_sort) WHERE is_vulnerable = 1;
    CREATE INDEX borrowers_broken ON borrowers (dpd_sort) WHERE broken_promises > 0;

    CREATE VIRTUAL TABLE borrower_search USING fts5 (
      name, pinyin, place, ids, phones, loans, tails,
      content = '', contentless_delete = 1,
      prefix = '2 3 4',
      tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE TABLE consents (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      contact_id INTEGER REFERENCES contacts(id),
      kind TEXT NOT NULL CHECK (kind IN
        ('contact_third_party', 'home_visit', 'data_processing', 'contact_hours')),
      granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
      recorded_at TEXT NOT NULL,
      recorded_by INTEGER REFERENCES staff(id),
      evidence TEXT NOT NULL DEFAULT '',
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX consents_borrower ON consents (borrower_id, recorded_at);

    CREATE TABLE contacts (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      name TEXT NOT NULL,
      relation TEXT NOT NULL CHECK (relation IN
        ('spouse', 'parent', 'child', 'sibling', 'relative', 'guarantor', 'friend',
         'colleague', 'village_cadre', 'other')),
      phone TEXT,
      is_guarantor INTEGER NOT NULL DEFAULT 0 CHECK (is_guarantor IN (0, 1)),
      consent_to_contact INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_contact IN (0, 1)),
      consent_recorded_at TEXT,
      note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (consent_to_contact = 0 OR consent_recorded_at IS NOT NULL)
    ) STRICT;
    CREATE INDEX contacts_borrower ON contacts (borrower_id);

    CREATE TABLE loans (
      id INTEGER PRIMARY KEY,
      loan_no TEXT NOT NULL UNIQUE,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      product TEXT NOT NULL DEFAULT '',
      principal_fen INTEGER NOT NULL CHECK (principal_fen >= 0),
      disbursed_on TEXT NOT NULL,
      maturity_on TEXT,
      outstanding_principal_fen INTEGER NOT NULL DEFAULT 0 CHECK (outstanding_principal_fen >= 0),
      overdue_principal_fen INTEGER NOT NULL DEFAULT 0 CHECK (overdue_principal_fen >= 0),
      overdue_interest_fen INTEGER NOT NULL DEFAULT 0 CHECK (overdue_interest_fen >= 0),
      penalty_fen INTEGER NOT NULL DEFAULT 0 CHECK (penalty_fen >= 0),
      overdue_since TEXT,
      status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'settled', 'written_off')),
      as_of TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX loans_borrower ON loans (borrower_id);
    CREATE INDEX loans_overdue_since ON loans (overdue_since) WHERE overdue_since IS NOT NULL;

    -- One row per loan per import date: months can be compared (cures, roll rates) without
    -- re-reading old files. dpd and bucket are frozen as they were on that date.
    CREATE TABLE loan_snapshots (
      loan_id INTEGER NOT NULL REFERENCES loans(id),
      as_of TEXT NOT NULL,
      outstanding_principal_fen INTEGER NOT NULL,
      overdue_principal_fen INTEGER NOT NULL,
      overdue_interest_fen INTEGER NOT NULL,
      penalty_fen INTEGER NOT NULL,
      overdue_since TEXT,
      dpd INTEGER NOT NULL CHECK (dpd >= 0),
      bucket TEXT NOT NULL CHECK (bucket IN ('M0', 'M1', 'M2', 'M3', 'M4+')),
      created_at TEXT NOT NULL,
      PRIMARY KEY (loan_id, as_of)
    ) WITHOUT ROWID, STRICT;
    CREATE INDEX loan_snapshots_as_of ON loan_snapshots (as_of, bucket);

    CREATE TABLE payments (
      id INTEGER PRIMARY KEY,
      loan_id INTEGER NOT NULL REFERENCES loans(id),
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      paid_on TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      source TEXT NOT NULL CHECK (source IN ('import', 'visit')),
      method TEXT NOT NULL DEFAULT '',
      receipt_no TEXT,
      reference TEXT NOT NULL DEFAULT '',
      recorded_by INTEGER REFERENCES staff(id),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX payments_borrower ON payments (borrower_id, paid_on);
    CREATE INDEX payments_loan ON payments (loan_id, paid_on);
    CREATE INDEX payments_paid_on ON payments (paid_on);
    CREATE UNIQUE INDEX payments_receipt ON payments (receipt_no) WHERE receipt_no IS NOT NULL;

    CREATE TABLE contact_events (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('call', 'sms', 'visit', 'letter')),
      direction TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
      staff_id INTEGER REFERENCES staff(id),
      contact_id INTEGER REFERENCES contacts(id),
      outcome TEXT NOT NULL CHECK (outcome IN
        ('reached', 'no_answer', 'wrong_number', 'refused', 'promised', 'paid', 'disputed',
         'left_message', 'delivered', 'other')),
      note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX contact_events_borrower ON contact_events (borrower_id, at);
    CREATE INDEX contact_events_at ON contact_events (at);

    CREATE TABLE assessments (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      assessed_on TEXT NOT NULL,
      staff_id INTEGER REFERENCES staff(id),
      income TEXT NOT NULL DEFAULT '',
      expenses TEXT NOT NULL DEFAULT '',
      assets TEXT NOT NULL DEFAULT '',
      livelihood TEXT NOT NULL DEFAULT '',
      monthly_income_fen INTEGER CHECK (monthly_income_fen IS NULL OR monthly_income_fen >= 0),
      monthly_expenses_fen INTEGER
        CHECK (monthly_expenses_fen IS NULL OR monthly_expenses_fen >= 0),
      household_size INTEGER CHECK (household_size IS NULL OR household_size >= 0),
      capacity_fen INTEGER CHECK (capacity_fen IS NULL OR capacity_fen >= 0),
      hardship TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(hardship)),
      note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX assessments_borrower ON assessments (borrower_id, assessed_on);

    CREATE TABLE notes (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      at TEXT NOT NULL,
      staff_id INTEGER REFERENCES staff(id),
      text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000)
    ) STRICT;
    CREATE INDEX notes_borrower ON notes (borrower_id, at);
  `,
};
