import { z } from 'zod';
import { hhmm, isoDate, localDateTime } from '../validation';

/**
 * The documents Visitdesk prints and the facts each one carries. A DocumentData is everything a
 * print layout needs: the core assembles it from the database, logs it, and the renderer's
 * print route draws it; the wording comes from the template it carries.
 */
export const documentKinds = [
  'visitNotice',
  'reminderLetter',
  'demandLetter',
  'paymentReceipt',
  'repaymentPlanAgreement',
  'dayRouteSheet',
] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentKindSchema = z.enum(documentKinds);

export const documentLangs = ['zh', 'en'] as const;
export type DocumentLang = (typeof documentLangs)[number];
export const documentLangSchema = z.enum(documentLangs);

export const documentKindLabels: Record<DocumentKind, { zh: string; en: string }> = {
  visitNotice: { zh: '上门走访通知书', en: 'Visit notice' },
  reminderLetter: { zh: '还款提醒函', en: 'Repayment reminder' },
  demandLetter: { zh: '催收函', en: 'Demand letter' },
  paymentReceipt: { zh: '收据', en: 'Payment receipt' },
  repaymentPlanAgreement: { zh: '还款计划协议', en: 'Repayment plan agreement' },
  dayRouteSheet: { zh: '走访路线单', en: 'Day route sheet' },
};

const fen = z.number().int().min(0, 'v.nonNegative');
const line = (max: number) => z.string().trim().max(max, 'v.tooLong');

/** Only raster images: they cannot carry script, and print the same everywhere. */
export const logoDataUrl = z
  .string()
  .max(700_000, 'v.tooLong')
  .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/, 'v.invalid');

export const letterheadSchema = z.object({
  name: z.string().trim().min(1, 'v.required').max(100, 'v.tooLong'),
  address: line(300),
  phone: line(40),
  complaintHotline: line(40),
  logoDataUrl: logoDataUrl.nullable(),
});
export type Letterhead = z.infer<typeof letterheadSchema>;

export const staffOnDocument = z.object({
  name: line(50),
  staffNo: line(20),
  /**
   * The collection certificates the rules require, valid on the visit's date (a visit notice
   * names them so the borrower can check; absent on documents printed before they were listed).
   */
  certificateNos: z.array(line(60)).max(4).optional(),
});
export type StaffOnDocument = z.infer<typeof staffOnDocument>;

/** A full 18-character resident ID never reaches paper (PIPL: mask where not needed). */
const maskedId = line(30).refine((v) => !/\d{17}[\dXx]/.test(v), 'v.invalid');

export const borrowerOnDocument = z.object({
  name: line(50).min(1, 'v.required'),
  maskedId,
  address: line(300),
});
export type BorrowerOnDocument = z.infer<typeof borrowerOnDocument>;

export const loanOnDocument = z.object({
  loanNo: line(40).min(1, 'v.required'),
  principalFen: fen,
  outstandingFen: fen,
  /** Overdue principal + interest + contractual penalty interest. */
  overdueFen: fen,
  /** The three parts of overdueFen (absent on documents printed before they were listed). */
  overduePrincipalFen: fen.optional(),
  overdueInterestFen: fen.optional(),
  penaltyFen: fen.optional(),
  overdueSince: isoDate.nullable(),
  daysPastDue: z.number().int().min(0),
});
export type LoanOnDocument = z.infer<typeof loanOnDocument>;

export const visitOnDocument = z.object({
  date: isoDate,
  windowStart: hhmm,
  windowEnd: hhmm,
  staff: z.array(staffOnDocument).min(1).max(6),
  purpose: line(200),
  /** Where the visit happens, in the document's language (absent on notices printed before). */
  place: line(300).optional(),
});

/** The template a document was rendered with; version 0 is the built-in default. */
export const templateOnDocument = z.object({
  version: z.number().int().min(0),
  body: z.string().max(20_000, 'v.tooLong'),
});

const common = {
  lang: documentLangSchema,
  /** Empty in a preview: numbers are allocated only when a document is printed. */
  referenceNo: line(40),
  issueDate: isoDate,
  /** A reprint of a document already printed: it carries the 副本 (COPY) mark. */
  isCopy: z.boolean(),
  letterhead: letterheadSchema,
  template: templateOnDocument,
};

const forBorrower = {
  ...common,
  borrower: borrowerOnDocument,
  loans: z.array(loanOnDocument).min(1).max(20),
  repaymentChannels: z.array(line(200)).max(10),
};

export const visitNoticeData = z.object({
  kind: z.literal('visitNotice'),
  ...forBorrower,
  visit: visitOnDocument,
  reschedulePhone: line(40),
});

export const reminderLetterData = z.object({
  kind: z.literal('reminderLetter'),
  ...forBorrower,
  payBy: isoDate,
});

export const demandLetterData = z.object({
  kind: z.literal('demandLetter'),
  ...forBorrower,
  payBy: isoDate,
  /**
   * Reminders the record shows before this letter (outbound calls, texts, visits, letters and
   * reminder or demand letters printed): the letter says "despite our reminders" only when
   * there were some. Absent on letters printed before it was counted.
   */
  priorReminders: z.number().int().min(0).optional(),
});

export const paymentMethods = ['cash', 'transfer', 'card', 'other'] as const;
export const paymentMethodLabels: Record<
  (typeof paymentMethods)[number],
  { zh: string; en: string }
> = {
  cash: { zh: '现金', en: 'Cash' },
  transfer: { zh: '转账', en: 'Bank transfer' },
  card: { zh: '刷卡', en: 'Card' },
  other: { zh: '其他', en: 'Other' },
};

export const paymentReceiptData = z.object({
  kind: z.literal('paymentReceipt'),
  ...common,
  /** The receipt's own number from the branch's receipt sequence (records feature). */
  receiptNo: line(40).min(1, 'v.required'),
  borrower: borrowerOnDocument,
  loanNo: line(40).min(1, 'v.required'),
  amountFen: fen.min(1, 'v.amount'),
  /** Local date and time of payment, YYYY-MM-DDTHH:MM in the branch's time zone. */
  paidAt: localDateTime,
  method: z.enum(paymentMethods),
  collectedBy: z.array(staffOnDocument).min(1).max(6),
  note: line(300),
});

export const instalmentOnDocument = z.object({
  seq: z.number().int().min(1),
  dueDate: isoDate,
  amountFen: fen,
});

export const repaymentPlanData = z.object({
  kind: z.literal('repaymentPlanAgreement'),
  ...forBorrower,
  instalments: z.array(instalmentOnDocument).min(1).max(120),
  staff: z.array(staffOnDocument).min(1).max(6),
});

export const routeStopOnDocument = z.object({
  seq: z.number().int().min(1),
  windowStart: hhmm,
  windowEnd: hhmm,
  borrowerName: line(50),
  maskedId,
  /** The borrower's mobile, to call from the road (the sheet is handed back the same day). */
  phone: line(40).optional(),
  township: line(50),
  village: line(50),
  /** The house number and detail below the village (门牌). */
  address: line(300),
  loanNos: z.array(line(40)).max(20),
  overdueFen: fen,
  daysPastDue: z.number().int().min(0),
  purpose: line(200),
  staff: z.array(staffOnDocument).max(6),
});
export type RouteStopOnDocument = z.infer<typeof routeStopOnDocument>;

export const dayRouteSheetData = z.object({
  kind: z.literal('dayRouteSheet'),
  ...common,
  route: z.object({
    date: isoDate,
    staff: z.array(staffOnDocument).max(20),
    stops: z.array(routeStopOnDocument).max(200),
  }),
});

export const documentData = z.discriminatedUnion('kind', [
  visitNoticeData,
  reminderLetterData,
  demandLetterData,
  paymentReceiptData,
  repaymentPlanData,
  dayRouteSheetData,
]);
export type DocumentData = z.infer<typeof documentData>;
export type DocumentOf<K extends DocumentKind> = Extract<DocumentData, { kind: K }>;

/** What to print: one document per request, or a whole day's notices in route order. */
export const documentRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('visitNotice'), visitId: z.number().int().positive() }),
  z.object({
    kind: z.literal('dayNotices'),
    date: isoDate,
    staffId: z.number().int().positive().optional(),
  }),
  z.object({
    kind: z.literal('reminderLetter'),
    borrowerId: z.number().int().positive(),
    payBy: isoDate.optional(),
  }),
  z.object({
    kind: z.literal('demandLetter'),
    borrowerId: z.number().int().positive(),
    payBy: isoDate.optional(),
  }),
  z.object({ kind: z.literal('paymentReceipt'), receiptId: z.number().int().positive() }),
  z.object({ kind: z.literal('repaymentPlanAgreement'), planId: z.number().int().positive() }),
  z.object({
    kind: z.literal('dayRouteSheet'),
    date: isoDate,
    staffId: z.number().int().positive().optional(),
  }),
]);
export type DocumentRequest = z.infer<typeof documentRequest>;

export const printInput = z.object({
  lang: documentLangSchema.default('zh'),
  documents: z.array(documentRequest).min(1).max(500),
});

export const noticeTemplateRow = z.object({
  kind: documentKindSchema,
  lang: documentLangSchema,
  version: z.number().int().min(0),
  body: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** True while no manager has saved a version: the built-in wording is in force. */
  isDefault: z.boolean(),
  /** The built-in wording, for "restore the default" in the editor. */
  defaultBody: z.string(),
});
export type NoticeTemplateRow = z.infer<typeof noticeTemplateRow>;

/** One saved version of a template; version 0 is the built-in wording. */
export const templateVersionRow = z.object({
  kind: documentKindSchema,
  lang: documentLangSchema,
  version: z.number().int().min(0),
  body: z.string(),
  createdBy: z.string().nullable(),
  createdByNo: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** The version printing uses now. */
  isCurrent: z.boolean(),
});
export type TemplateVersionRow = z.infer<typeof templateVersionRow>;

export const templateVersionsInput = z.object({
  kind: documentKindSchema,
  lang: documentLangSchema,
});

/** Restoring saves the old text again as a new version; history is never rewritten. */
/**
 * The version in force when the editor or the history was opened (`noticeTemplateRow.version`):
 * a save or restore is refused with STALE_VERSION when another desk has saved since. Omitted
 * (the CLI, older callers): not checked.
 */
const baseVersion = z.number().int().min(0).optional();

export const restoreTemplateInput = z.object({
  kind: documentKindSchema,
  lang: documentLangSchema,
  version: z.number().int().min(0),
  baseVersion,
});
export type RestoreTemplateInput = z.infer<typeof restoreTemplateInput>;

export const saveTemplateInput = z.object({
  kind: documentKindSchema,
  lang: documentLangSchema,
  body: z.string().max(20_000, 'v.tooLong'),
  baseVersion,
});

export const printLogRow = z.object({
  id: z.number().int(),
  /** The instant (ISO, UTC). */
  printedAt: z.string(),
  /** The same instant on the branch's wall clock, YYYY-MM-DD HH:MM:SS: what the log shows. */
  printedAtLocal: z.string(),
  staffName: z.string().nullable(),
  staffNo: z.string().nullable(),
  kind: documentKindSchema,
  lang: documentLangSchema,
  referenceNo: z.string(),
  borrowerId: z.number().int().nullable(),
  /** The borrower's name as it is now (a route sheet has none). */
  borrowerName: z.string().nullable(),
  visitId: z.number().int().nullable(),
  templateVersion: z.number().int(),
  contentSha256: z.string(),
  isCopy: z.boolean(),
});
export type PrintLogRow = z.infer<typeof printLogRow>;

export const printLogInput = z.object({
  borrowerId: z.number().int().positive().optional(),
  visitId: z.number().int().positive().optional(),
  kind: documentKindSchema.optional(),
  /** Keyset paging: rows with an id below this one. */
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type PrintLogInput = z.input<typeof printLogInput>;

/** Branch-wide facts every borrower letter carries, set by the manager in Settings. */
export const noticeSettingsSchema = z.object({
  logoDataUrl: logoDataUrl.nullable().default(null),
  repaymentChannels: z.array(z.string().trim().min(1, 'v.required').max(200, 'v.tooLong')).max(10),
  /** Days after the issue date a reminder letter asks payment by. */
  reminderPayDays: z.number().int().min(1, 'v.invalid').max(60, 'v.invalid').default(7),
  /** Days after the issue date a demand letter asks payment by. */
  demandPayDays: z.number().int().min(1, 'v.invalid').max(60, 'v.invalid').default(10),
});
export type NoticeSettings = z.infer<typeof noticeSettingsSchema>;

export const documentsOutput = z.object({ documents: z.array(documentData) });
export const printOutput = z.object({
  documents: z.array(documentData),
  /** The print-log rows written, one per document, in the same order. */
  logIds: z.array(z.number().int()),
});
export type PrintOutput = z.infer<typeof printOutput>;
