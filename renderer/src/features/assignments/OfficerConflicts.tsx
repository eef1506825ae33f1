import { Alert, AlertTitle, Stack, Typography } from '@mui/material';
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
