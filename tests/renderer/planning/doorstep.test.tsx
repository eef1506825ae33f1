import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { violation, type Violation } from '../../../electron/shared/compliance';
import type { Role } from '../../../electron/shared/roles';
import type {
  CheckResult,
  ElderlyStatus,
  VisitDetail,
} from '../../../electron/shared/schemas/planning';
import type { StaffRow } from '../../../electron/shared/schemas/staff';
import { ElderlyFlag } from '../../../renderer/src/features/planning/ElderlyFlag';
import { PlanVisitDialog } from '../../../renderer/src/features/planning/PlanVisitDialog';
import { VisitDialog } from '../../../renderer/src/features/planning/VisitDialog';
import { fakeBridge, renderAs } from '../support';
import { plannedVisit } from './visit-fixture';

/** The doorstep rules on the planning screens (issue 15): where, vulnerable purposes, notices. */

const staffRow = (id: number, staffNo: string, name: string): StaffRow => ({
  id,
  staffNo,
  name,
  role: 'officer',
  phone: '',
  active: true,
  hasAccount: false,
  certificates: [],
  certified: true,
  certificateExpiringSoon: false,
  upcomingLeave: [],
});
const staff = [staffRow(2, 'C001', '李明'), staffRow(3, 'C002', '赵芳')];

const check =
  (violations: Violation[], extra: Partial<CheckResult> = {}) =>
  () => ({
    ok: true as const,
    data: { violations, canOverride: false, needsApproval: false, ...extra },
  });

const caseList = () => ({ ok: true as const, data: { rows: [], total: 0, asOf: '2026-05-12' } });

function renderPlan(role: Role) {
  const onPlanned = vi.fn();
  renderAs(
    role,
    <PlanVisitDialog
      draft={{ borrowerId: 7, date: '2026-05-12', start: '09:00', end: '10:00', staffIds: [2, 3] }}
      staff={staff}
      onClose={() => {}}
      onPlanned={onPlanned}
    />,
  );
  return onPlanned;
}

async function choose(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

describe('planning where and why', () => {
  it('sends a workplace visit with its note and the disclosure flag, and says it waits for approval', async () => {
    const placeViolation = violation('PLACE_NEEDS_APPROVAL', 'block', {
      place: '工作单位',
      placeEn: 'the workplace',
      note: '（县农机厂）',
      noteEn: ' (县农机厂)',
    });
    const { calls } = fakeBridge({
      'planning:check': (input) =>
        (input as { place?: string }).place === 'workplace'
          ? check([placeViolation], { needsApproval: true })()
          : check([])(),
      'planning:planVisit': () => ({ ok: true as const, data: { id: 9 } }),
      'cases:list': caseList,
    });
    const user = userEvent.setup();
    const onPlanned = renderPlan('officer');
    expect(screen.queryByLabelText('工作单位名称')).not.toBeInTheDocument();
    await choose(user, '走访地点', '工作单位');
    await user.type(screen.getByLabelText('工作单位名称'), '县农机厂');
    await user.click(screen.getByLabelText(/可能让雇主、同事或邻居知悉债务/));
    expect(await screen.findByText(/保存后须经理批准才能走访/)).toBeInTheDocument();
    // The approval rule is not a refusal: it is listed apart, saying why the visit waits.
    expect(screen.queryByTestId('plan-violations')).not.toBeInTheDocument();
    expect(screen.getByTestId('plan-approvals')).toHaveTextContent(
      '在工作单位（县农机厂）走访可能让雇主、同事或邻居知悉债务，走访前须经经理批准',
    );
    await user.click(screen.getByRole('button', { name: '安排' }));
    await waitFor(() => expect(onPlanned).toHaveBeenCalled());
    expect(calls.find((c) => c.channel === 'planning:planVisit')?.input).toMatchObject({
      place: 'workplace',
      placeNote: '县农机厂',
      disclosureRisk: true,
    });
  });

  it('asks a vulnerable borrower’s plan why it is not about an arrangement, and not when it is', async () => {
    fakeBridge({
      'planning:check': check([], { vulnerable: ['elderly'], needsApproval: true }),
      'cases:list': caseList,
    });
    const user = userEvent.setup();
    renderPlan('officer');
    expect(await screen.findByTestId('plan-vulnerable', {}, { timeout: 3000 })).toHaveTextContent(
      '借款人属于特殊群体（高龄）：走访应以协商还款安排为目的',
    );
    // The default purpose is a reminder: the reason is asked for.
    expect(screen.getByLabelText('不以还款安排为目的的理由')).toBeInTheDocument();
    await choose(user, '走访目的', '协商还款');
    await waitFor(() =>
      expect(screen.queryByLabelText('不以还款安排为目的的理由')).not.toBeInTheDocument(),
    );
    // The borrower is still vulnerable while the new purpose is checked.
    expect(screen.getByTestId('plan-vulnerable')).toBeInTheDocument();
    await act(() => i18next.changeLanguage('en'));
    expect(screen.getByTestId('plan-vulnerable')).toHaveTextContent(
      'The borrower is vulnerable (elderly): the visit should work towards a repayment arrangement',
    );
  });

  it('tells the only manager that saving approves the visit, marked', async () => {
    fakeBridge({
      'planning:check': check([], { vulnerable: ['ill'], approvalSelf: true }),
      'cases:list': caseList,
    });
    renderPlan('manager');
    expect(await screen.findByTestId('plan-approval-self')).toHaveTextContent(
      '您是支行唯一的经理：保存即批准这次走访，并标记为经理自批',
    );
  });
});

const visit = (extra: Partial<VisitDetail> = {}): VisitDetail =>
  plannedVisit({
    noticeStatus: 'phoned',
    noticeAt: '2026-03-08T15:30:00.000Z',
    noticeProblem: 'outOfHours',
    purposeReason: '借款人要求当面核对已还款项',
    place: 'workplace',
    placeNote: '县农机厂',
    disclosureRisk: true,
    plannedBy: 1,
    approval: { needed: true, by: 1, at: '2026-03-02T00:00:00.000Z', selfApproved: true },
    version: '3f1c0a9d2b7e4c55',
    ...extra,
  });

describe('a visit opened from the calendar', () => {
  it('says where, why this purpose, that the 23:30 call does not count, and offers a new call', async () => {
    const { calls } = fakeBridge({
      'planning:visit': () => ({ ok: true as const, data: visit() }),
      'planning:recordNotice': () => ({
        ok: true as const,
        data: visit({ noticeProblem: null, status: 'notified' }),
      }),
    });
    const user = userEvent.setup();
    renderAs('officer', <VisitDialog visitId={5} onClose={() => {}} onChanged={() => {}} />);
    const details = await screen.findByRole('table', { name: '走访详情' });
    expect(details).toHaveTextContent('工作单位（县农机厂） · 石桥镇 · 东村');
    expect(within(details).getByText('可能让他人知悉债务')).toBeInTheDocument();
    expect(details).toHaveTextContent('借款人要求当面核对已还款项');
    expect(within(details).getByText('经理自批（支行仅一位经理）')).toBeInTheDocument();
    expect(screen.getByTestId('notice-problem')).toHaveTextContent(
      '不算通知：在 22:00–08:00 之间发出',
    );
    await user.click(screen.getByRole('button', { name: '重新电话告知借款人' }));
    await waitFor(() => expect(screen.queryByTestId('notice-problem')).not.toBeInTheDocument());
    expect(calls.find((c) => c.channel === 'planning:recordNotice')?.input).toEqual({
      id: 5,
      status: 'phoned',
    });
  });

  it('offers no new call once a notice counts', async () => {
    fakeBridge({
      'planning:visit': () => ({
        ok: true as const,
        data: visit({ noticeProblem: null, status: 'notified' }),
      }),
    });
    renderAs('officer', <VisitDialog visitId={5} onClose={() => {}} onChanged={() => {}} />);
    await screen.findByRole('table', { name: '走访详情' });
    expect(screen.queryByRole('button', { name: /电话告知借款人/ })).not.toBeInTheDocument();
  });
});

const elderly = (extra: Partial<ElderlyStatus> = {}): ElderlyStatus => ({
  borrowerId: 7,
  birthDate: '1962-07-01',
  age: 63,
  threshold: 60,
  byBirthDate: true,
  byHand: false,
  cleared: null,
  flagged: true,
  ...extra,
});

describe('the elderly flag on the case page', () => {
  it('the manager clears it with a reason; a short reason is refused in words', async () => {
    const clear = vi.fn((input: unknown) =>
      (input as { reason: string }).reason.length < 4
        ? {
            ok: false as const,
            error: {
              code: 'VALIDATION' as const,
              message: 'x',
              fields: { reason: 'v.elderlyReason' },
            },
          }
        : {
            ok: true as const,
            data: elderly({
              flagged: false,
              cleared: {
                reason: '本人仍在经营，要求按一般客户对待',
                by: 1,
                byName: '王建国',
                at: '2026-03-02T00:00:00.000Z',
              },
            }),
          },
    );
    fakeBridge({
      'planning:elderly': () => ({ ok: true as const, data: elderly() }),
      'planning:clearElderly': clear,
    });
    const user = userEvent.setup();
    renderAs('manager', <ElderlyFlag borrowerId={7} />);
    expect(await screen.findByTestId('elderly-flag')).toHaveTextContent(
      '按身份证出生日期，借款人现年 63 岁（满 60 岁即为高龄）',
    );
    await user.click(screen.getByRole('button', { name: '取消高龄标记' }));
    await user.type(screen.getByLabelText('取消理由'), '本人');
    await user.click(screen.getByRole('button', { name: '取消标记' }));
    expect(await screen.findByText('请写明取消高龄标记的理由（至少 4 个字）')).toBeInTheDocument();
    await user.type(screen.getByLabelText('取消理由'), '仍在经营，要求按一般客户对待');
    await user.click(screen.getByRole('button', { name: '取消标记' }));
    expect(await screen.findByTestId('elderly-cleared')).toHaveTextContent(
      '理由：本人仍在经营，要求按一般客户对待',
    );
    expect(screen.getByRole('button', { name: '恢复高龄标记' })).toBeInTheDocument();
  });

  it('an officer sees the flag but cannot clear it; a borrower under the age shows nothing', async () => {
    fakeBridge({ 'planning:elderly': () => ({ ok: true as const, data: elderly() }) });
    renderAs('officer', <ElderlyFlag borrowerId={7} />);
    await screen.findByTestId('elderly-flag');
    expect(screen.queryByRole('button', { name: '取消高龄标记' })).not.toBeInTheDocument();
  });

  it('shows nothing for a borrower the ID does not make elderly', async () => {
    const { calls } = fakeBridge({
      'planning:elderly': () => ({
        ok: true as const,
        data: elderly({ age: 45, byBirthDate: false, flagged: false }),
      }),
    });
    renderAs('manager', <ElderlyFlag borrowerId={7} />);
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.queryByTestId('elderly-flag')).not.toBeInTheDocument();
    expect(screen.queryByTestId('elderly-cleared')).not.toBeInTheDocument();
  });
});

describe('approving one’s own request', () => {
  it('says that another manager must approve it', async () => {
    fakeBridge({
      'planning:visit': () => ({
        ok: true as const,
        data: visit({
          noticeStatus: 'none',
          noticeAt: null,
          noticeProblem: null,
          approval: { needed: true, by: null, at: null, requestedBy: 1, selfApproved: false },
        }),
      }),
      'planning:approveVisit': () => ({
        ok: false as const,
        error: {
          code: 'FORBIDDEN' as const,
          message: 'another manager must approve a visit you asked approval for',
          fields: { _: 'e.approval.ownRequest' },
          details: { ownProposal: 'approval' },
        },
      }),
    });
    const user = userEvent.setup();
    renderAs('manager', <VisitDialog visitId={5} onClose={() => {}} onChanged={() => {}} />);
    await user.click(await screen.findByRole('button', { name: '批准走访' }));
    expect(
      await screen.findByText(/这次走访的审批是您提出的，须由另一位经理批准/),
    ).toBeInTheDocument();
  });
});
