import { z } from 'zod';
import { channel } from '../channel';
import {
  closeComplaintInput,
  complaintView,
  complaintVisitOption,
  listComplaintsInput,
  registerComplaintInput,
  updateComplaintInput,
} from '../schemas/complaints';

/**
 * The complaints register. Everyone reads it (auditors included); officers, clerks and the
 * manager register complaints and record what was done; only the manager closes one.
 */
export const complaintChannels = {
  'complaints:list': channel(listComplaintsInput, z.array(complaintView), 'complaints.read'),
  'complaints:register': channel(registerComplaintInput, complaintView, 'complaints.write'),
  'complaints:update': channel(updateComplaintInput, complaintView, 'complaints.write'),
  'complaints:close': channel(closeComplaintInput, complaintView, 'complaints.close'),
  /** The borrower's visits a complaint may name, for the register form. */
  'complaints:visits': channel(
    z.object({ borrowerId: z.number().int().positive() }),
    z.array(complaintVisitOption),
    'complaints.read',
  ),
} as const;
