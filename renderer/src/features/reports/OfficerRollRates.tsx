import { Alert, Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { FigureDefinition, OfficerFigures } from '../../../../electron/shared/schemas/reports';
import { langOf, RollRateTable, type Lang } from './parts';

const hasLoans = (o: OfficerFigures) => !!o.rollRate?.startLoans.some((n) => n > 0);
/** The officer's name with their staff number, in the language's brackets. */
export const officerName = (o: Pick<OfficerFigures, 'name' | 'staffNo'>, lang: Lang) =>
  lang === 'zh' ? `${o.name}（${o.staffNo}）` : `${o.name} (${o.staffNo})`;

/**
 * Each officer's roll-rate matrix (the loans of their borrowers), under the branch's: on screen
 * and on the printed report, each table kept on one page. Officers with no loans on file on the
 * 1st are named in one line rather than shown an empty table; a month closed before officers
 * had matrices says so. A month with no officers at all shows nothing.
 */
export function OfficerRollRates(props: {
  officers: readonly OfficerFigures[];
  definition: FigureDefinition;
  paidOffLabel: string;
  onOpen: (officerId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const who = (o: OfficerFigures) => officerName(o, lang);
  const { officers } = props;
  const missing = officers.length > 0 && officers.every((o) => o.rollRate === null);
  const shown = officers.filter(hasLoans);
  const empty = officers.filter((o) => o.rollRate !== null && !hasLoans(o));
  if (officers.length === 0) return null;
  return (
    <Box data-testid="officer-roll-rates" sx={{ mt: 2 }}>
      <Typography variant="h6">{t('reports.rollRateByOfficer')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('reports.rollRateByOfficerNote')} {/* Paper has nothing to click. */}
        <span className="no-print">{t('reports.rollRateByOfficerOpen')}</span>
      </Typography>
      {missing && <Alert severity="info">{t('reports.noOfficerRollRate')}</Alert>}
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(560px, 1fr))',
          gap: 2,
        }}
      >
        {shown.map((o) => (
          <Box
            key={o.staffId}
            component="section"
            aria-label={who(o)}
            sx={{ breakInside: 'avoid', '@media print': { breakInside: 'avoid' } }}
          >
            <Typography variant="subtitle1">{who(o)}</Typography>
            <RollRateTable
              rollRate={o.rollRate!}
              definition={props.definition}
              paidOffLabel={props.paidOffLabel}
              onOpen={() => props.onOpen(o.staffId)}
              testId={`roll-rate-${o.staffNo}`}
              noCaption
            />
          </Box>
        ))}
      </Box>
      {empty.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('reports.noLoansAtStart', { names: empty.map(who).join(lang === 'zh' ? '、' : ', ') })}
        </Typography>
      )}
    </Box>
  );
}
