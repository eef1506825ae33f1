import type { deskChannels } from '../../shared/channels/desks';
import type { FeatureHandlers } from '../app/handler-types';
import { createEnrolmentCode, listDesks, revokeDesk } from './service';

export const deskHandlers: FeatureHandlers<typeof deskChannels> = {
  'desks:list': (_input, ctx) => listDesks(ctx.app),
  'desks:createCode': (input, ctx) => createEnrolmentCode(ctx.app, input.minutes),
  'desks:revoke': (input, ctx) => revokeDesk(ctx.app, input.deskId),
};
