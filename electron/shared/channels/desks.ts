import { z } from 'zod';
import { channel, platformChannel } from '../channel';
import { emptyInput } from '../schemas/foundation';
import {
  connectInput,
  createCodeInput,
  dataLocation,
  deskView,
  enrolmentCode,
  revokeDeskInput,
} from '../schemas/desks';

/** The branch server's desks: the manager makes enrolment codes, lists desks and revokes them. */
export const deskChannels = {
  'desks:list': channel(emptyInput, z.array(deskView), 'desks.manage'),
  'desks:createCode': channel(createCodeInput, enrolmentCode, 'desks.manage'),
  'desks:revoke': channel(revokeDeskInput, deskView, 'desks.manage'),
  /**
   * This PC's side (Electron main): where its data lives, and joining the branch server. Joining
   * is offered only while this PC has no database of its own (main refuses it otherwise), so a
   * branch's data is never left behind on a PC that moved to the server.
   */
  'desks:location': platformChannel(emptyInput, dataLocation, 'public'),
  'desks:connect': platformChannel(connectInput, dataLocation, 'public'),
} as const;
