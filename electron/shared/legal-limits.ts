/**
 * The legal outer limits (DOMAIN.md "Rules a branch must follow"): no setting may go beyond them
 * and no override may break them. A leaf module, so that texts quoting them (the renderer's
 * message tables) load without the rules' schemas; compliance.ts re-exports them.
 */
export const LEGAL_EARLIEST = '08:00';
export const LEGAL_LATEST = '22:00';
export const LEGAL_MIN_STAFF = 2;
/** Phone contact: at most this many calls and texts per borrower per day (contact-rules.ts). */
export const LEGAL_MAX_CONTACTS_PER_DAY = 3;
/** "Notice first" means at least this many hours before the visit (DOMAIN.md). */
export const NOTICE_MIN_HOURS = 24;
