import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRow } from '../../../electron/shared/schemas/planning';
import { call } from '../api';
import { errorMessage } from './forms';
import { useToast } from './Toasts';

/** The branch's staff (active by default), loaded once per screen and reloadable. */
export function useStaffList(includeInactive = false) {
  const { t } = useTranslation();
  const toast = useToast();
  const [staff, setStaff] = useState<StaffRow[] | null>(null);
  const load = useCallback(() => {
    call('staff:list', { includeInactive })
      .then(setStaff)
      .catch((error: unknown) => toast(errorMessage(error, t), 'error'));
  }, [includeInactive, toast, t]);
  useEffect(load, [load]);
  return { staff, reload: load };
}

/** A staff member as pickers and lists name them: 李娜（S007）. */
export const staffLabel = (s: { staffNo: string; name: string }) => `${s.name}（${s.staffNo}）`;
