import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../electron/shared/roles';
import type { CasePage } from '../../../electron/shared/schemas/cases';
import { CaseHeader } from '../../../renderer/src/features/cases/CaseHeader';
import { fakeBridge, renderScreen } from '../support';
import { asRole } from '../support';

const page: CasePage = {
  asOf: '2026-03-10',
  borrower: {
    id: 5,
    name: '张三',
    idNumberMasked: '110105********002X',
    birthDate: '1949-12-31',
    sex: 'F',
    age: 76,
    mobileMasked: '138****5678',
    otherPhonesMasked: [],
    province: '浙江省',
    provinceCode: '33',
    city: '',
    cityCode: null,
    county: '',
    countyCode: null,
    township: '石桥镇',
    townshipCode: null,
    village: '东村',
    villageCode: null,
    addressDetail: '',
    occupation: '种植',
    householdSize: 3,
    dependents: 1,
    householdMembers: [],
    preferredContactTimes: '',
    vulnerable: { elderly: true, ill: false, disabled: false, disaster: false },
    vulnerabilityNotes: '',
    officerId: 3,
    status: 'active',
    closedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: '5a1d0c9e7b3f2a64',
  },
  header: {
    totalOverdueFen: 1234567,
    outstandingFen: 5000000,
    maxDpd: 45,
    bucket: 'M2',
    overdueSince: '2026-01-24',
    officer: { id: 3, name: '赵强', staffNo: 'C003' },
    lastContactAt: null,
    lastVisitAt: null,
    vulnerable: ['elderly'],
    disputed: false,
    onHold: false,
    closed: false,
    brokenPromises: 1,
    exit: null,
    classification: null,
  },
  loans: [],
  contacts: [],
  assessments: [],
  timeline: [],
};

function renderHeader(role: Role) {
  return renderScreen(asRole(role, <CaseHeader page={page} actions={null} />));
}

describe('case header', () => {
  it('shows the facts that matter, with ID and mobile masked', () => {
    fakeBridge({});
    renderHeader('officer');
    expect(screen.getByTestId('case-id-number')).toHaveTextContent('110105********002X');
    expect(screen.getByTestId('case-mobile')).toHaveTextContent('138****5678');
    expect(screen.getByTestId('case-total-overdue')).toHaveTextContent('¥12,345.67');
    expect(screen.getByText('45 天')).toBeInTheDocument();
    expect(screen.getByText('M2')).toBeInTheDocument();
    expect(screen.getByText('老年人')).toBeInTheDocument();
    expect(screen.getByText('承诺未兑现')).toBeInTheDocument();
  });

  it('offers no "show" button to a role without cases.reveal', () => {
    const { calls } = fakeBridge({});
    renderHeader('clerk');
    expect(screen.getByTestId('case-id-number')).toHaveTextContent('110105********002X');
    expect(screen.queryByRole('button', { name: /显示/ })).not.toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('reveals the full ID for this view only when a permitted role asks', async () => {
    const { calls } = fakeBridge({
      'cases:revealField': () => ({ ok: true, data: { value: '11010519491231002X' } }),
    });
    const user = userEvent.setup();
    renderHeader('auditor');
    await user.click(screen.getByRole('button', { name: '显示 身份证号' }));
    expect(await screen.findByTestId('case-id-number')).toHaveTextContent('11010519491231002X');
    expect(screen.getByTestId('case-mobile')).toHaveTextContent('138****5678');
    expect(calls).toEqual([
      { channel: 'cases:revealField', input: { borrowerId: 5, field: 'idNumber' } },
    ]);
  });
});
