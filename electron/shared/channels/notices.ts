import { z } from 'zod';
import { channel } from '../channel';
import {
  documentsOutput,
  noticeSettingsSchema,
  noticeTemplateRow,
  printInput,
  printLogInput,
  printLogRow,
  printOutput,
  restoreTemplateInput,
  saveTemplateInput,
  templateVersionRow,
  templateVersionsInput,
} from '../schemas/notices';

/**
 * Printing: templates (everyone reads, the manager edits and restores earlier versions),
 * previews without a trace, printing with a print log and reference numbers, reprints as
 * copies, and the notice settings. Receipts (`{ kind: 'paymentReceipt', receiptId }`) and
 * agreements of approved plans (`{ kind: 'repaymentPlanAgreement', planId }`) print through
 * `notices:print` like letters; each is issued once, later prints are copies (副本).
 */
export const noticeChannels = {
  'notices:templates': channel(
    z.object({}).strict().optional(),
    z.array(noticeTemplateRow),
    'session',
  ),
  'notices:saveTemplate': channel(saveTemplateInput, noticeTemplateRow, 'templates.edit'),
  /** Every version of one template, newest first, the built-in wording (v0) last. */
  'notices:templateVersions': channel(
    templateVersionsInput,
    z.array(templateVersionRow),
    'session',
  ),
  /** Saves an earlier version's text as a new version (audited); the history stays. */
  'notices:restoreTemplate': channel(restoreTemplateInput, noticeTemplateRow, 'templates.edit'),
  'notices:preview': channel(printInput, documentsOutput, 'notices.print'),
  'notices:print': channel(printInput, printOutput, 'notices.print'),
  'notices:reprint': channel(
    z.object({ printLogId: z.number().int().positive() }),
    printOutput,
    'notices.print',
  ),
  'notices:log': channel(printLogInput, z.array(printLogRow), 'visits.read'),
  'notices:settings': channel(z.object({}).strict().optional(), noticeSettingsSchema, 'session'),
  'notices:saveSettings': channel(noticeSettingsSchema, noticeSettingsSchema, 'settings.edit'),
} as const;
