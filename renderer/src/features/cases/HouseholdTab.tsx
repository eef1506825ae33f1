import { Box, Card, CardContent, Chip, Grid, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentView, BorrowerView } from '../../../../electron/shared/schemas/cases';
import { formatYuan as yuan } from '../../../../electron/shared/money';

function Line(props: { label: string; children: ReactNode }) {
  if (props.children === '' || props.children === null || props.children === undefined) return null;
  return (
    <Box sx={{ display: 'flex', gap: 1 }}>
      <Typography color="text.secondary" sx={{ minWidth: 140, flexShrink: 0 }}>
        {props.label}
      </Typography>
      <Typography sx={{ whiteSpace: 'pre-wrap' }}>{props.children}</Typography>
    </Box>
  );
}

/**
 * The household as recorded on the borrower, then the dated assessments (newest first): what
 * a fair repayment plan is built on.
 */
export function HouseholdTab(props: { borrower: BorrowerView; assessments: AssessmentView[] }) {
  const { t } = useTranslation();
  const { borrower } = props;
  const fen = (value: number | null) => (value === null ? '' : yuan(value));
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 5 }}>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="subtitle1" component="h2" sx={{ mb: 1 }}>
              {t('cases.borrower.section.situation')}
            </Typography>
            <Stack spacing={0.5}>
              <Line label={t('cases.borrower.occupation')}>{borrower.occupation || '—'}</Line>
              <Line label={t('cases.borrower.householdSize')}>{borrower.householdSize ?? '—'}</Line>
              <Line label={t('cases.borrower.dependents')}>{borrower.dependents ?? '—'}</Line>
              <Line label={t('cases.borrower.preferredContactTimes')}>
                {borrower.preferredContactTimes}
              </Line>
              <Line label={t('cases.borrower.vulnerabilityNotes')}>
                {borrower.vulnerabilityNotes}
              </Line>
              {borrower.householdMembers.length > 0 && (
                <Line label={t('cases.borrower.householdMembers')}>
                  {borrower.householdMembers
                    .map(
                      (m) =>
                        `${m.name}（${m.relation}${m.age === null ? '' : `，${t('cases.case.age', { count: m.age })}`}）${m.note ? ` ${m.note}` : ''}`,
                    )
                    .join('\n')}
                </Line>
              )}
            </Stack>
          </CardContent>
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 7 }}>
        <Stack spacing={2}>
          {props.assessments.length === 0 && (
            <Typography color="text.secondary">{t('cases.assessment.empty')}</Typography>
          )}
          {props.assessments.map((a) => (
            <Card key={a.id} variant="outlined" data-testid="assessment">
              <CardContent>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', mb: 1 }}>
                  <Typography variant="subtitle1" component="h2">
                    {a.assessedOn}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {a.staffName ?? t('cases.timeline.system')}
                  </Typography>
                  <Box sx={{ flex: 1 }} />
                  {a.hardship.map((h) => (
                    <Chip
                      key={h}
                      size="small"
                      variant="outlined"
                      label={t(`cases.assessment.hardship.${h}`)}
                    />
                  ))}
                </Stack>
                <Stack spacing={0.5}>
                  <Line label={t('cases.assessment.livelihood')}>{a.livelihood}</Line>
                  <Line label={t('cases.assessment.income')}>{a.income}</Line>
                  <Line label={t('cases.assessment.monthlyIncome')}>{fen(a.monthlyIncomeFen)}</Line>
                  <Line label={t('cases.assessment.expenses')}>{a.expenses}</Line>
                  <Line label={t('cases.assessment.monthlyExpenses')}>
                    {fen(a.monthlyExpensesFen)}
                  </Line>
                  <Line label={t('cases.assessment.assets')}>{a.assets}</Line>
                  <Line label={t('cases.assessment.householdSize')}>{a.householdSize ?? ''}</Line>
                  <Line label={t('cases.assessment.capacity')}>{fen(a.capacityFen)}</Line>
                  <Line label={t('cases.assessment.note')}>{a.note}</Line>
                </Stack>
              </CardContent>
            </Card>
          ))}
        </Stack>
      </Grid>
    </Grid>
  );
}
