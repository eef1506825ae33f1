/** The last part of a path as the host gave it (Windows or POSIX separators). */
export const fileName = (file: string): string => file.split(/[\\/]/).pop() || file;
