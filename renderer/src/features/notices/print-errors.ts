import type { TFunction } from 'i18next';
import { ApiError } from '../../api';
import { errorMessage } from '../../components/error-text';

/**
 * A failed print or preview in the user's language: the core's specific reason when it gives
 * one (`details.reason`, a message key such as 'e.planNotApproved'), else the error code's text.
 */
export function printFailureText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const reason = error.error.details?.reason;
    if (typeof reason === 'string') {
      const text = t(reason);
      if (text !== reason) return text;
    }
  }
  return errorMessage(error, t);
}
