import { z } from 'zod';
import { channel } from '../channel';

export const rotateKeyInput = z.object({
  passphrase: z.string().min(1, 'v.required').max(200, 'v.tooLong'),
});

/** Key rotation: manager only; returns the new recovery key, shown once. */
export const keyChannels = {
  'keys:rotate': channel(rotateKeyInput, z.object({ recoveryKey: z.string() }), 'settings.edit'),
} as const;
