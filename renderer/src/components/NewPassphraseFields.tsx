import type { TFunction } from 'i18next';
import type { FieldErrors, FieldValues, Path, UseFormRegister } from 'react-hook-form';
import { bindField } from './forms';
import { PassphraseField } from './PassphraseField';

/** A new passphrase and its confirmation, as every form that sets one asks for them. */
export function NewPassphraseFields<T extends FieldValues>(props: {
  form: { register: UseFormRegister<T>; formState: { errors: FieldErrors<T> } };
  name: Path<T>;
  confirmName: Path<T>;
  label: string;
  confirmLabel: string;
  help: string;
  t: TFunction;
  autoFocus?: boolean;
}) {
  const { form, t } = props;
  return (
    <>
      <PassphraseField
        {...bindField(form, props.name, t, props.help)}
        label={props.label}
        autoFocus={props.autoFocus}
      />
      <PassphraseField {...bindField(form, props.confirmName, t)} label={props.confirmLabel} />
    </>
  );
}
