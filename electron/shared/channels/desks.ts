import { z } from 'zod';
import { channel } from '../channel';
import { emptyInput } from '../schemas/foundation';
import { createCodeInput, deskView, enrolmentCode, revokeDeskInput } from '../schemas/desks';

/** The branch server's desks: the manager makes enrolment codes, lists desks and revokes them. */
export const deskChannels = {
  'desks:list': channel(emptyInput, z.array(deskView), 'desks.manage'),
  'desks:createCode': channel(createCodeInput, enrolmentCode, 'desks.manage'),
  'desks:revoke': channel(revokeDeskInput, deskView, 'desks.manage'),
} as const;
