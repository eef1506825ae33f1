import { Button, Link } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useCan } from '../../app/session';

/** The borrower's name, opening the case. */
export const CaseLink = ({ id, name }: { id: number; name: string }) => (
  <Link component={RouterLink} to={`/cases/${id}`}>
    {name}
  </Link>
);

/** 记录结果 for a visit, shown only to a role that may record outcomes. */
export function RecordOutcomeButton({ visitId }: { visitId: number }) {
  const { t } = useTranslation();
  if (!useCan('visits.record')) return null;
  return (
    <Button
      size="small"
      variant="contained"
      component={RouterLink}
      to={`/visits/record/${visitId}`}
    >
      {t('visits.tasks.record')}
    </Button>
  );
}
