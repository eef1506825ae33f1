import type { TFunction } from 'i18next';
import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../../api';
import { applyServerError } from '../../components/forms';

/**
 * A failed waiver action in words: a rule of the whole proposal (field `_`: the proposer's own,
 * the second approver's role, the case left collection) is the message itself; field errors go
 * on their fields.
 */
export function waiverErrors<T extends FieldValues>(setError: UseFormSetError<T>) {
  return (error: unknown, t: TFunction): string => {
    const general = error instanceof ApiError ? error.error.fields?._ : undefined;
    if (general) return t(general);
    return applyServerError(error, setError, t);
  };
}
