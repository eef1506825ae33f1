import type { Sqlite } from '../db/sqlite';
import type { MonthRange } from './month';
import { define, MONTH_VISITS, tallyQuery, type Tally } from './tally';

/** Promises to pay, money collected against the target, repayment plans approved. */

export const moneyDefinitions = [
  define(
    'promisesMade',
    'count',
    'promises',
    ['承诺还款笔数', 'Promises to pay'],
    [
      '本月计划走访的记录中作出、仍有效（未被更正替代）的承诺还款笔数。',
      "Promises to pay made in the records of the month's visits and still standing (not superseded by a correction).",
    ],
  ),
  define(
    'ptpRate',
    'rate',
    'promises',
    ['承诺率', 'PTP rate'],
    [
      '承诺还款笔数 ÷ 见到借款人本人的走访数。',
      'Promises to pay ÷ visits where the borrower was met.',
    ],
  ),
  define(
    'promisedFen',
    'fen',
    'promises',
    ['承诺金额', 'Amount promised'],
    ['上述承诺还款的金额合计（元）。', 'The total amount of those promises (yuan).'],
  ),
  define(
    'promisesDue',
    'count',
    'promises',
    ['本月到期承诺', 'Promises due'],
    [
      '承诺还款日在本月内、仍有效的承诺笔数（无论在哪个月作出）。',
      'Standing promises whose due date falls in the month, whenever they were made.',
    ],
  ),
  define(
    'promisesKept',
    'count',
    'promises',
    ['已兑现承诺', 'Promises kept'],
    [
      '本月到期承诺中已全额兑现的笔数（部分兑现不计）。',
      'Promises due in the month that were kept in full (partly kept ones do not count).',
    ],
  ),
  define(
    'ptpKeptRate',
    'rate',
    'promises',
    ['承诺兑现率', 'PTP kept rate'],
    ['已兑现承诺 ÷ 本月到期承诺。', 'Promises kept ÷ promises due in the month.'],
  ),
  define(
    'collectedFen',
    'fen',
    'payments',
    ['回收金额', 'Amount collected'],
    [
      '本月内入账、且所属贷款在本月有已完成走访的还款合计（元）。按催收员统计时，为其本人走访过的贷款。',
      'Payments received in the month on loans that had a done visit in the month (yuan). Per officer: the loans that officer visited.',
    ],
  ),
  define(
    'targetFen',
    'fen',
    null,
    ['回收目标', 'Collection target'],
    [
      '本月为支行或催收员设定的回收金额目标（元）；未设定时为空。',
      "The month's collection target for the branch or the officer (yuan); empty when none was set.",
    ],
  ),
  define(
    'collectedVsTarget',
    'rate',
    'payments',
    ['目标达成率', 'Collected vs target'],
    ['回收金额 ÷ 回收目标。', 'Amount collected ÷ collection target.'],
  ),
  define(
    'plansApproved',
    'count',
    'plans',
    ['批准的还款计划', 'Repayment plans approved'],
    [
      '本月（支行所在时区）由经理批准的还款计划数；按催收员统计时归于提出计划的人。',
      'Repayment plans a manager approved in the month (branch time zone); per officer, counted for whoever proposed the plan.',
    ],
  ),
  define(
    'plansSelfApproved',
    'count',
    'plans',
    ['经理自批的还款计划', 'Self-approved repayment plans'],
    [
      '本月批准的还款计划中，由提出计划的经理本人批准的数量（当时支行只有这一位可审批的在职人员）；按人员统计时归于该经理。',
      "Repayment plans approved in the month by the manager who proposed them, being then the branch's only active approver; per person, counted for that manager.",
    ],
  ),
];

/**
 * Promises of the month's visits' records, originals and amendments alike. CROSS JOIN keeps
 * the month's visits outside (otherwise the planner scanned every amendment ever made, and
 * every visit_staff row, probing the month's visits through a Bloom filter).
 */
const MADE = `
  WITH ${MONTH_VISITS},
  pm AS MATERIALIZED (
    SELECT mv.id AS visit_id, p.amount_fen
    FROM mv CROSS JOIN visit_records o ON o.visit_id = mv.id AND o.amends IS NULL
    CROSS JOIN promises p INDEXED BY promises_record ON p.visit_record_id = o.id
    WHERE p.status <> 'superseded'
    UNION ALL
    SELECT mv.id, p.amount_fen
    FROM mv CROSS JOIN visit_records o ON o.visit_id = mv.id AND o.amends IS NULL
    CROSS JOIN visit_records a ON a.amends = o.id
    CROSS JOIN promises p INDEXED BY promises_record ON p.visit_record_id = a.id
    WHERE p.status <> 'superseded'
  )
  SELECT NULL AS staff_id, count(*) AS promisesMade, coalesce(sum(amount_fen), 0) AS promisedFen
  FROM pm
  UNION ALL
  SELECT s.staff_id, count(*), sum(pm.amount_fen)
  FROM pm CROSS JOIN visit_staff s ON s.visit_id = pm.visit_id
  GROUP BY s.staff_id`;

const DUE = `
  WITH pd AS MATERIALIZED (
    SELECT r.visit_id, p.status FROM promises p INDEXED BY promises_due
    JOIN visit_records r ON r.id = p.visit_record_id
    WHERE p.due_on >= :from AND p.due_on < :next AND p.status <> 'superseded'
  )
  SELECT NULL AS staff_id, count(*) AS promisesDue,
         count(*) FILTER (WHERE status = 'kept') AS promisesKept FROM pd
  UNION ALL
  SELECT s.staff_id, count(*), count(*) FILTER (WHERE pd.status = 'kept')
  FROM pd CROSS JOIN visit_staff s ON s.visit_id = pd.visit_id GROUP BY s.staff_id`;

const COLLECTED = `
  WITH done AS MATERIALIZED (
    SELECT id FROM visits INDEXED BY visits_date
    WHERE date >= :from AND date < :next AND status = 'done'
  ),
  loans_visited AS (SELECT DISTINCT l.loan_id FROM done JOIN visit_loans l ON l.visit_id = done.id),
  staff_loans AS (
    SELECT DISTINCT s.staff_id, l.loan_id
    -- CROSS JOIN keeps the month's visits on the outside: left to itself the planner scanned
    -- all 2,000,000 visit_staff rows (757 ms at full scale; 45 ms this way, same answer).
    FROM done CROSS JOIN visit_staff s ON s.visit_id = done.id
      CROSS JOIN visit_loans l ON l.visit_id = done.id
  ),
  paid AS MATERIALIZED (
    SELECT loan_id, sum(amount_fen) AS fen FROM payments INDEXED BY payments_paid_on
    WHERE paid_on >= :from AND paid_on < :next GROUP BY loan_id
  )
  SELECT NULL AS staff_id, coalesce(sum(paid.fen), 0) AS collectedFen
  FROM loans_visited JOIN paid ON paid.loan_id = loans_visited.loan_id
  UNION ALL
  SELECT staff_loans.staff_id, sum(paid.fen)
  FROM staff_loans JOIN paid ON paid.loan_id = staff_loans.loan_id GROUP BY staff_loans.staff_id`;

/** A target row marks that a target exists (hasTarget), so 0 differs from "none set". */
const TARGETS = `
  SELECT staff_id, amount_target_fen AS targetFen, 1 AS hasTarget
  FROM monthly_targets WHERE month = :month`;

const PLANS = `
  WITH ap AS MATERIALIZED (
    SELECT proposed_by, self_approved FROM repayment_plans
    WHERE decided_at >= :fromInstant AND decided_at < :nextInstant
      AND status IN ('approved', 'completed', 'broken')
  )
  SELECT NULL AS staff_id, count(*) AS plansApproved,
         count(*) FILTER (WHERE self_approved = 1) AS plansSelfApproved FROM ap
  UNION ALL
  SELECT proposed_by, count(*), count(*) FILTER (WHERE self_approved = 1)
  FROM ap GROUP BY proposed_by`;

export function moneyTallies(db: Sqlite, tally: Tally, range: MonthRange): void {
  tallyQuery(db, tally, MADE, range);
  tallyQuery(db, tally, DUE, range);
  tallyQuery(db, tally, COLLECTED, range);
  tallyQuery(db, tally, TARGETS, range);
  tallyQuery(db, tally, PLANS, range);
}
