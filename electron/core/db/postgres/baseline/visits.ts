import { branchId, ref, id, hhmm, month } from './columns';

/**
 * The baseline's planning (certificates, leave, holidays, visits, targets, elderly clearances) and
 * what visits record: records, promises, receipts, repayment plans, follow-ups, file repayments,
 * cash hand-ins.
 */
export const planning = `
  CREATE TABLE staff_certificates (
    ${branchId},
    ${id},
    staff_id bigint NOT NULL,
    kind text NOT NULL CHECK (kind IN ('training', 'qualification')),
    number text NOT NULL,
    issued_on date,
    expires_on date NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, id),
    UNIQUE (branch_id, staff_id, kind, number),
    ${ref('staff_id', 'staff')}
  );
  CREATE INDEX staff_certificates_staff ON staff_certificates (branch_id, staff_id, expires_on);

  CREATE TABLE staff_leave (
    ${branchId},
    staff_id bigint NOT NULL,
    date date NOT NULL,
    reason text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, staff_id, date),
    ${ref('staff_id', 'staff')}
  );
  CREATE INDEX staff_leave_date ON staff_leave (branch_id, date);

  CREATE TABLE branch_holidays (
    ${branchId},
    date date NOT NULL,
    kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
    note text NOT NULL DEFAULT '',
    created_by bigint,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, date),
    ${ref('created_by', 'staff')}
  );

  CREATE TABLE visits (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    date date NOT NULL,
    start_time text NOT NULL ${hhmm('start_time')},
    end_time text NOT NULL ${hhmm('end_time')} CHECK (end_time > start_time),
    purpose text NOT NULL CHECK (purpose IN
      ('reminder', 'negotiation', 'situation_check', 'repayment_plan', 'payment_receipt')),
    priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('high', 'normal', 'low')),
    township text NOT NULL DEFAULT '',
    village text NOT NULL DEFAULT '',
    status text NOT NULL DEFAULT 'planned' CHECK (status IN
      ('planned', 'notified', 'done', 'not_done', 'cancelled', 'rescheduled')),
    status_note text NOT NULL DEFAULT '',
    notice_status text NOT NULL DEFAULT 'none' CHECK (notice_status IN
      ('none', 'printed', 'phoned', 'delivered')),
    notice_at timestamptz,
    borrower_requested boolean NOT NULL DEFAULT false,
    planned_by bigint NOT NULL,
    planned_at timestamptz NOT NULL,
    override_reason text,
    override_codes jsonb,
    overridden_by bigint,
    needs_approval boolean NOT NULL DEFAULT false,
    approval_by bigint,
    approved_at timestamptz,
    rescheduled_from bigint,
    route_order integer,
    note text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL,
    override_proposed_by bigint,
    override_self_approved boolean NOT NULL DEFAULT false,
    place text NOT NULL DEFAULT 'home' CHECK (place IN ('home', 'workplace', 'other')),
    place_note text NOT NULL DEFAULT '',
    disclosure_risk boolean NOT NULL DEFAULT false,
    purpose_reason text NOT NULL DEFAULT '',
    approval_requested_by bigint,
    approval_self_approved boolean NOT NULL DEFAULT false,
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('planned_by', 'staff')},
    ${ref('overridden_by', 'staff')},
    ${ref('approval_by', 'staff')},
    ${ref('rescheduled_from', 'visits')},
    ${ref('override_proposed_by', 'staff')},
    ${ref('approval_requested_by', 'staff')}
  );
  CREATE INDEX visits_date ON visits (branch_id, date, start_time);
  CREATE INDEX visits_borrower_date ON visits (branch_id, borrower_id, date);
  CREATE INDEX visits_rescheduled_from ON visits (branch_id, rescheduled_from)
    WHERE rescheduled_from IS NOT NULL;

  CREATE TABLE visit_staff (
    ${branchId},
    visit_id bigint NOT NULL,
    staff_id bigint NOT NULL,
    PRIMARY KEY (branch_id, visit_id, staff_id),
    ${ref('visit_id', 'visits')},
    ${ref('staff_id', 'staff')}
  );
  CREATE INDEX visit_staff_staff ON visit_staff (branch_id, staff_id, visit_id);

  CREATE TABLE visit_loans (
    ${branchId},
    visit_id bigint NOT NULL,
    loan_id bigint NOT NULL,
    PRIMARY KEY (branch_id, visit_id, loan_id),
    ${ref('visit_id', 'visits')},
    ${ref('loan_id', 'loans')}
  );
  CREATE INDEX visit_loans_loan ON visit_loans (branch_id, loan_id);

  -- One branch target (staff_id NULL) and one per officer per month.
  CREATE TABLE monthly_targets (
    ${branchId},
    ${id},
    month text NOT NULL ${month('month')},
    staff_id bigint,
    visits_target integer NOT NULL CHECK (visits_target >= 0),
    amount_target_fen bigint NOT NULL CHECK (amount_target_fen >= 0),
    updated_by bigint,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, id),
    ${ref('staff_id', 'staff')},
    ${ref('updated_by', 'staff')}
  );
  CREATE UNIQUE INDEX monthly_targets_month_staff
    ON monthly_targets (branch_id, month, coalesce(staff_id, 0));

  CREATE TABLE elderly_clearances (
    ${branchId},
    borrower_id bigint NOT NULL,
    reason text NOT NULL CHECK (length(trim(reason)) > 0),
    cleared_by bigint NOT NULL,
    cleared_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, borrower_id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('cleared_by', 'staff')}
  );
`;

export const records = `
  -- Written once: a correction is a new row amending the original (see the triggers below).
  CREATE TABLE visit_records (
    ${branchId},
    ${id},
    visit_id bigint NOT NULL,
    borrower_id bigint NOT NULL,
    amends bigint,
    amend_reason text,
    actual_date date NOT NULL,
    actual_start text NOT NULL ${hhmm('actual_start')},
    actual_end text NOT NULL ${hhmm('actual_end')} CHECK (actual_end > actual_start),
    met text NOT NULL CHECK (met IN ('borrower', 'spouse', 'family', 'nobody')),
    outcome text NOT NULL CHECK (outcome IN
      ('paid_full', 'partial_payment', 'promise_to_pay', 'plan_proposed', 'refused',
       'hardship', 'not_home', 'moved', 'disputes', 'deceased')),
    borrower_words text NOT NULL DEFAULT '',
    assessment_id bigint,
    staff_cards_shown boolean NOT NULL CHECK (staff_cards_shown),
    rights_explained boolean NOT NULL CHECK (rights_explained),
    no_third_party_disclosure boolean NOT NULL CHECK (no_third_party_disclosure),
    recorded_on_media boolean NOT NULL CHECK (recorded_on_media),
    recording_ref text NOT NULL CHECK (length(trim(recording_ref)) > 0),
    next_action text NOT NULL DEFAULT '',
    follow_up_on date,
    recorded_by bigint NOT NULL,
    recorded_at timestamptz NOT NULL,
    place text NOT NULL DEFAULT 'home' CHECK (place IN ('home', 'workplace', 'other')),
    place_note text NOT NULL DEFAULT '',
    CHECK ((amends IS NULL) = (amend_reason IS NULL)),
    PRIMARY KEY (branch_id, id),
    ${ref('visit_id', 'visits')},
    ${ref('borrower_id', 'borrowers')},
    ${ref('amends', 'visit_records')},
    ${ref('assessment_id', 'assessments')},
    ${ref('recorded_by', 'staff')}
  );
  -- One original per visit; amendments hang off it.
  CREATE UNIQUE INDEX visit_records_visit ON visit_records (branch_id, visit_id)
    WHERE amends IS NULL;
  CREATE INDEX visit_records_amends ON visit_records (branch_id, amends) WHERE amends IS NOT NULL;
  CREATE INDEX visit_records_borrower ON visit_records (branch_id, borrower_id, actual_date);
  CREATE INDEX visit_records_date ON visit_records (branch_id, actual_date);

  CREATE TABLE visit_record_staff (
    ${branchId},
    record_id bigint NOT NULL,
    staff_id bigint NOT NULL,
    PRIMARY KEY (branch_id, record_id, staff_id),
    ${ref('record_id', 'visit_records')},
    ${ref('staff_id', 'staff')}
  );
  CREATE INDEX visit_record_staff_staff ON visit_record_staff (branch_id, staff_id, record_id);

  CREATE TABLE visit_record_violations (
    ${branchId},
    record_id bigint NOT NULL,
    seq integer NOT NULL CHECK (seq >= 1),
    code text NOT NULL,
    severity text NOT NULL CHECK (severity IN ('block', 'legal')),
    params jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (branch_id, record_id, seq),
    ${ref('record_id', 'visit_records')}
  );

  CREATE TABLE promises (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    loan_id bigint,
    visit_record_id bigint NOT NULL,
    promised_on date NOT NULL,
    amount_fen bigint NOT NULL CHECK (amount_fen > 0),
    due_on date NOT NULL CHECK (due_on >= promised_on),
    status text NOT NULL DEFAULT 'pending' CHECK (status IN
      ('pending', 'kept', 'partly_kept', 'broken', 'superseded')),
    evaluated_at timestamptz,
    paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('loan_id', 'loans')},
    ${ref('visit_record_id', 'visit_records')}
  );
  CREATE INDEX promises_borrower ON promises (branch_id, borrower_id, due_on);
  CREATE INDEX promises_due ON promises (branch_id, due_on, status);
  CREATE INDEX promises_record ON promises (branch_id, visit_record_id);

  -- Numbered per branch code and year, gapless: (branch_code, year, seq) is unique.
  CREATE TABLE receipts (
    ${branchId},
    ${id},
    receipt_no text NOT NULL,
    branch_code text NOT NULL,
    year integer NOT NULL,
    seq integer NOT NULL CHECK (seq >= 1),
    payment_id bigint NOT NULL,
    visit_record_id bigint NOT NULL,
    paid_at text NOT NULL
      CHECK (paid_at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]$'),
    issued_by bigint NOT NULL,
    issued_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, id),
    UNIQUE (branch_id, receipt_no),
    UNIQUE (branch_id, payment_id),
    UNIQUE (branch_id, branch_code, year, seq),
    ${ref('payment_id', 'payments')},
    ${ref('visit_record_id', 'visit_records')},
    ${ref('issued_by', 'staff')}
  );
  CREATE INDEX receipts_record ON receipts (branch_id, visit_record_id);
  CREATE INDEX receipts_paid_at ON receipts (branch_id, paid_at);

  CREATE TABLE repayment_plans (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    loan_id bigint,
    visit_record_id bigint NOT NULL,
    total_fen bigint NOT NULL CHECK (total_fen > 0),
    overdue_fen bigint NOT NULL CHECK (overdue_fen >= 0),
    shortfall_reason text NOT NULL DEFAULT '',
    status text NOT NULL DEFAULT 'proposed' CHECK (status IN
      ('proposed', 'approved', 'rejected', 'completed', 'broken', 'superseded')),
    proposed_by bigint NOT NULL,
    proposed_at timestamptz NOT NULL,
    decided_by bigint,
    decided_at timestamptz,
    decision_reason text NOT NULL DEFAULT '',
    evaluated_at timestamptz,
    self_approved boolean NOT NULL DEFAULT false,
    CHECK (total_fen <= overdue_fen),
    CHECK (total_fen = overdue_fen OR length(trim(shortfall_reason)) > 0),
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('loan_id', 'loans')},
    ${ref('visit_record_id', 'visit_records')},
    ${ref('proposed_by', 'staff')},
    ${ref('decided_by', 'staff')}
  );
  CREATE INDEX repayment_plans_borrower ON repayment_plans (branch_id, borrower_id, status);
  CREATE INDEX repayment_plans_status ON repayment_plans (branch_id, status, proposed_at);
  CREATE INDEX repayment_plans_record ON repayment_plans (branch_id, visit_record_id);

  CREATE TABLE plan_instalments (
    ${branchId},
    plan_id bigint NOT NULL,
    seq integer NOT NULL CHECK (seq >= 1),
    due_on date NOT NULL,
    amount_fen bigint NOT NULL CHECK (amount_fen > 0),
    status text NOT NULL DEFAULT 'pending' CHECK (status IN
      ('pending', 'kept', 'partly_kept', 'broken')),
    paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
    evaluated_at timestamptz,
    PRIMARY KEY (branch_id, plan_id, seq),
    ${ref('plan_id', 'repayment_plans')}
  );
  CREATE INDEX plan_instalments_due ON plan_instalments (branch_id, due_on, status);

  CREATE TABLE follow_ups (
    ${branchId},
    ${id},
    borrower_id bigint NOT NULL,
    visit_record_id bigint NOT NULL,
    staff_id bigint NOT NULL,
    due_on date NOT NULL,
    action text NOT NULL DEFAULT '',
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'replaced')),
    closed_at timestamptz,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, id),
    ${ref('borrower_id', 'borrowers')},
    ${ref('visit_record_id', 'visit_records')},
    ${ref('staff_id', 'staff')}
  );
  CREATE INDEX follow_ups_open ON follow_ups (branch_id, staff_id, due_on) WHERE status = 'open';
  CREATE INDEX follow_ups_borrower ON follow_ups (branch_id, borrower_id) WHERE status = 'open';

  -- Money counted once: what a file's fall in principal was, and which visit cash it confirmed.
  CREATE TABLE file_repayments (
    ${branchId},
    ${id},
    loan_id bigint NOT NULL,
    as_of date NOT NULL,
    previous_as_of date NOT NULL CHECK (previous_as_of < as_of),
    reduction_fen bigint NOT NULL CHECK (reduction_fen > 0),
    paid_on date CHECK (paid_on IS NULL OR (paid_on >= previous_as_of AND paid_on <= as_of)),
    payment_id bigint,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, id),
    UNIQUE (branch_id, payment_id),
    UNIQUE (branch_id, loan_id, as_of),
    ${ref('loan_id', 'loans')},
    ${ref('payment_id', 'payments')}
  );

  CREATE TABLE payment_confirmations (
    ${branchId},
    file_repayment_id bigint NOT NULL,
    visit_payment_id bigint NOT NULL,
    amount_fen bigint NOT NULL CHECK (amount_fen > 0),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, file_repayment_id, visit_payment_id),
    ${ref('file_repayment_id', 'file_repayments')},
    ${ref('visit_payment_id', 'payments')}
  );
  CREATE INDEX payment_confirmations_visit ON payment_confirmations (branch_id, visit_payment_id);

  CREATE TABLE promise_payments (
    ${branchId},
    promise_id bigint NOT NULL,
    payment_id bigint NOT NULL,
    amount_fen bigint NOT NULL CHECK (amount_fen > 0),
    PRIMARY KEY (branch_id, promise_id, payment_id),
    ${ref('promise_id', 'promises')},
    ${ref('payment_id', 'payments')}
  );
  CREATE INDEX promise_payments_payment ON promise_payments (branch_id, payment_id);

  -- Visit cash handed in at the branch (缴款); only the sign-off may change (triggers below).
  CREATE TABLE cash_handins (
    ${branchId},
    ${id},
    officer_id bigint NOT NULL,
    day date NOT NULL,
    expected_fen bigint NOT NULL CHECK (expected_fen >= 0),
    counted_fen bigint NOT NULL CHECK (counted_fen >= 0),
    explanation text NOT NULL DEFAULT '',
    handed_in_on date NOT NULL,
    recorded_by bigint NOT NULL,
    recorded_at timestamptz NOT NULL,
    signed_off_by bigint,
    signed_off_at timestamptz,
    sign_off_note text NOT NULL DEFAULT '',
    CHECK (counted_fen = expected_fen OR length(trim(explanation)) > 0),
    CHECK ((signed_off_by IS NULL) = (signed_off_at IS NULL)),
    CHECK (signed_off_by IS NULL OR counted_fen <> expected_fen),
    CHECK (handed_in_on >= day),
    PRIMARY KEY (branch_id, id),
    ${ref('officer_id', 'staff')},
    ${ref('recorded_by', 'staff')},
    ${ref('signed_off_by', 'staff')}
  );
  CREATE INDEX cash_handins_officer_day ON cash_handins (branch_id, officer_id, day);
  CREATE INDEX cash_handins_day ON cash_handins (branch_id, day);
  CREATE INDEX cash_handins_open ON cash_handins (branch_id, day)
    WHERE counted_fen <> expected_fen AND signed_off_by IS NULL;

  CREATE TABLE cash_handin_receipts (
    ${branchId},
    handin_id bigint NOT NULL,
    receipt_id bigint NOT NULL,
    amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
    PRIMARY KEY (branch_id, handin_id, receipt_id),
    UNIQUE (branch_id, receipt_id),
    ${ref('handin_id', 'cash_handins')},
    ${ref('receipt_id', 'receipts')}
  );
`;
