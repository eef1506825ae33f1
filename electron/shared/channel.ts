import { z } from 'zod';
import type { Permission } from './roles';

/**
 * Who may call a channel: anyone (before sign-in), any signed-in staff, or a permission
 * from the role matrix.
 */
export type Access = 'public' | 'session' | Permission;

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  access: Access,
): ChannelSpec<I, O> => ({ input, output, access });

export const none = z.null();
