import type { Lang } from '../shared/messages';

export const languages = ['zh', 'en'] as const satisfies readonly Lang[];

/**
 * The language the command line speaks when `--lang` is not given, from the locale variables in
 * POSIX order (the first one set wins: LC_ALL, LC_MESSAGES, LANG). A locale starting with `zh`
 * means Chinese. No locale at all, or the neutral C/POSIX locale, means Chinese too: it is the
 * product's language, and branch PCs (Windows) set none of these variables. Any other locale
 * (en_US.UTF-8, de_DE…) gets English, the second language.
 */
export function languageFromEnv(env: NodeJS.ProcessEnv): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (/^zh/i.test(value) || /^(C|POSIX)([._@]|$)/i.test(value)) return 'zh';
    return 'en';
  }
  return 'zh';
}

/**
 * Finds `--lang X` or `--lang=X` before the arguments are parsed, so that even a parse error
 * is reported in the chosen language. Returns the raw value (checked by the caller) or
 * undefined when absent.
 */
export function langArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (arg === '--lang') return argv[i + 1] ?? '';
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

export const isLang = (value: unknown): value is Lang =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);
