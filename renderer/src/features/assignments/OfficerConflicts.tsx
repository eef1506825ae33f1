import {
  Alert,
  AlertTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { OfficerConflictView } from '../../../../electron/shared/schemas/imports';

/**
 * The import report's list of cases whose file officer differs from a manager's reassignment,
 * and what the branch's rule did with each (kept, or moved to the file's officer).
 */
export function OfficerConflicts(props: { conflicts: OfficerConflictView[]; total: number }) {
  const { t } = useTranslation();
  if (props.total === 0) return null;
  const more = props.total - props.conflicts.length;
  return (
    <Alert severity="warning" data-testid="import-officer-conflicts">
      <AlertTitle>{t('assignments.conflicts.title', { count: props.total })}</AlertTitle>
      <Stack component="ul" sx={{ m: 0, pl: 2.5 }}>
        {props.conflicts.map((c) => {
          const names = { current: c.currentOfficer, file: c.fileOfficer };
          return (
            <Typography component="li" variant="body2" key={`${c.line}-${c.borrowerId}`}>
              {t('assignments.conflicts.row', {
                line: c.line,
                name: c.borrowerName,
                ...names,
                kept: t(`assignments.conflicts.kept.${c.kept}`, names),
              })}
            </Typography>
          );
        })}
        {more > 0 && (
          <Typography component="li" variant="body2">
            {t('assignments.conflicts.more', { count: more })}
          </Typography>
        )}
      </Stack>
    </Alert>
  );
}

/**
 * The same differences found in the import's preview, before anything is written: how many,
 * the first rows (borrower, the file's officer, who has the case now, who will have it after
 * the import) and what the branch's rule will do with them.
 */
export function OfficerConflictsAhead(props: {
  conflicts: readonly OfficerConflictView[];
  total: number;
  rule: 'branch' | 'headOffice';
}) {
  const { t } = useTranslation();
  if (props.total === 0) return null;
  const more = props.total - props.conflicts.length;
  const title = t('assignments.conflicts.aheadTitle', { count: props.total });
  return (
    <Alert severity="warning" data-testid="import-officer-conflicts-ahead">
      <AlertTitle>{title}</AlertTitle>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {t(`assignments.conflicts.ahead.${props.rule}`)}
      </Typography>
      <Table size="small" aria-label={title} sx={{ width: 'auto' }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('assignments.conflicts.col.line')}</TableCell>
            <TableCell>{t('assignments.conflicts.col.borrower')}</TableCell>
            <TableCell>{t('assignments.conflicts.col.file')}</TableCell>
            <TableCell>{t('assignments.conflicts.col.current')}</TableCell>
            <TableCell>{t('assignments.conflicts.col.after')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.conflicts.map((c) => (
            <TableRow key={`${c.line}-${c.borrowerId}`}>
              <TableCell>{c.line}</TableCell>
              <TableCell>{c.borrowerName}</TableCell>
              <TableCell>{c.fileOfficer}</TableCell>
              <TableCell>{c.currentOfficer}</TableCell>
              <TableCell>{props.rule === 'branch' ? c.currentOfficer : c.fileOfficer}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {more > 0 && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {t('assignments.conflicts.more', { count: more })}
        </Typography>
      )}
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {t('assignments.conflicts.ahead.where')}
      </Typography>
    </Alert>
  );
}
