import { z } from 'zod';
import { isoDate } from '../validation';
import { staffCreateInput } from './staff';

/**
 * The standard case-import columns, in template order. `zh` is the header the downloadable
 * template uses; `en` the English header; both are recognised in any order.
 */
export const importFields = [
  { field: 'name', zh: '姓名', en: 'name', kind: 'text', required: true, max: 50 },
  {
    field: 'id_number',
    zh: '身份证号',
    en: 'id_number',
    kind: 'idNumber',
    required: true,
    max: 18,
  },
  { field: 'mobile', zh: '手机号', en: 'mobile', kind: 'mobile', required: false, max: 11 },
  { field: 'province', zh: '省', en: 'province', kind: 'text', required: false, max: 50 },
  { field: 'city', zh: '市', en: 'city', kind: 'text', required: false, max: 50 },
  { field: 'county', zh: '区县', en: 'county', kind: 'text', required: false, max: 50 },
  { field: 'township', zh: '乡镇', en: 'township', kind: 'text', required: false, max: 50 },
  { field: 'village', zh: '村', en: 'village', kind: 'text', required: false, max: 50 },
  { field: 'address', zh: '详细地址', en: 'address', kind: 'text', required: false, max: 200 },
  { field: 'loan_no', zh: '贷款编号', en: 'loan_no', kind: 'code', required: true, max: 40 },
  { field: 'product', zh: '贷款产品', en: 'product', kind: 'text', required: false, max: 100 },
  { field: 'principal', zh: '贷款本金', en: 'principal', kind: 'amount', required: true, max: 30 },
  {
    field: 'disbursed_on',
    zh: '放款日期',
    en: 'disbursed_on',
    kind: 'date',
    required: true,
    max: 30,
  },
  {
    field: 'maturity_on',
    zh: '到期日期',
    en: 'maturity_on',
    kind: 'date',
    required: false,
    max: 30,
  },
  {
    field: 'outstanding_principal',
    zh: '剩余本金',
    en: 'outstanding_principal',
    kind: 'amount',
    required: true,
    max: 30,
  },
  {
    field: 'overdue_principal',
    zh: '逾期本金',
    en: 'overdue_principal',
    kind: 'amount',
    required: false,
    max: 30,
  },
  {
    field: 'overdue_interest',
    zh: '逾期利息',
    en: 'overdue_interest',
    kind: 'amount',
    required: false,
    max: 30,
  },
  { field: 'penalty', zh: '罚息', en: 'penalty', kind: 'amount', required: false, max: 30 },
  {
    field: 'overdue_since',
    zh: '逾期起始日',
    en: 'overdue_since',
    kind: 'date',
    required: false,
    max: 30,
  },
  { field: 'officer', zh: '客户经理', en: 'officer', kind: 'text', required: false, max: 50 },
  /** The loan's last repayment date, when head office's file says it: dates the money it shows. */
  {
    field: 'last_paid_on',
    zh: '最近还款日',
    en: 'last_paid_on',
    kind: 'date',
    required: false,
    max: 30,
  },
  /**
   * The bank's five-tier classification (五级分类) when head office gives it: the Chinese name,
   * the English name or the code 1–5. An empty cell keeps what an earlier file said (rows.ts).
   */
  {
    field: 'classification',
    zh: '五级分类',
    en: 'classification',
    kind: 'tier',
    required: false,
    max: 30,
  },
] as const;

export type ImportField = (typeof importFields)[number]['field'];
export type ImportFieldKind = (typeof importFields)[number]['kind'];
export const importFieldNames = importFields.map((f) => f.field) as [ImportField, ...ImportField[]];
export const importFieldSchema = z.enum(importFieldNames);

export const importEncodings = ['auto', 'utf8', 'gbk', 'gb18030'] as const;
export type ImportEncodingChoice = (typeof importEncodings)[number];
/** What the file turned out to be (xlsx has no text encoding). */
export type DetectedEncoding = 'utf8' | 'utf8-bom' | 'gbk' | 'gb18030' | 'xlsx';

/**
 * What an encoding is called, in words a clerk knows: Excel's "CSV" on a Chinese Windows is
 * GBK, so it is named as Chinese text with Excel's name for it, not by a standard's number.
 * The import screen shows them for the encoding found and for the choices.
 */
export const encodingNames = {
  auto: { zh: '自动识别', en: 'Detect' },
  utf8: { zh: 'UTF-8', en: 'UTF-8' },
  'utf8-bom': { zh: 'UTF-8（带 BOM）', en: 'UTF-8 (with BOM)' },
  gbk: { zh: '简体中文（GBK，Excel 默认）', en: "Simplified Chinese (GBK, Excel's default)" },
  gb18030: { zh: '简体中文（GB18030）', en: 'Simplified Chinese (GB18030)' },
  xlsx: { zh: 'Excel 工作簿（XLSX）', en: 'Excel workbook (XLSX)' },
} as const satisfies Record<DetectedEncoding | ImportEncodingChoice, { zh: string; en: string }>;

export const importModes = ['all-or-nothing', 'valid-only'] as const;
export type ImportMode = (typeof importModes)[number];

/**
 * One problem in the validation report. `line` is the line the user sees (0: the whole file).
 * Errors and warnings travel in separate lists: an error rejects its row (or, all-or-nothing,
 * the file); a warning says what was imported differently from what the file asked for.
 */
export const importProblem = z.object({
  line: z.number().int().min(0),
  column: z.string().max(300),
  reason: z.string().max(100),
  detail: z.string().max(300).optional(),
});
export type ImportProblem = z.infer<typeof importProblem>;

/** A source header → field mapping for layouts other than the standard template. */
export const columnMapping = z
  .record(z.string().trim().min(1).max(100), importFieldSchema)
  .refine((m) => Object.keys(m).length <= 100, 'v.tooLong')
  .refine(
    (m) => new Set(Object.values(m)).size === Object.keys(m).length,
    'v.import.duplicateColumn',
  );
export type ColumnMapping = z.infer<typeof columnMapping>;

export const mappingName = z
  .string()
  .trim()
  .min(1, 'v.import.mappingName')
  .max(40, 'v.import.mappingName');

/** 50 MB of file, as base64 (4/3 larger). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const base64File = z
  .string()
  .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, 'v.import.tooLarge')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'v.invalid');

export const importSource = z.object({
  fileName: z.string().trim().min(1, 'v.required').max(255, 'v.tooLong'),
  contentBase64: base64File,
  encoding: z.enum(importEncodings).default('auto'),
  /** Either a mapping given inline or the name of a saved one; neither means headers as-is. */
  mapping: columnMapping.optional(),
  mappingName: mappingName.optional(),
});

export const importPreviewInput = importSource.extend({
  rows: z.number().int().min(1).max(200).default(20),
});

/** An officer name in the file that nobody on the staff list has: its rows import unassigned. */
export const unknownOfficerSummary = z.object({
  /** As the file writes it (the first time). */
  name: z.string(),
  column: z.string(),
  /** Rows naming it, and the first of them. */
  rows: z.number().int(),
  firstLine: z.number().int(),
});
export type UnknownOfficerSummary = z.infer<typeof unknownOfficerSummary>;

export const importPreviewOutput = z.object({
  kind: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf8', 'utf8-bom', 'gbk', 'gb18030', 'xlsx']).nullable(),
  headerLine: z.number().int(),
  headers: z.array(z.string()),
  /** For each header, the field it fills (null: ignored). */
  columns: z.array(importFieldSchema.nullable()),
  missingFields: z.array(importFieldSchema),
  rows: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
  totalRows: z.number().int(),
  /**
   * Data rows the import would refuse, counted as the run counts its `rejected`: the preview
   * and the run check the file by one code path (prepare.ts), so its problems, their wording
   * and this count are the run's.
   */
  rejected: z.number().int(),
  /** Errors: each rejects its row (the run's `errors`). */
  problems: z.array(importProblem),
  /**
   * Warnings: the row imports, differently from what the file says (see unknownOfficers). The
   * run can add the ones only writing shows: a last repayment date the interval between two
   * files rules out, a fall in principal against a file of the same date.
   */
  warnings: z.array(importProblem),
  unknownOfficers: z.array(unknownOfficerSummary),
  /**
   * The officer differences the run will report (officerConflictView, first ten listed), and
   * the branch's rule that will settle them, known before anything is written.
   */
  officerConflicts: z.array(z.lazy(() => officerConflictView)).optional(),
  officerConflictsTotal: z.number().int().optional(),
  officerRule: z.enum(['branch', 'headOffice']).optional(),
});
export type ImportPreview = z.infer<typeof importPreviewOutput>;

export const importRunInput = importSource.extend({
  mode: z.enum(importModes).default('all-or-nothing'),
  asOf: isoDate.optional(),
});

/**
 * A row whose officer differs from the one a manager assigned by hand: who has the case now
 * (`kept` says whose officer won: the branch's or head office's file).
 */
export const officerConflictView = z.object({
  line: z.number().int(),
  borrowerId: z.number().int(),
  borrowerName: z.string(),
  currentOfficer: z.string(),
  fileOfficer: z.string(),
  kept: z.enum(['branch', 'headOffice']),
});
export type OfficerConflictView = z.infer<typeof officerConflictView>;

export const importResult = z.object({
  mode: z.enum(importModes),
  asOf: isoDate,
  encoding: z.enum(['utf8', 'utf8-bom', 'gbk', 'gb18030', 'xlsx']).nullable(),
  total: z.number().int(),
  /** Loans added, loans changed, and loans whose file was older than their last import. */
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** False when nothing was written (all-or-nothing with a bad row, or an unreadable file). */
  written: z.boolean(),
  /** Errors: rows rejected (or, all-or-nothing, the reasons nothing was written). */
  errors: z.array(importProblem),
  /** Warnings: rows imported differently from what the file says. */
  warnings: z.array(importProblem),
  /** Officer names nobody on the staff list has; their cases await a manager. */
  unknownOfficers: z.array(unknownOfficerSummary),
  /**
   * Money the file showed: falls in principal since each loan's previous file. What no visit
   * cash explains is new money (payments recorded from the file, on so many loans); what
   * matches cash officers took on visits confirms that cash instead (records/reconcile.ts).
   */
  paymentsFoundFen: z.number().int(),
  paymentsFoundLoans: z.number().int(),
  visitCashConfirmedFen: z.number().int(),
  visitCashConfirmedLoans: z.number().int(),
  /** Officers the file gave that differ from a manager's assignment (at most 200 listed). */
  officerConflicts: z.array(officerConflictView).default([]),
  officerConflictsTotal: z.number().int().default(0),
});
export type ImportResult = z.infer<typeof importResult>;

export const savedMapping = z.object({ name: mappingName, mapping: columnMapping });
export type SavedMapping = z.infer<typeof savedMapping>;

/**
 * The comparable form of an officer cell or a staff name: full-width letters and digits as
 * half-width, no spaces at all (head office pads two-character names with an ideographic
 * space), upper case. Imports and the report screen compare names this way.
 */
export function officerKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** An officer name as a file writes it (staff number or name). */
export const officerNameInput = z
  .string()
  .trim()
  .min(1, 'v.import.officerName')
  .max(50, 'v.import.officerName');

/** Staff a case can be assigned to: collection officers and managers. */
export const assignableRoles = ['officer', 'manager'] as const;

/**
 * A manager's answer to an officer name nobody has: add the officer (with their staff number),
 * or say which staff member the name means. Either way the name resolves in later files, and
 * the cases imported without an officer under it are assigned.
 */
export const resolveOfficerInput = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('create'),
    name: officerNameInput,
    staff: staffCreateInput
      .omit({ active: true })
      .extend({ role: z.enum(assignableRoles).default('officer') }),
  }),
  z.object({
    action: z.literal('map'),
    name: officerNameInput,
    staffId: z.number().int().positive(),
  }),
]);

export const resolveOfficerResult = z.object({
  staffId: z.number().int(),
  staffNo: z.string(),
  staffName: z.string(),
  /** The name was remembered as meaning this staff member (it differs from their own name). */
  aliased: z.boolean(),
  /** Cases now assigned to them. */
  assigned: z.number().int(),
  /** Cases left as they were: someone reassigned them after the import. */
  kept: z.number().int(),
});
export type ResolveOfficerResult = z.infer<typeof resolveOfficerResult>;

/** Officer names from imports that still wait for a staff member. */
export const waitingOfficerName = z.object({
  name: z.string(),
  cases: z.number().int(),
  unassigned: z.number().int(),
  fileName: z.string(),
  asOf: z.string(),
});
export type WaitingOfficerName = z.infer<typeof waitingOfficerName>;

export const officerAlias = z.object({
  name: z.string(),
  staffId: z.number().int(),
  staffNo: z.string(),
  staffName: z.string(),
  createdAt: z.string(),
});
export type OfficerAlias = z.infer<typeof officerAlias>;

/** A staff or roster spreadsheet sent whole (as the case import sends it) and how to take it. */
export const sheetImportInput = importSource
  .pick({ fileName: true, contentBase64: true })
  .extend({ mode: z.enum(importModes).default('all-or-nothing') });

/** A rejected row of a staff or roster sheet: its line, the rule broken, why in both languages. */
export const sheetImportError = z.object({
  line: z.number().int(),
  rule: z.string(),
  reason: z.string(),
  reasonEn: z.string(),
});
