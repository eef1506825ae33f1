import { describe, expect, it } from 'vitest';
import { approvalRefusal } from '../../../electron/core/waivers/rules';

/** The two-approval rule on its own: who may give the next approval of a waiver. */
const proposal = (approvals: { staffId: number; role: string }[] = []) => ({
  proposedBy: 7,
  approvals,
});

describe('the two-approval rule', () => {
  it('refuses the proposer, even a manager', () => {
    expect(approvalRefusal(proposal(), { staffId: 7, role: 'manager' }, 'auditor')).toBe(
      'e.waiver.ownProposal',
    );
  });

  it('refuses the same person a second approval', () => {
    const first = proposal([{ staffId: 1, role: 'manager' }]);
    expect(approvalRefusal(first, { staffId: 1, role: 'manager' }, 'manager')).toBe(
      'e.waiver.twice',
    );
  });

  it('with the auditor as second approver: one manager and one auditor, in either order', () => {
    expect(approvalRefusal(proposal(), { staffId: 1, role: 'manager' }, 'auditor')).toBeNull();
    expect(approvalRefusal(proposal(), { staffId: 2, role: 'auditor' }, 'auditor')).toBeNull();
    const byManager = proposal([{ staffId: 1, role: 'manager' }]);
    expect(approvalRefusal(byManager, { staffId: 2, role: 'auditor' }, 'auditor')).toBeNull();
    expect(approvalRefusal(byManager, { staffId: 3, role: 'manager' }, 'auditor')).toBe(
      'e.waiver.role',
    );
    const byAuditor = proposal([{ staffId: 2, role: 'auditor' }]);
    expect(approvalRefusal(byAuditor, { staffId: 1, role: 'manager' }, 'auditor')).toBeNull();
    expect(approvalRefusal(byAuditor, { staffId: 4, role: 'auditor' }, 'auditor')).toBe(
      'e.waiver.role',
    );
  });

  it('never an officer or a clerk', () => {
    expect(approvalRefusal(proposal(), { staffId: 5, role: 'officer' }, 'auditor')).toBe(
      'e.waiver.role',
    );
    expect(approvalRefusal(proposal(), { staffId: 6, role: 'clerk' }, 'manager')).toBe(
      'e.waiver.role',
    );
  });

  it('with the manager as second approver: two different managers, not the auditor', () => {
    const byManager = proposal([{ staffId: 1, role: 'manager' }]);
    expect(approvalRefusal(byManager, { staffId: 3, role: 'manager' }, 'manager')).toBeNull();
    expect(approvalRefusal(proposal(), { staffId: 2, role: 'auditor' }, 'manager')).toBe(
      'e.waiver.role',
    );
  });
});
