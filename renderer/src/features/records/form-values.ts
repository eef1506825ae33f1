import type { Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  amendVisitInput,
  recordVisitInput,
  type AmendVisit,
  type MetWhom,
  type OutcomeCode,
  type RecordVisit,
  type VisitPaymentMethod,
} from '../../../../electron/shared/schemas/records';
import type { RecordDetail, RecordDraft } from '../../../../electron/shared/schemas/records-views';
import type { VisitPlace } from '../../../../electron/shared/compliance';

/**
 * The outcome form's values. They follow the shared schema field for field, but start blank
 * where the schema insists on a value (no outcome chosen yet, no amount typed): the schema then
 * answers with its field messages, in the user's language.
 */
export interface OutcomeFormValues {
  visitId: number;
  recordId?: number;
  reason?: string;
  date: string;
  start: string;
  end: string;
  staffIds: number[];
  place: VisitPlace;
  placeNote: string;
  met: MetWhom | '';
  outcome: OutcomeCode | '';
  borrowerWords: string;
  situation: {
    livelihood: string;
    income: string;
    expenses: string;
    assets: string;
    householdSize: number | null;
    monthlyIncomeFen: number | null;
    monthlyExpensesFen: number | null;
    capacityFen: number | null;
  };
  checklist: {
    staffCardsShown: boolean;
    rightsExplained: boolean;
    noThirdPartyDisclosure: boolean;
    recorded: boolean;
    recordingRef: string;
  };
  nextAction: string;
  followUpOn: string | null;
  promise: { amountFen: number | null; dueOn: string; loanId: number | null };
  payment: { amountFen: number | null; method: VisitPaymentMethod; loanId: number | null };
  plan: {
    loanId: number | null;
    mode: 'equal' | 'custom';
    count: number;
    firstDueOn: string;
    totalFen: number | null;
    amountsFen: (number | null)[];
    shortfallReason: string;
  };
}

export type OutcomeFormOutput = RecordVisit | AmendVisit;

/**
 * The shared schema as the form's resolver. The cast only widens the accepted values to the
 * blank form state above; validation and the transform are the schema's own.
 */
export function outcomeResolver(mode: 'record' | 'amend') {
  const schema = mode === 'amend' ? amendVisitInput : recordVisitInput;
  return zodResolver(schema) as unknown as Resolver<OutcomeFormValues, unknown, OutcomeFormOutput>;
}

const blankSituation: OutcomeFormValues['situation'] = {
  livelihood: '',
  income: '',
  expenses: '',
  assets: '',
  householdSize: null,
  monthlyIncomeFen: null,
  monthlyExpensesFen: null,
  capacityFen: null,
};

export function draftDefaults(draft: RecordDraft, today: string): OutcomeFormValues {
  const firstLoan = draft.loans[0]?.id ?? null;
  return {
    visitId: draft.visitId,
    date: draft.date <= today ? draft.date : today,
    start: draft.start,
    end: draft.end,
    staffIds: draft.staff.map((s) => s.id),
    place: draft.place ?? 'home',
    placeNote: draft.placeNote ?? '',
    met: '',
    outcome: '',
    borrowerWords: '',
    situation: blankSituation,
    checklist: {
      staffCardsShown: false,
      rightsExplained: false,
      noThirdPartyDisclosure: false,
      recorded: false,
      recordingRef: '',
    },
    nextAction: '',
    followUpOn: null,
    promise: { amountFen: null, dueOn: '', loanId: null },
    payment: { amountFen: null, method: 'cash', loanId: firstLoan },
    plan: {
      loanId: null,
      mode: 'equal',
      count: 6,
      firstDueOn: '',
      totalFen: draft.overdueFen > 0 ? draft.overdueFen : null,
      amountsFen: [],
      shortfallReason: '',
    },
  };
}

/** The effective record as the starting point of an amendment. */
export function amendDefaults(record: RecordDetail, draft: RecordDraft): OutcomeFormValues {
  const base = draftDefaults(draft, record.date);
  const plan = record.plan;
  const amounts = plan?.instalments.map((i) => i.amountFen) ?? [];
  const equal = amounts.every((a, i) => i === amounts.length - 1 || a === amounts[0]);
  return {
    ...base,
    recordId: record.id,
    reason: '',
    date: record.date,
    start: record.start,
    end: record.end,
    staffIds: record.staff.map((s) => s.id),
    place: record.place ?? 'home',
    placeNote: record.placeNote ?? '',
    met: record.met,
    outcome: record.outcome,
    borrowerWords: record.borrowerWords,
    situation: record.situation ?? blankSituation,
    checklist: { ...record.checklist },
    nextAction: record.nextAction,
    followUpOn: record.followUpOn,
    promise: record.promise
      ? {
          amountFen: record.promise.amountFen,
          dueOn: record.promise.dueOn,
          loanId: record.promise.loanId,
        }
      : base.promise,
    payment: record.receipt
      ? {
          amountFen: record.receipt.amountFen,
          method: record.receipt.method,
          loanId: record.receipt.loanId,
        }
      : base.payment,
    plan: plan
      ? {
          loanId: plan.loanId,
          mode: equal ? 'equal' : 'custom',
          count: plan.instalments.length,
          firstDueOn: plan.instalments[0]?.dueOn ?? '',
          totalFen: plan.totalFen,
          amountsFen: equal ? [] : amounts,
          shortfallReason: plan.shortfallReason,
        }
      : base.plan,
  };
}
