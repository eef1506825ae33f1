import { useChannel } from './useChannel';

/** The branch's staff (active by default), loaded once per screen and reloadable. */
export function useStaffList(includeInactive = false) {
  const { data, reload } = useChannel('staff:list', { includeInactive });
  return { staff: data, reload };
}

/** A staff member as pickers and lists name them: 李娜（S007）. */
export const staffLabel = (s: { staffNo: string; name: string }) => `${s.name}（${s.staffNo}）`;
