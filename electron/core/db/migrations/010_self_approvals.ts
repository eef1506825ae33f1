import type { Migration } from './types';

/**
 * Self-approvals (issue 14). A manager who proposes an override or a repayment plan and then
 * grants it approves their own proposal: allowed only while they are the branch's one active
 * approver, and then marked, so the monthly summary can count it.
 *
 * - `visits.override_proposed_by`: who wrote the override's reason. `overridden_by` stays the
 *   one who granted it; an override proposed but not yet granted (it waits for the other
 *   manager) has a reason, a proposer and no `overridden_by`.
 * - `visits.override_self_approved`, `repayment_plans.self_approved`: granted by the proposer.
 *
 * Before this migration every override was written and granted by one manager in one action,
 * so each is marked as self-approved; a plan counts when the manager who decided it proposed it.
 */
export const migration010: Migration = {
  version: 10,
  name: 'self-approved overrides and repayment plans',
  sql: `
    ALTER TABLE visits ADD COLUMN override_proposed_by INTEGER REFERENCES staff(id);
    ALTER TABLE visits ADD COLUMN override_self_approved INTEGER NOT NULL DEFAULT 0
      CHECK (override_self_approved IN (0, 1));
    ALTER TABLE repayment_plans ADD COLUMN self_approved INTEGER NOT NULL DEFAULT 0
      CHECK (self_approved IN (0, 1));
    UPDATE visits SET override_proposed_by = overridden_by, override_self_approved = 1
      WHERE override_reason IS NOT NULL AND overridden_by IS NOT NULL;
    UPDATE repayment_plans SET self_approved = 1
      WHERE decided_by = proposed_by AND status IN ('approved', 'completed', 'broken');
  `,
};
