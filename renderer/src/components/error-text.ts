import type { TFunction } from 'i18next';
import { ApiError } from '../api';

/** A failed call in the user's language: the error code's text (with the wait, when throttled). */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.error.code === 'THROTTLED' && typeof error.error.details?.waitSeconds === 'number') {
      return t('auth.throttled', { seconds: error.error.details.waitSeconds });
    }
    return t(`e.${error.error.code}`);
  }
  return t('e.INTERNAL');
}
