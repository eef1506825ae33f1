import {
  get,
  type FieldError,
  type FieldErrors,
  type FieldValues,
  type Path,
  type UseFormRegister,
  type UseFormSetError,
} from 'react-hook-form';
import type { TFunction } from 'i18next';
import { ApiError } from '../api';

/** Puts the server's field errors on the form; returns the general message for a toast. */
export function applyServerError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  t: TFunction,
): string {
  if (error instanceof ApiError) {
    for (const [field, key] of Object.entries(error.error.fields ?? {})) {
      setError(field as Path<T>, { type: 'server', message: key });
    }
    return t(`e.${error.error.code}`);
  }
  return t('e.INTERNAL');
}

/**
 * A form's way of telling a failed save (useAction's `explain`): the core's field errors go on
 * the fields, the general message is told.
 */
export function serverErrors<T extends FieldValues>(setError: UseFormSetError<T>) {
  return (error: unknown, t: TFunction): string => applyServerError(error, setError, t);
}

/** Translates a field error's message key (schemas carry keys such as "v.required"). */
export function fieldError(
  t: TFunction,
  error: { message?: string } | undefined,
): string | undefined {
  return error?.message ? t(error.message) : undefined;
}

/**
 * Field error text that also reads zod's own messages: schema messages are keys ("v.required");
 * a missing value (zod's invalid_type on an empty number field) reads as required, anything
 * else as invalid.
 */
export function fieldText(
  t: TFunction,
  error: { message?: string; type?: string | number } | undefined,
) {
  if (!error?.message) return undefined;
  if (error.message.startsWith('v.')) return t(error.message);
  return t(error.type === 'invalid_type' ? 'v.required' : 'v.invalid');
}

/**
 * Binds a text field to a form: registration, error state and the translated message (or a
 * help text while there is no error).
 */
export function bindField<T extends FieldValues>(
  form: { register: UseFormRegister<T>; formState: { errors: FieldErrors<T> } },
  name: Path<T>,
  t: TFunction,
  help?: string,
) {
  const error = get(form.formState.errors, name) as FieldError | undefined;
  return {
    ...form.register(name),
    error: Boolean(error),
    helperText: fieldError(t, error) ?? help,
  };
}
