import { channel } from '../channel';
import { branchInput, branchSchema, emptyInput, settingsSchema } from '../schemas/foundation';

/** The branch's own details and the app's settings (auto-lock). */
export const settingsChannels = {
  'settings:get': channel(emptyInput, settingsSchema, 'settings.read'),
  'settings:update': channel(settingsSchema, settingsSchema, 'settings.edit'),
  'settings:branch': channel(emptyInput, branchSchema, 'settings.read'),
  'settings:updateBranch': channel(branchInput, branchSchema, 'settings.edit'),
} as const;
