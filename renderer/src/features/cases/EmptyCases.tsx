import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import { Button, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

/**
 * What a branch with no cases sees: a plain message, and for those allowed, the two ways to
 * get started (import the head-office spreadsheet, or load the demo branch to look around).
 */
export function EmptyCases(props: {
  canImport: boolean;
  canLoadDemo: boolean;
  loadingDemo: boolean;
  onImport: () => void;
  onLoadDemo: () => void;
}) {
  const { t } = useTranslation();
  const canStart = props.canImport || props.canLoadDemo;
  return (
    <Card>
      <CardContent>
        <Stack spacing={2} sx={{ alignItems: 'center', textAlign: 'center', py: 6 }}>
          <FolderOpenIcon sx={{ fontSize: 56, color: 'text.disabled' }} />
          <Typography variant="h6" component="h2">
            {t('cases.emptyAll')}
          </Typography>
          <Typography color="text.secondary" sx={{ maxWidth: 560 }}>
            {canStart ? t('cases.emptyAllHelp') : t('cases.emptyAllStaff')}
          </Typography>
          {canStart && (
            <Stack direction="row" spacing={2}>
              {props.canImport && (
                <Button variant="contained" onClick={props.onImport} disabled={props.loadingDemo}>
                  {t('cases.import')}
                </Button>
              )}
              {props.canLoadDemo && (
                <Button
                  variant="outlined"
                  onClick={props.onLoadDemo}
                  disabled={props.loadingDemo}
                  startIcon={props.loadingDemo ? <CircularProgress size={16} /> : undefined}
                >
                  {props.loadingDemo ? t('cases.loadingDemo') : t('cases.loadDemo')}
                </Button>
              )}
            </Stack>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
