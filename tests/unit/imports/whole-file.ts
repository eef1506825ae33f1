/**
 * Whole-buffer versions of two streaming steps of the import, for tests that look at one step
 * on a file held in memory. The app decodes and checks piece by piece (csv.ts, prepare.ts);
 * these drive the same production parts (planDecoding, RowChecker, RowCollector) in one go.
 */
import { planDecoding } from '../../../electron/core/imports/encoding';
import type { HeaderLayout } from '../../../electron/core/imports/headers';
import { ProblemList } from '../../../electron/core/imports/problem-list';
import { RowChecker, RowCollector } from '../../../electron/core/imports/rows';
import type { ReadProblem } from '../../../electron/core/imports/table';
import type {
  DetectedEncoding,
  ImportEncodingChoice,
} from '../../../electron/shared/schemas/imports';

type DecodedText =
  | { ok: true; text: string; encoding: DetectedEncoding }
  | { ok: false; reason: 'v.import.notText' | 'v.import.utf16' };

/** Decodes CSV bytes whole, as planDecoding chooses. */
export function decodeCsvBytes(
  bytes: Uint8Array,
  choice: ImportEncodingChoice = 'auto',
): DecodedText {
  const plan = planDecoding(bytes, choice);
  if (!plan.ok) return plan;
  try {
    const text = new TextDecoder(plan.label, { fatal: true, ignoreBOM: true }).decode(
      bytes.subarray(plan.skip),
    );
    return { ok: true, text, encoding: plan.encoding };
  } catch {
    return { ok: false, reason: 'v.import.notText' };
  }
}

/**
 * Checks all rows of a table read whole, then what only the whole file shows (RowCollector).
 * Today is the UTC day unless given, as rows.ts's FileCheck takes it for callers without a branch.
 */
export function checkRows(
  layout: HeaderLayout,
  kind: 'csv' | 'xlsx',
  readProblems: ReadProblem[],
  today = new Date().toISOString().slice(0, 10),
) {
  const problems = new ProblemList();
  const collector = new RowCollector(new RowChecker(layout, kind, readProblems, today), problems);
  for (const row of layout.dataRows) collector.add(row);
  const { valid, total, rejected } = collector;
  return { valid, total, rejected, problems: problems.toArray() };
}
