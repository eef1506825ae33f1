import { branchId, ref, id, month, documentKinds } from './columns';

/**
 * The baseline's paper (templates, reference sequences, print log, letterhead), month closes,
 * import name matching, complaints, assignments and waivers.
 */
export const notices = `
  -- Every saved version is kept; the highest per (kind, lang) is in force.
  CREATE TABLE document_templates (
    ${branchId},
    ${id},
    kind text NOT NULL CHECK (kind IN (${documentKinds})),
    lang text NOT NULL CHECK (lang IN ('zh', 'en')),
    version integer NOT NULL CHECK (version >= 1),
    body text NOT NULL CHECK (length(body) <= 20000),
    created_by bigint,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, id),
    UNIQUE (branch_id, kind, lang, version),
    ${ref('created_by', 'staff')}
  );

  CREATE TABLE reference_sequences (
    ${branchId},
    branch_code text NOT NULL,
    year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    last_no integer NOT NULL CHECK (last_no >= 1),
    PRIMARY KEY (branch_id, branch_code, year)
  );

  -- Borrower and visit ids are not foreign keys: the log outlives rows a retention purge removes.
  CREATE TABLE print_log (
    ${branchId},
    ${id},
    printed_at timestamptz NOT NULL,
    staff_id bigint,
    kind text NOT NULL CHECK (kind IN (${documentKinds})),
    lang text NOT NULL CHECK (lang IN ('zh', 'en')),
    subject text NOT NULL,
    borrower_id bigint,
    visit_id bigint,
    template_version integer NOT NULL CHECK (template_version >= 0),
    reference_no text NOT NULL,
    issue_date date NOT NULL,
    facts_sha256 text NOT NULL CHECK (length(facts_sha256) = 64),
    content_sha256 text NOT NULL CHECK (length(content_sha256) = 64),
    content_json jsonb NOT NULL,
    is_copy boolean NOT NULL,
    original_id bigint,
    CHECK (is_copy = (original_id IS NOT NULL)),
    PRIMARY KEY (branch_id, id),
    ${ref('staff_id', 'staff')},
    ${ref('original_id', 'print_log')}
  );
  CREATE UNIQUE INDEX print_log_reference ON print_log (branch_id, reference_no) WHERE NOT is_copy;
  CREATE INDEX print_log_subject ON print_log (branch_id, kind, subject, facts_sha256);
  CREATE INDEX print_log_borrower ON print_log (branch_id, borrower_id, id);
  CREATE INDEX print_log_visit ON print_log (branch_id, visit_id, id);

  CREATE TABLE notice_settings (
    ${branchId},
    key text NOT NULL,
    value jsonb NOT NULL,
    PRIMARY KEY (branch_id, key)
  );
`;

export const reports = `
  -- A close freezes the month's figures; its SHA-256 is of the stored text, so text, not jsonb.
  CREATE TABLE month_closes (
    ${branchId},
    ${id},
    month text NOT NULL ${month('month')},
    figures_json text NOT NULL CHECK (figures_json::jsonb IS NOT NULL),
    figures_sha256 text NOT NULL CHECK (length(figures_sha256) = 64),
    audit_head text NOT NULL CHECK (length(audit_head) = 64),
    closed_by bigint NOT NULL,
    closed_at timestamptz NOT NULL,
    reopened_by bigint,
    reopened_at timestamptz,
    reopen_reason text,
    CHECK ((reopened_at IS NULL) = (reopened_by IS NULL)),
    CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL)),
    CHECK (reopen_reason IS NULL OR length(trim(reopen_reason)) > 0),
    PRIMARY KEY (branch_id, id),
    ${ref('closed_by', 'staff')},
    ${ref('reopened_by', 'staff')}
  );
  CREATE UNIQUE INDEX month_closes_standing ON month_closes (branch_id, month)
    WHERE reopened_at IS NULL;
  CREATE INDEX month_closes_month ON month_closes (branch_id, month, id);
`;

export const people = `
  CREATE TABLE staff_name_aliases (
    ${branchId},
    name_key text NOT NULL,
    name text NOT NULL,
    staff_id bigint NOT NULL,
    created_by bigint,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, name_key),
    ${ref('staff_id', 'staff')},
    ${ref('created_by', 'staff')}
  );
  CREATE INDEX staff_name_aliases_staff ON staff_name_aliases (branch_id, staff_id);

  CREATE TABLE import_officer_names (
    ${branchId},
    borrower_id bigint NOT NULL,
    name text NOT NULL,
    name_key text NOT NULL,
    officer_before bigint,
    file_name text NOT NULL,
    line integer NOT NULL,
    as_of date NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, borrower_id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('officer_before', 'staff')}
  );
  CREATE INDEX import_officer_names_key ON import_officer_names (branch_id, name_key);

  CREATE TABLE complaints (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    received_on date NOT NULL,
    complainant text NOT NULL CHECK (complainant IN ('borrower', 'relative', 'other')),
    complainant_name text NOT NULL DEFAULT '',
    channel text NOT NULL
      CHECK (channel IN ('phone', 'in_person', 'letter', 'regulator', 'other')),
    visit_id bigint,
    summary text NOT NULL CHECK (length(trim(summary)) > 0),
    action_taken text NOT NULL DEFAULT '',
    closed_on date,
    outcome text CHECK (outcome IN ('upheld', 'partly_upheld', 'not_upheld', 'withdrawn')),
    outcome_note text NOT NULL DEFAULT '',
    recorded_by bigint,
    recorded_at timestamptz NOT NULL,
    closed_by bigint,
    updated_at timestamptz NOT NULL,
    CHECK ((closed_on IS NULL) = (outcome IS NULL)),
    CHECK (closed_on IS NULL OR closed_on >= received_on),
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('visit_id', 'visits')},
    ${ref('recorded_by', 'staff')},
    ${ref('closed_by', 'staff')}
  );
  CREATE INDEX complaints_borrower ON complaints (branch_id, borrower_id, received_on);
  CREATE INDEX complaints_received ON complaints (branch_id, received_on);
  CREATE INDEX complaints_closed ON complaints (branch_id, closed_on) WHERE closed_on IS NOT NULL;

  CREATE TABLE complaint_staff (
    ${branchId},
    complaint_id bigint NOT NULL,
    staff_id bigint NOT NULL,
    PRIMARY KEY (branch_id, complaint_id, staff_id),
    ${ref('complaint_id', 'complaints')},
    ${ref('staff_id', 'staff')}
  );
  CREATE INDEX complaint_staff_staff ON complaint_staff (branch_id, staff_id, complaint_id);

  CREATE TABLE assignments (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    from_officer_id bigint,
    to_officer_id bigint NOT NULL,
    reason text NOT NULL,
    source text NOT NULL CHECK (source IN ('manual', 'import')),
    staff_id bigint,
    at timestamptz NOT NULL,
    CHECK (source = 'import' OR length(trim(reason)) > 0),
    CHECK (from_officer_id IS NULL OR from_officer_id <> to_officer_id),
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('from_officer_id', 'staff')},
    ${ref('to_officer_id', 'staff')},
    ${ref('staff_id', 'staff')}
  );
  CREATE INDEX assignments_borrower ON assignments (branch_id, borrower_id, id);
  CREATE INDEX assignments_at ON assignments (branch_id, at);
`;

export const waivers = `
  -- Waivers and settlements: two approvals by two people other than the proposer.
  CREATE TABLE waivers (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    loan_id bigint NOT NULL,
    visit_record_id bigint,
    kind text NOT NULL CHECK (kind IN ('penalty', 'interest', 'settlement')),
    principal_owed_fen bigint NOT NULL CHECK (principal_owed_fen >= 0),
    interest_owed_fen bigint NOT NULL CHECK (interest_owed_fen >= 0),
    penalty_owed_fen bigint NOT NULL CHECK (penalty_owed_fen >= 0),
    waived_fen bigint NOT NULL CHECK (waived_fen > 0),
    settle_pay_fen bigint CHECK (settle_pay_fen IS NULL OR settle_pay_fen > 0),
    pay_by date,
    reason text NOT NULL CHECK (length(trim(reason)) > 0),
    status text NOT NULL DEFAULT 'proposed' CHECK (status IN
      ('proposed', 'first_approved', 'approved', 'rejected', 'withdrawn', 'lapsed')),
    proposed_by bigint NOT NULL,
    proposed_at timestamptz NOT NULL,
    proposed_on date NOT NULL,
    approval1_by bigint,
    approval1_role text CHECK (approval1_role IS NULL OR approval1_role IN ('manager', 'auditor')),
    approval1_at timestamptz,
    approval1_note text NOT NULL DEFAULT '',
    approval2_by bigint,
    approval2_role text CHECK (approval2_role IS NULL OR approval2_role IN ('manager', 'auditor')),
    approval2_at timestamptz,
    approval2_note text NOT NULL DEFAULT '',
    approved_on date,
    closed_by bigint,
    closed_at timestamptz,
    close_reason text NOT NULL DEFAULT '',
    CHECK (kind = 'settlement' OR (settle_pay_fen IS NULL AND pay_by IS NULL)),
    CHECK (kind <> 'settlement' OR (settle_pay_fen IS NOT NULL AND pay_by IS NOT NULL
      AND waived_fen + settle_pay_fen = principal_owed_fen + interest_owed_fen + penalty_owed_fen)),
    CHECK (kind <> 'penalty' OR waived_fen <= penalty_owed_fen),
    CHECK (kind <> 'interest' OR waived_fen <= interest_owed_fen),
    CHECK ((approval1_by IS NULL) = (approval1_at IS NULL)
      AND (approval1_by IS NULL) = (approval1_role IS NULL)),
    CHECK ((approval2_by IS NULL) = (approval2_at IS NULL)
      AND (approval2_by IS NULL) = (approval2_role IS NULL)),
    CHECK (approval2_by IS NULL OR approval1_by IS NOT NULL),
    CHECK (approval1_by IS NULL OR approval1_by <> proposed_by),
    CHECK (approval2_by IS NULL OR (approval2_by <> proposed_by AND approval2_by <> approval1_by)),
    CHECK ((status IN ('approved', 'lapsed')) = (approval2_by IS NOT NULL)),
    CHECK ((approved_on IS NULL) = (approval2_by IS NULL)),
    CHECK (status <> 'first_approved' OR (approval1_by IS NOT NULL AND approval2_by IS NULL)),
    CHECK (status <> 'proposed' OR approval1_by IS NULL),
    CHECK (status <> 'rejected' OR length(trim(close_reason)) > 0),
    CHECK ((status IN ('rejected', 'withdrawn', 'lapsed')) = (closed_at IS NOT NULL)),
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('loan_id', 'loans')},
    ${ref('visit_record_id', 'visit_records')},
    ${ref('proposed_by', 'staff')},
    ${ref('approval1_by', 'staff')},
    ${ref('approval2_by', 'staff')},
    ${ref('closed_by', 'staff')}
  );
  CREATE INDEX waivers_borrower ON waivers (branch_id, borrower_id, id);
  CREATE UNIQUE INDEX waivers_open_per_loan ON waivers (branch_id, loan_id)
    WHERE status IN ('proposed', 'first_approved');
  CREATE INDEX waivers_approved_on ON waivers (branch_id, approved_on)
    WHERE approved_on IS NOT NULL;
  CREATE INDEX waivers_awaiting ON waivers (branch_id, status)
    WHERE status IN ('proposed', 'first_approved');
`;
