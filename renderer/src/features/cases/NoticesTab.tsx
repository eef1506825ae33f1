import {
  Alert,
  Chip,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { documentKindLabels } from '../../../../electron/shared/schemas/notices';
import { formatWhen } from '../../components/format';
import { useChannel } from '../../components/useChannel';

/**
 * The notices and letters printed for this borrower, from the print log (newest first). They
 * are printed with the printing feature; until one is, the tab says so.
 */
export function NoticesTab({ borrowerId }: { borrowerId: number }) {
  const { t, i18n } = useTranslation();
  const { data: rows, failure } = useChannel(
    'notices:log',
    { borrowerId, limit: 100 },
    { failure: 'inline' },
  );

  if (failure) return <Alert severity="error">{failure}</Alert>;
  if (rows === null) return <LinearProgress aria-label={t('common.loading')} />;
  if (rows.length === 0) return <Alert severity="info">{t('cases.notices.empty')}</Alert>;
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <Table size="small" aria-label={t('cases.case.tab.notices')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('cases.notices.printedAt')}</TableCell>
          <TableCell>{t('cases.notices.kind')}</TableCell>
          <TableCell>{t('cases.notices.referenceNo')}</TableCell>
          <TableCell>{t('cases.notices.staff')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatWhen(row.printedAt)}</TableCell>
            <TableCell>
              {documentKindLabels[row.kind][lang]}
              {row.isCopy && (
                <Chip
                  size="small"
                  variant="outlined"
                  label={t('cases.notices.copy')}
                  sx={{ ml: 1 }}
                />
              )}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{row.referenceNo}</TableCell>
            <TableCell>
              {row.staffName ?? t('cases.timeline.system')}
              {row.staffNo ? `（${row.staffNo}）` : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
