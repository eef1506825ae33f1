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
  /**
   * Handled by the host, not the core: Electron main (windows, dialogs, printing) or, in
   * end-to-end tests, the browser harness. The dispatcher still parses and checks access.
   */
  platform?: true;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  access: Access,
): ChannelSpec<I, O> => ({ input, output, access });

export const platformChannel = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  access: Access,
): ChannelSpec<I, O> & { platform: true } => ({ input, output, access, platform: true });

export const none = z.null();
