/**
 * A filtered case list leaves the database as one file at most this long; a bigger list is
 * refused (narrow the filter), which keeps a single export small enough to go through IPC and
 * deliberate enough to be one person's stated purpose. A leaf module: the case list's export
 * button reads it without the channel's schemas.
 */
export const MAX_CASE_EXPORT_ROWS = 50_000;
