import { channelCase } from '../channel-case';

/** What the cash hand-in page (缴款登记, /visits/cash) loads first, at the branch's full size. */
const needs = ['receipts', 'visit_record_staff', 'cash_handins', 'cash_handin_receipts'];

/** The page asks for every day (CashPage's ALL_DAYS); the list stops at its 500 newest. */
const ALL_DAYS = { from: '2000-01-01', to: '2099-12-31' };

export default [
  channelCase({
    name: 'hand-in list',
    about:
      'records:handIns as the cash page opens (every day, 500 newest hand-ins, each with its receipts, borrowers and loans)',
    channel: 'records:handIns',
    needs,
    target: { figure: 'median', maxMs: 200 },
    iterations: 20,
    warmup: 3,
    check: (data) => {
      const rows = data as { receipts: unknown[] }[];
      if (rows.length === 0 || rows[0]!.receipts.length === 0) throw new Error('no hand-ins');
    },
    inputs: () => [
      { ...ALL_DAYS, openOnly: false },
      { ...ALL_DAYS, openOnly: true },
    ],
  }),
  channelCase({
    name: 'cash held',
    about:
      'records:cashHolders as the cash page and the Tasks page open (receipts not yet handed in, by officer and day, late or not)',
    channel: 'records:cashHolders',
    needs,
    target: { figure: 'median', maxMs: 200 },
    iterations: 20,
    warmup: 3,
    check: (data) => {
      const rows = data as { late: boolean }[];
      if (!rows.some((r) => r.late)) throw new Error('no late money held');
    },
    inputs: () => [{}],
  }),
];
