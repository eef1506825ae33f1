import { LinearProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../components/useChannel';
import { WaiversTable } from './WaiversTable';

/**
 * A case's waivers and settlements (the case page's tab), or those proposed on one visit
 * record (its ids: the original and its amendments).
 */
export function WaiversTab(props: {
  borrowerId: number;
  visitRecordIds?: readonly number[];
  label?: string;
  version?: number;
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const read = useChannel(
    'waivers:list',
    { borrowerId: props.borrowerId },
    { version: props.version ?? 0 },
  );
  const rows = (read.data ?? []).filter(
    (w) =>
      !props.visitRecordIds ||
      (w.visitRecordId !== null && props.visitRecordIds.includes(w.visitRecordId)),
  );
  if (!read.data) return <LinearProgress />;
  if (rows.length === 0)
    return <Typography color="text.secondary">{t('waivers.empty')}</Typography>;
  return (
    <WaiversTable
      waivers={rows}
      label={props.label ?? t('waivers.section')}
      onChanged={() => {
        read.reload();
        props.onChanged?.();
      }}
    />
  );
}
