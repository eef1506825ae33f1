import { Alert, AlertTitle, Box, Link, List, ListItem, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useChannel } from '../../components/useChannel';
import { useTextLang } from '../../components/text-lang';
import { listJoin } from '../../components/punctuation';
import { staffLabelIn } from '../../components/staff';

/**
 * On the case page: the borrower's visits whose record (the latest correction) broke a rule
 * when it was saved (hours, certificates, staff, notice, place), each linking to its record.
 * Nothing shows when there are none.
 */
export function RecordViolationsAlert({ borrowerId }: { borrowerId: number }) {
  const { t } = useTranslation();
  const lang = useTextLang();
  // The case page stands without this list; a failure here is shown by the page's own load.
  const rows = useChannel('records:violations', { borrowerId }, { failure: 'quiet' }).data;
  if (!rows || rows.length === 0) return null;
  return (
    <Alert severity="error" sx={{ mb: 2 }} data-testid="case-record-violations">
      <AlertTitle>{t('visits.case.violationsTitle')}</AlertTitle>
      <List dense disablePadding>
        {rows.map((row) => (
          <ListItem key={row.recordId} disableGutters sx={{ display: 'block', py: 0.5 }}>
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'baseline' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {row.date} {row.start}–{row.end}
              </Typography>
              <Typography variant="body2">
                {listJoin(row.staff.map(staffLabelIn(lang)), lang)}
              </Typography>
              <Link component={RouterLink} to={`/visits/records/${row.recordId}`} variant="body2">
                {t('visits.case.openRecord')}
              </Link>
            </Box>
            <Box component="ul" sx={{ m: 0, pl: 3 }}>
              {row.violations.map((v, i) => (
                <Typography component="li" variant="body2" key={`${v.code}-${i}`}>
                  {v.message[lang]}
                  {v.severity === 'legal' ? ` · ${t('planning.legalLimit')}` : ''}
                </Typography>
              ))}
            </Box>
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
