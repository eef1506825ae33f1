import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import { IconButton, InputAdornment, TextField, type TextFieldProps } from '@mui/material';
import { forwardRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A password field with a show/hide toggle. */
export const PassphraseField = forwardRef<HTMLInputElement, TextFieldProps>(
  function PassphraseField(props, ref) {
    const { t } = useTranslation();
    const [shown, setShown] = useState(false);
    return (
      <TextField
        {...props}
        inputRef={ref}
        type={shown ? 'text' : 'password'}
        autoComplete="off"
        slotProps={{
          input: {
            endAdornment: (
              <InputAdornment position="end">
                <IconButton
                  aria-label={shown ? t('auth.hidePassphrase') : t('auth.showPassphrase')}
                  onClick={() => setShown((s) => !s)}
                  edge="end"
                  tabIndex={-1}
                >
                  {shown ? <VisibilityOff /> : <Visibility />}
                </IconButton>
              </InputAdornment>
            ),
          },
        }}
      />
    );
  },
);
