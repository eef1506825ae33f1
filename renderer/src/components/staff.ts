import { withAside, type TextLang } from './punctuation';
import { useTextLang } from './text-lang';
import { useChannel } from './useChannel';

/** The branch's staff (active by default), loaded once per screen and reloadable. */
export function useStaffList(includeInactive = false) {
  const { data, reload } = useChannel('staff:list', { includeInactive });
  return { staff: data, reload };
}

type Named = { staffNo: string; name: string };

/**
 * A staff member as pickers and lists name them, in the UI language's brackets: 李娜（S007） in
 * Chinese, 李娜 (S007) in English. Curried so a list maps straight through it:
 * `staff.map(staffLabelIn(lang))`.
 */
export const staffLabelIn =
  (lang: TextLang) =>
  (s: Named): string =>
    withAside(s.name, s.staffNo, lang);

/**
 * The Chinese form only (李娜（S007））, whatever the UI language. Kept for the screens that do
 * not pass their language yet; new code uses staffLabelIn(lang) or <StaffLabel>.
 */
export const staffLabel = staffLabelIn('zh');

/** A staff member's label as text in the UI language, for JSX that has no `lang` at hand. */
export function StaffLabel({ staff }: { staff: Named }) {
  return staffLabelIn(useTextLang())(staff);
}
