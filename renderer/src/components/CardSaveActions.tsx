import { Button, CardActions } from '@mui/material';
import { useTranslation } from 'react-i18next';

/**
 * The Save row of a settings card whose fields are a react-hook-form form: shown only to who may
 * edit, pressable once something changed and while nothing is being saved.
 */
export function CardSaveActions(props: { editable: boolean; dirty: boolean; submitting: boolean }) {
  const { t } = useTranslation();
  if (!props.editable) return null;
  return (
    <CardActions sx={{ justifyContent: 'flex-end' }}>
      <Button type="submit" variant="contained" disabled={!props.dirty || props.submitting}>
        {t('common.save')}
      </Button>
    </CardActions>
  );
}
