/**
 * Masking for lists, exports and the default case page (PIPL: show the full value only where
 * it is needed, and log who asked). Pure and shared so the renderer and exports mask the same way.
 */

/** 110105********1234: the issuing division and the last four stay readable. */
export function maskResidentId(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 138****5678 for mobiles; other phone numbers keep their first three and last four. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7)
    return phone.length <= 4
      ? '*'.repeat(phone.length)
      : `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export function maskNullablePhone(phone: string | null): string | null {
  return phone === null ? null : maskPhone(phone);
}
