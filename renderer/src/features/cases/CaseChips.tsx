import { Chip, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Bucket } from '../../../../electron/shared/delinquency';
import type { VulnerableReason } from '../../../../electron/shared/schemas/cases';
import { bucketColor } from './bucket-colors';
import type { LoanTier } from '../../../../electron/shared/classification';
import { tierColor, tierFilled } from './tier-colors';

/** The bank's five-tier classification (五级分类); the non-performing tiers are filled. */
export function TierChip({ tier }: { tier: LoanTier }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      color={tierColor[tier]}
      variant={tierFilled[tier] ? 'filled' : 'outlined'}
      label={t(`cases.tier.${tier}`)}
      sx={{ fontWeight: 600 }}
      data-testid="tier-chip"
    />
  );
}

export function BucketChip({ bucket }: { bucket: Bucket }) {
  return (
    <Chip
      size="small"
      color={bucketColor[bucket]}
      label={bucket}
      sx={{ fontWeight: 600, minWidth: 44 }}
    />
  );
}

export interface CaseFlags {
  vulnerable: readonly VulnerableReason[];
  disputed: boolean;
  brokenPromises: number;
  onHold?: boolean;
}

/** The flags that change how a case may be handled: vulnerable, disputed, broken promise. */
export function FlagChips({ flags, detailed = false }: { flags: CaseFlags; detailed?: boolean }) {
  const { t } = useTranslation();
  // The list is narrow: short labels there, the full wording (and reasons) on the case page.
  const vulnerableLabel = detailed
    ? flags.vulnerable.map((r) => t(`cases.vuln.${r}`)).join('、')
    : t('cases.flag.vulnerableShort');
  const brokenLabel = detailed ? t('cases.flag.brokenPromise') : t('cases.flag.brokenShort');
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%' }}>
      {flags.vulnerable.length > 0 && (
        <Chip
          size="small"
          color="warning"
          variant="outlined"
          label={vulnerableLabel}
          title={flags.vulnerable.map((r) => t(`cases.vuln.${r}`)).join('、')}
        />
      )}
      {flags.disputed && (
        <Chip size="small" color="error" variant="outlined" label={t('cases.flag.disputed')} />
      )}
      {flags.onHold && <Chip size="small" variant="outlined" label={t('cases.status.on_hold')} />}
      {flags.brokenPromises > 0 && (
        <Chip
          size="small"
          color="secondary"
          variant="outlined"
          label={flags.brokenPromises > 1 ? `${brokenLabel} ×${flags.brokenPromises}` : brokenLabel}
          title={t('cases.flag.brokenPromise')}
        />
      )}
    </Stack>
  );
}
