import type { LoanTier } from '../../../../electron/shared/classification';

/**
 * The five tiers' colours: the case page's chips and the case list's tags (a leaf module, as
 * bucket-colors.ts). The non-performing tiers (次级, 可疑, 损失) are filled, the others outlined.
 */
export const tierColor: Record<LoanTier, 'success' | 'info' | 'warning' | 'error'> = {
  pass: 'success',
  special_mention: 'info',
  substandard: 'warning',
  doubtful: 'error',
  loss: 'error',
};
export const tierFilled: Record<LoanTier, boolean> = {
  pass: false,
  special_mention: false,
  substandard: true,
  doubtful: true,
  loss: true,
};
