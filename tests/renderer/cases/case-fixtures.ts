import type { CasePage } from '../../../electron/shared/schemas/cases';
import type { StaffRow } from '../../../electron/shared/schemas/staff';

/** 张三 (borrower 5), whose case officer is 赵强 (staff 3): the case page's answer. */
export const casePage: CasePage = {
  asOf: '2026-03-10',
  borrower: {
    id: 5,
    name: '张三',
    idNumberMasked: '110105********002X',
    birthDate: '1969-12-31',
    sex: 'M',
    age: 56,
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
    vulnerable: { elderly: false, ill: false, disabled: false, disaster: false },
    vulnerabilityNotes: '',
    officerId: 3,
    status: 'active',
    closedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
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
    vulnerable: [],
    disputed: false,
    onHold: false,
    closed: false,
    brokenPromises: 0,
    exit: null,
    classification: null,
  },
  loans: [],
  contacts: [],
  assessments: [],
  timeline: [],
};

export const staffRow = (id: number, staffNo: string, name: string): StaffRow => ({
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

export const branchStaff = [staffRow(2, 'C001', '李明'), staffRow(3, 'C003', '赵强')];

export const answer = (data: unknown) => () => ({ ok: true as const, data });
