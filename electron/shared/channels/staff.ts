import { z } from 'zod';
import { channel } from '../channel';
import { sheetImportError, sheetImportInput } from '../schemas/imports';
import {
  certificateInput,
  leaveInput,
  removeLeaveInput,
  staffCreateInput,
  staffListInput,
  staffRow,
  staffUpdateInput,
} from '../schemas/staff';

const staffImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Cases imported before their officers were on the list, assigned to them now. */
  casesAssigned: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(sheetImportError),
});

/** The branch's staff: who they are, their training certificates and their leave. */
export const staffChannels = {
  'staff:list': channel(staffListInput, z.array(staffRow), 'staff.read'),
  'staff:create': channel(staffCreateInput, staffRow, 'staff.manage'),
  'staff:update': channel(staffUpdateInput, staffRow, 'staff.manage'),
  'staff:addCertificate': channel(certificateInput, staffRow, 'staff.manage'),
  'staff:addLeave': channel(
    leaveInput,
    z.object({ staff: staffRow, conflictingVisitIds: z.array(z.number().int()) }),
    'staff.manage',
  ),
  'staff:removeLeave': channel(removeLeaveInput, staffRow, 'staff.manage'),
  /** The staff list from a spreadsheet, upserted by staff number: as adding staff one by one. */
  'staff:import': channel(sheetImportInput, staffImportResult, 'staff.manage'),
} as const;
