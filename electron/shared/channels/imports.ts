import { z } from 'zod';
import { channel } from '../channel';
import {
  columnMapping,
  importPreviewInput,
  importPreviewOutput,
  importProblem,
  importResult,
  importRunInput,
  mappingName,
  officerAlias,
  resolveOfficerInput,
  resolveOfficerResult,
  savedMapping,
  waitingOfficerName,
} from '../schemas/imports';
import { exportPurpose } from '../schemas/export-purpose';

const fileOutput = z.object({ fileName: z.string(), contentBase64: z.string() });

/**
 * Case import from head-office spreadsheets. The renderer cannot read files by path, so the
 * file travels as base64 (50 MB at most). A run reports progress through `job:progress`
 * (task 'importCases') and `imports:cancel` stops it with nothing written.
 */
export const importChannels = {
  'imports:preview': channel(importPreviewInput, importPreviewOutput, 'cases.import'),
  'imports:run': channel(importRunInput, importResult, 'cases.import'),
  'imports:cancel': channel(
    z.object({}),
    z.object({ cancelled: z.number().int() }),
    'cases.import',
  ),
  'imports:mappings': channel(z.object({}), z.array(savedMapping), 'cases.import'),
  'imports:saveMapping': channel(
    z.object({ name: mappingName, mapping: columnMapping }),
    z.array(savedMapping),
    'cases.import',
  ),
  'imports:template': channel(
    z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    fileOutput,
    'cases.import',
  ),
  'imports:report': channel(
    z.object({
      fileName: z.string().trim().min(1, 'v.required').max(255, 'v.tooLong'),
      /** Errors (rows rejected) and warnings (rows imported differently), told apart in the file. */
      problems: z.array(importProblem).max(1_000_000, 'v.tooLong'),
      warnings: z.array(importProblem).max(1_000_000, 'v.tooLong').default([]),
      // The report echoes names and ID numbers of rejected rows: personal data going out.
      purpose: exportPurpose,
    }),
    fileOutput,
    'cases.import',
  ),
  /** Officer names from imports that nobody on the staff list has, with their waiting cases. */
  'imports:waitingOfficers': channel(z.object({}), z.array(waitingOfficerName), 'cases.import'),
  /** Names head office writes that a manager mapped to a staff member. */
  'imports:officerAliases': channel(z.object({}), z.array(officerAlias), 'staff.read'),
  /** Add the officer a file names, or map the name to a staff member; assigns the waiting cases. */
  'imports:resolveOfficer': channel(resolveOfficerInput, resolveOfficerResult, 'staff.manage'),
} as const;
