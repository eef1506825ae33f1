import { branchId, ref, id, tier } from './columns';

/**
 * The baseline's foundation (meta, branch, settings, staff, the audit log and its subject keys)
 * and the case file: borrowers, contacts, consents, loans and their snapshots, payments, contact
 * events, assessments, notes, exits.
 */
export const foundation = `
  CREATE TABLE meta (
    ${branchId},
    key text NOT NULL,
    value text NOT NULL,
    PRIMARY KEY (branch_id, key)
  );

  CREATE TABLE branch (
    ${branchId},
    id integer NOT NULL CHECK (id = 1),
    name text NOT NULL,
    code text NOT NULL,
    address text NOT NULL,
    phone text NOT NULL,
    complaint_hotline text NOT NULL,
    time_zone text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, id)
  );

  CREATE TABLE settings (
    ${branchId},
    key text NOT NULL,
    value jsonb NOT NULL,
    PRIMARY KEY (branch_id, key)
  );

  CREATE TABLE staff (
    ${branchId},
    ${id},
    staff_no text NOT NULL,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('manager', 'officer', 'clerk', 'auditor')),
    phone text NOT NULL DEFAULT '',
    active boolean NOT NULL DEFAULT true,
    username text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, id),
    UNIQUE (branch_id, staff_no),
    UNIQUE (branch_id, username)
  );

  -- No foreign keys, as on SQLite: the log outlives what it describes.
  CREATE TABLE audit_log (
    ${branchId},
    ${id},
    at timestamptz NOT NULL,
    staff_id bigint,
    action text NOT NULL,
    entity text NOT NULL,
    entity_id text,
    success boolean NOT NULL,
    before text,
    after text,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    subject_id bigint,
    PRIMARY KEY (branch_id, id)
  );
  CREATE INDEX audit_log_entity ON audit_log (branch_id, entity, entity_id);
  CREATE INDEX audit_log_staff ON audit_log (branch_id, staff_id, at);
  CREATE INDEX audit_log_subject ON audit_log (branch_id, subject_id) WHERE subject_id IS NOT NULL;

  -- One key per borrower sealing their audit details; anonymising deletes it (crypto-shredding).
  CREATE TABLE audit_subject_keys (
    ${branchId},
    borrower_id bigint NOT NULL,
    key bytea NOT NULL CHECK (length(key) = 32),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, borrower_id)
  );
`;

export const cases = `
  CREATE TABLE borrowers (
    ${branchId},
    ${id},
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    name_sort text NOT NULL DEFAULT '',
    id_number text NOT NULL CHECK (length(id_number) = 18),
    birth_date date NOT NULL,
    sex text NOT NULL CHECK (sex IN ('M', 'F')),
    mobile text,
    other_phones jsonb NOT NULL DEFAULT '[]',
    province text NOT NULL DEFAULT '',
    province_code text,
    city text NOT NULL DEFAULT '',
    city_code text,
    county text NOT NULL DEFAULT '',
    county_code text,
    township text NOT NULL DEFAULT '',
    township_code text,
    village text NOT NULL DEFAULT '',
    village_code text,
    address_detail text NOT NULL DEFAULT '',
    occupation text NOT NULL DEFAULT '',
    household_size integer CHECK (household_size IS NULL OR household_size >= 0),
    dependents integer CHECK (dependents IS NULL OR dependents >= 0),
    household_members jsonb NOT NULL DEFAULT '[]',
    preferred_contact_times text NOT NULL DEFAULT '',
    vulnerable_elderly boolean NOT NULL DEFAULT false,
    vulnerable_ill boolean NOT NULL DEFAULT false,
    vulnerable_disabled boolean NOT NULL DEFAULT false,
    vulnerable_disaster boolean NOT NULL DEFAULT false,
    vulnerability_notes text NOT NULL DEFAULT '',
    is_vulnerable boolean GENERATED ALWAYS AS (
      vulnerable_elderly OR vulnerable_ill OR vulnerable_disabled OR vulnerable_disaster
    ) STORED,
    assigned_officer_id bigint,
    status text NOT NULL DEFAULT 'active'
      CHECK (status IN ('active', 'disputed', 'on_hold', 'closed')),
    closed_at timestamptz,
    overdue_since date,
    dpd_sort date GENERATED ALWAYS AS (coalesce(overdue_since, DATE '9999-12-31')) STORED,
    total_overdue_fen bigint NOT NULL DEFAULT 0 CHECK (total_overdue_fen >= 0),
    outstanding_fen bigint NOT NULL DEFAULT 0 CHECK (outstanding_fen >= 0),
    last_contact_at timestamptz,
    last_visit_at timestamptz,
    broken_promises integer NOT NULL DEFAULT 0 CHECK (broken_promises >= 0),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    ${tier('classification')},
    PRIMARY KEY (branch_id, id),
    UNIQUE (branch_id, id_number),
    ${ref('assigned_officer_id', 'staff')}
  );
  -- The case list's sort keys and the filters that narrow it most, each followed by the default
  -- sort (most overdue first), as on SQLite.
  CREATE INDEX borrowers_dpd ON borrowers (branch_id, dpd_sort);
  CREATE INDEX borrowers_officer_dpd ON borrowers (branch_id, assigned_officer_id, dpd_sort);
  CREATE INDEX borrowers_township_dpd ON borrowers (branch_id, township, dpd_sort);
  CREATE INDEX borrowers_place_dpd ON borrowers (branch_id, township, village, dpd_sort);
  CREATE INDEX borrowers_village_dpd ON borrowers (branch_id, village, dpd_sort);
  CREATE INDEX borrowers_status_dpd ON borrowers (branch_id, status, dpd_sort);
  CREATE INDEX borrowers_classification_dpd ON borrowers (branch_id, classification, dpd_sort);
  CREATE INDEX borrowers_overdue_total ON borrowers (branch_id, total_overdue_fen);
  CREATE INDEX borrowers_name_sort ON borrowers (branch_id, name_sort);
  CREATE INDEX borrowers_last_visit ON borrowers (branch_id, last_visit_at);
  CREATE INDEX borrowers_last_contact ON borrowers (branch_id, last_contact_at);
  CREATE INDEX borrowers_vulnerable ON borrowers (branch_id, dpd_sort) WHERE is_vulnerable;
  CREATE INDEX borrowers_broken ON borrowers (branch_id, dpd_sort) WHERE broken_promises > 0;
  -- Visit lists look names up by id: answered from the index alone.
  CREATE INDEX borrowers_name_by_id ON borrowers (branch_id, id) INCLUDE (name);
  CREATE INDEX borrowers_officer_village ON borrowers (branch_id, assigned_officer_id, township,
    village, status, dpd_sort, outstanding_fen, total_overdue_fen)
    WHERE assigned_officer_id IS NOT NULL;

  CREATE TABLE contacts (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    name text NOT NULL,
    relation text NOT NULL CHECK (relation IN
      ('spouse', 'parent', 'child', 'sibling', 'relative', 'guarantor', 'friend',
       'colleague', 'village_cadre', 'other')),
    phone text,
    is_guarantor boolean NOT NULL DEFAULT false,
    consent_to_contact boolean NOT NULL DEFAULT false,
    consent_recorded_at timestamptz,
    note text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CHECK (NOT consent_to_contact OR consent_recorded_at IS NOT NULL),
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')}
  );
  CREATE INDEX contacts_borrower ON contacts (branch_id, borrower_id);

  CREATE TABLE consents (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    contact_id bigint,
    kind text NOT NULL CHECK (kind IN
      ('contact_third_party', 'home_visit', 'data_processing', 'contact_hours')),
    granted boolean NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by bigint,
    evidence text NOT NULL DEFAULT '',
    note text NOT NULL DEFAULT '',
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('contact_id', 'contacts')},
    ${ref('recorded_by', 'staff')}
  );
  CREATE INDEX consents_borrower ON consents (branch_id, borrower_id, recorded_at);

  CREATE TABLE loans (
    ${branchId},
    ${id},
    loan_no text NOT NULL,
    borrower_id bigint NOT NULL,
    product text NOT NULL DEFAULT '',
    principal_fen bigint NOT NULL CHECK (principal_fen >= 0),
    disbursed_on date NOT NULL,
    maturity_on date,
    outstanding_principal_fen bigint NOT NULL DEFAULT 0 CHECK (outstanding_principal_fen >= 0),
    overdue_principal_fen bigint NOT NULL DEFAULT 0 CHECK (overdue_principal_fen >= 0),
    overdue_interest_fen bigint NOT NULL DEFAULT 0 CHECK (overdue_interest_fen >= 0),
    penalty_fen bigint NOT NULL DEFAULT 0 CHECK (penalty_fen >= 0),
    overdue_since date,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'settled', 'written_off')),
    as_of date,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    ${tier('classification')},
    PRIMARY KEY (branch_id, id),
    UNIQUE (branch_id, loan_no),
    ${ref('borrower_id', 'borrowers')}
  );
  CREATE INDEX loans_borrower ON loans (branch_id, borrower_id);
  CREATE INDEX loans_overdue_since ON loans (branch_id, overdue_since)
    WHERE overdue_since IS NOT NULL;

  CREATE TABLE loan_snapshots (
    ${branchId},
    loan_id bigint NOT NULL,
    as_of date NOT NULL,
    outstanding_principal_fen bigint NOT NULL,
    overdue_principal_fen bigint NOT NULL,
    overdue_interest_fen bigint NOT NULL,
    penalty_fen bigint NOT NULL,
    overdue_since date,
    dpd integer NOT NULL CHECK (dpd >= 0),
    bucket text NOT NULL CHECK (bucket IN ('M0', 'M1', 'M2', 'M3', 'M4+')),
    created_at timestamptz NOT NULL,
    ${tier('classification')},
    PRIMARY KEY (branch_id, loan_id, as_of),
    ${ref('loan_id', 'loans')}
  );
  CREATE INDEX loan_snapshots_as_of ON loan_snapshots (branch_id, as_of, bucket);

  CREATE TABLE payments (
    ${branchId},
    ${id},
    loan_id bigint NOT NULL,
    borrower_id bigint NOT NULL,
    paid_on date NOT NULL,
    amount_fen bigint NOT NULL CHECK (amount_fen > 0),
    source text NOT NULL CHECK (source IN ('import', 'visit')),
    method text NOT NULL DEFAULT '',
    receipt_no text,
    reference text NOT NULL DEFAULT '',
    recorded_by bigint,
    created_at timestamptz NOT NULL,
    paid_from date,
    PRIMARY KEY (branch_id, id),
    ${ref('loan_id', 'loans')},
    ${ref('borrower_id', 'borrowers')},
    ${ref('recorded_by', 'staff')}
  );
  CREATE INDEX payments_borrower ON payments (branch_id, borrower_id, paid_on);
  CREATE INDEX payments_loan ON payments (branch_id, loan_id, paid_on);
  CREATE INDEX payments_paid_on ON payments (branch_id, paid_on);
  CREATE UNIQUE INDEX payments_receipt ON payments (branch_id, receipt_no)
    WHERE receipt_no IS NOT NULL;

  CREATE TABLE contact_events (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    at timestamptz NOT NULL,
    kind text NOT NULL CHECK (kind IN ('call', 'sms', 'visit', 'letter')),
    direction text NOT NULL CHECK (direction IN ('outbound', 'inbound')),
    staff_id bigint,
    contact_id bigint,
    outcome text NOT NULL CHECK (outcome IN
      ('reached', 'no_answer', 'wrong_number', 'refused', 'promised', 'paid', 'disputed',
       'left_message', 'delivered', 'other')),
    note text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('staff_id', 'staff')},
    ${ref('contact_id', 'contacts')}
  );
  CREATE INDEX contact_events_borrower ON contact_events (branch_id, borrower_id, at);
  CREATE INDEX contact_events_at ON contact_events (branch_id, at);

  CREATE TABLE assessments (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    assessed_on date NOT NULL,
    staff_id bigint,
    income text NOT NULL DEFAULT '',
    expenses text NOT NULL DEFAULT '',
    assets text NOT NULL DEFAULT '',
    livelihood text NOT NULL DEFAULT '',
    monthly_income_fen bigint CHECK (monthly_income_fen IS NULL OR monthly_income_fen >= 0),
    monthly_expenses_fen bigint
      CHECK (monthly_expenses_fen IS NULL OR monthly_expenses_fen >= 0),
    household_size integer CHECK (household_size IS NULL OR household_size >= 0),
    capacity_fen bigint CHECK (capacity_fen IS NULL OR capacity_fen >= 0),
    hardship jsonb NOT NULL DEFAULT '[]',
    note text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('staff_id', 'staff')}
  );
  CREATE INDEX assessments_borrower ON assessments (branch_id, borrower_id, assessed_on);

  CREATE TABLE notes (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    at timestamptz NOT NULL,
    staff_id bigint,
    text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('staff_id', 'staff')}
  );
  CREATE INDEX notes_borrower ON notes (branch_id, borrower_id, at);

  CREATE TABLE case_exits (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    kind text NOT NULL CHECK (kind IN ('written_off', 'litigation', 'agency', 'settled')),
    exit_on date NOT NULL,
    reference text NOT NULL CHECK (length(trim(reference)) > 0),
    note text NOT NULL DEFAULT '',
    previous_status text NOT NULL CHECK (previous_status IN ('active', 'disputed', 'on_hold')),
    set_by bigint NOT NULL,
    set_at timestamptz NOT NULL,
    reopened_at timestamptz,
    reopened_by bigint,
    reopen_reason text,
    CHECK ((reopened_at IS NULL) = (reopened_by IS NULL)),
    CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL)),
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('set_by', 'staff')},
    ${ref('reopened_by', 'staff')}
  );
  CREATE UNIQUE INDEX case_exits_in_force ON case_exits (branch_id, borrower_id)
    WHERE reopened_at IS NULL;
  CREATE INDEX case_exits_kind ON case_exits (branch_id, kind) WHERE reopened_at IS NULL;
`;
