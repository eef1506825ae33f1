import { z } from 'zod';
import { channel } from '../channel';
import {
  addAssessmentInput,
  addContactEventInput,
  addContactInput,
  addNoteInput,
  caseListInput,
  caseListOutput,
  casePage,
  createBorrowerInput,
  demoOutput,
  divisionOption,
  divisionsInput,
  officerOption,
  paymentView,
  revealInput,
  revealOutput,
  updateBorrowerInput,
} from '../schemas/cases';
import { isoDate } from '../validation';
import { caseExitInput, caseExitOutput, caseReopenInput } from '../schemas/case-exits';

const created = z.object({ id: z.number().int().positive() });
const byBorrower = z.object({ borrowerId: z.number().int().positive() });

/**
 * Case files. Lists and the case page always carry masked ID and phone numbers; the full value
 * comes only from cases:revealField, which needs 'cases.reveal' and is audited.
 */
export const caseChannels = {
  'cases:list': channel(caseListInput, caseListOutput, 'cases.read'),
  'cases:get': channel(byBorrower.extend({ asOf: isoDate.optional() }), casePage, 'cases.read'),
  'cases:create': channel(createBorrowerInput, created, 'cases.write'),
  'cases:update': channel(updateBorrowerInput, created, 'cases.write'),
  'cases:revealField': channel(revealInput, revealOutput, 'cases.reveal'),
  'cases:addNote': channel(addNoteInput, created, 'cases.write'),
  'cases:addContactEvent': channel(addContactEventInput, created, 'cases.write'),
  'cases:addContact': channel(addContactInput, created, 'cases.write'),
  'cases:addAssessment': channel(addAssessmentInput, created, 'cases.write'),
  'cases:payments': channel(byBorrower, z.array(paymentView), 'cases.read'),
  'cases:officers': channel(z.object({}).strict().optional(), z.array(officerOption), 'cases.read'),
  'cases:divisions': channel(divisionsInput, z.array(divisionOption), 'cases.read'),
  /**
   * Takes a case out of doorstep collection (written off, litigation, agency, settled): the
   * manager only; the case is closed to new visits and its open promises and plans close.
   */
  'cases:exit': channel(caseExitInput, caseExitOutput, 'cases.exit'),
  /** Undoes an exit in force, with the reason kept beside it: the manager only. */
  'cases:reopen': channel(caseReopenInput, created, 'cases.exit'),
  /** Seeds the demo branch into a database without case files; the manager only. */
  'cases:loadDemo': channel(z.object({}).strict().optional(), demoOutput, 'staff.manage'),
} as const;
