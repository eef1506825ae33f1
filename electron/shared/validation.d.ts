import { z } from 'zod';
/** Reusable field schemas; messages are keys from messages.ts. */
export declare const requiredText: (max?: number) => z.ZodString;
export declare const optionalText: (max?: number) => z.ZodDefault<z.ZodOptional<z.ZodString>>;
export declare const passphrase: z.ZodString;
export declare const username: z.ZodString;
export declare const phone: z.ZodString;
export declare const mobile: z.ZodString;
export declare const isoDate: z.ZodString;
export declare const hhmm: z.ZodString;
export declare function isTimeZone(tz: string): boolean;
export declare const timeZone: z.ZodString;
/** Flattens zod issues into `{ 'a.b': 'v.key' }` for forms. */
export declare function issuesToFields(error: z.ZodError): Record<string, string>;
