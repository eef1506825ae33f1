import { z } from 'zod';
import { channel, none } from '../channel';
import { roles } from '../roles';
import { passphrase, username } from '../validation';

export const accountRow = z.object({
  staffId: z.number().int(),
  staffNo: z.string(),
  name: z.string(),
  role: z.enum(roles),
  active: z.boolean(),
  username: z.string().nullable(),
  canSignIn: z.boolean(),
});
export type AccountRow = z.infer<typeof accountRow>;

const newPassphrase = z
  .object({ staffId: z.number().int().positive(), passphrase, confirm: z.string() })
  .refine((v) => v.passphrase === v.confirm, {
    message: 'v.passphraseMismatch',
    path: ['confirm'],
  });

export const createAccountInput = z
  .object({ staffId: z.number().int().positive(), username, passphrase, confirm: z.string() })
  .refine((v) => v.passphrase === v.confirm, {
    message: 'v.passphraseMismatch',
    path: ['confirm'],
  });
export type CreateAccountInput = z.input<typeof createAccountInput>;
export const resetPassphraseInput = newPassphrase;
export type ResetPassphraseInput = z.input<typeof resetPassphraseInput>;

/** Sign-in accounts of staff records: each is a key slot; the manager administers them. */
export const accountChannels = {
  'accounts:list': channel(z.object({}).strict().optional(), z.array(accountRow), 'staff.manage'),
  'accounts:create': channel(createAccountInput, accountRow, 'staff.manage'),
  'accounts:disable': channel(
    z.object({ staffId: z.number().int().positive() }),
    accountRow,
    'staff.manage',
  ),
  'accounts:resetPassphrase': channel(resetPassphraseInput, none, 'staff.manage'),
} as const;
