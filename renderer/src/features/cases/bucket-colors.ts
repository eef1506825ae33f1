import type { Bucket } from '../../../../electron/shared/delinquency';

/**
 * Colours climb with the bucket, so the eye finds the oldest debts first: the case page's chips
 * and the case list's tags. A leaf module, so the list does not load the chip component.
 */
export const bucketColor: Record<Bucket, 'success' | 'info' | 'warning' | 'secondary' | 'error'> = {
  M0: 'success',
  M1: 'info',
  M2: 'warning',
  M3: 'secondary',
  'M4+': 'error',
};
