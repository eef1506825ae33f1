import type { VisitDetail } from '../../../electron/shared/schemas/planning';

/**
 * A planned visit as `planning:visit` answers it, for the renderer's visit tests: 张三 (7),
 * 2026-03-10 09:00–10:00, 李明 and 赵芳, a reminder at home, no notice yet. `extra` changes
 * what a test is about.
 */
export const plannedVisit = (extra: Partial<VisitDetail> = {}): VisitDetail => ({
  id: 5,
  borrowerId: 7,
  borrowerName: '张三',
  loanIds: [],
  date: '2026-03-10',
  start: '09:00',
  end: '10:00',
  staff: [
    { id: 2, staffNo: 'C001', name: '李明' },
    { id: 3, staffNo: 'C002', name: '赵芳' },
  ],
  purpose: 'reminder',
  priority: 'normal',
  township: '石桥镇',
  village: '东村',
  status: 'planned',
  statusNote: '',
  noticeStatus: 'none',
  noticeAt: null,
  noticeProblem: null,
  borrowerRequested: false,
  purposeReason: '',
  place: 'home',
  placeNote: '',
  disclosureRisk: false,
  plannedBy: 2,
  plannedAt: '2026-03-02T00:00:00.000Z',
  override: null,
  overrideProposal: null,
  approval: { needed: false, by: null, at: null, selfApproved: false },
  rescheduledFrom: null,
  rescheduledTo: null,
  routeOrder: null,
  note: '',
  version: 'aaaaaaaaaaaaaaaa',
  ...extra,
});
