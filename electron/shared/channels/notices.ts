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
  saveTemplateInput,
} from '../schemas/notices';

/**
 * Printing: templates (everyone reads, the manager edits), previews without a trace, printing
 * with a print log and reference numbers, reprints as copies, and the notice settings.
 */
export const noticeChannels = {
  'notices:templates': channel(
    z.object({}).strict().optional(),
    z.array(noticeTemplateRow),
    'session',
  ),
  'notices:saveTemplate': channel(saveTemplateInput, noticeTemplateRow, 'templates.edit'),
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
