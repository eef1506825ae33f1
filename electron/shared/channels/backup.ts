import { z } from 'zod';
import { channel } from '../channel';
import { backupInfo, emptyInput } from '../schemas/foundation';

/** The app's own backups (restoring one is a sign-in channel: see auth.ts). */
export const backupChannels = {
  'backup:create': channel(emptyInput, backupInfo, 'backup.run'),
  'backup:list': channel(emptyInput, z.array(backupInfo), 'backup.run'),
} as const;
