import { Box, Card, CardContent, Chip, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasePage } from '../../../../electron/shared/schemas/cases';
import { BucketChip, FlagChips, TierChip } from './CaseChips';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import { formatWhen } from '../../components/format';
import { StaffLabel } from '../../components/staff';
import { RevealableNumber } from './RevealableNumber';

function Fact(props: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box sx={{ minWidth: 110 }} data-testid={props.testId}>
      <Typography variant="caption" color="text.secondary" component="div">
        {props.label}
      </Typography>
      <Box sx={{ minHeight: 30, display: 'flex', alignItems: 'center' }}>{props.children}</Box>
    </Box>
  );
}

/** The facts that matter when opening a case, above the tabs; what can be done, below them. */
export function CaseHeader({
  page,
  actions,
  officerAction,
}: {
  page: CasePage;
  actions: ReactNode;
  /** Beside the officer's name: the manager's reassign button. */
  officerAction?: ReactNode;
}) {
  const { t } = useTranslation();
  const { borrower, header } = page;
  const address = [
    borrower.province,
    borrower.city,
    borrower.county,
    borrower.township,
    borrower.village,
    borrower.addressDetail,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent sx={{ '&:last-child': { pb: 2 } }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1.5, flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h1">
            {borrower.name}
          </Typography>
          <Typography color="text.secondary">
            {t(`cases.sex.${borrower.sex}`)} · {t('cases.case.age', { count: borrower.age })}
          </Typography>
          <Chip size="small" label={t(`cases.status.${borrower.status}`)} />
          <FlagChips
            detailed
            flags={{
              vulnerable: header.vulnerable,
              disputed: header.disputed,
              onHold: false,
              brokenPromises: header.brokenPromises,
            }}
          />
        </Stack>
        <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Fact label={t('cases.case.idNumber')}>
            <RevealableNumber
              label={t('cases.case.idNumber')}
              masked={borrower.idNumberMasked}
              request={{ borrowerId: borrower.id, field: 'idNumber' }}
              testId="case-id-number"
            />
          </Fact>
          <Fact label={t('cases.case.mobile')}>
            <RevealableNumber
              label={t('cases.case.mobile')}
              masked={borrower.mobileMasked}
              request={{ borrowerId: borrower.id, field: 'mobile' }}
              testId="case-mobile"
            />
          </Fact>
          <Fact label={t('cases.case.totalOverdue')} testId="case-total-overdue">
            <Typography sx={{ fontWeight: 700, fontSize: 18, color: 'error.main' }}>
              {yuan(header.totalOverdueFen)}
            </Typography>
          </Fact>
          <Fact label={t('cases.case.dpd')}>
            <Typography sx={{ fontWeight: 600 }}>
              {t('cases.case.days', { count: header.maxDpd })}
            </Typography>
          </Fact>
          <Fact label={t('cases.case.bucket')}>
            <BucketChip bucket={header.bucket} />
          </Fact>
          <Fact label={t('cases.tier')} testId="case-tier">
            <Box title={t('cases.tier.caseHelp')}>
              {header.classification ? (
                <TierChip tier={header.classification} />
              ) : (
                <Typography color="text.secondary">{t('cases.tier.none')}</Typography>
              )}
            </Box>
          </Fact>
          <Fact label={t('cases.case.officer')}>
            <Typography>
              {header.officer ? (
                <StaffLabel staff={header.officer} />
              ) : (
                t('cases.filter.unassigned')
              )}
            </Typography>
            {officerAction}
          </Fact>
          <Fact label={t('cases.case.lastContact')}>
            <Typography>
              {header.lastContactAt ? formatWhen(header.lastContactAt) : t('cases.never')}
            </Typography>
          </Fact>
          <Fact label={t('cases.case.address')}>
            <Typography>{address || '—'}</Typography>
          </Fact>
        </Stack>
        {actions && (
          <>
            <Divider sx={{ my: 1.5 }} />
            {actions}
          </>
        )}
      </CardContent>
    </Card>
  );
}
