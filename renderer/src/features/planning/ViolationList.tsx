import GavelIcon from '@mui/icons-material/Gavel';
import { Alert, AlertTitle, Chip, List, ListItem, ListItemText } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useTextLang } from '../../components/text-lang';

/** A broken rule as the core words it: a plan's (Violation) or a saved record's. */
export interface ShownViolation {
  code: string;
  severity: 'block' | 'legal';
  message: { zh: string; en: string };
}

/**
 * The rules a plan breaks (or a saved record broke), each in the UI language. Legal limits are
 * marked: nobody, not even the manager, may override them.
 */
export function ViolationList(props: {
  violations: readonly ShownViolation[];
  title: string;
  severity?: 'warning' | 'error' | 'info';
  testId?: string;
}) {
  const { t } = useTranslation();
  const lang = useTextLang();
  if (props.violations.length === 0) return null;
  return (
    <Alert severity={props.severity ?? 'warning'} data-testid={props.testId}>
      <AlertTitle>{props.title}</AlertTitle>
      <List dense disablePadding>
        {props.violations.map((v, i) => (
          <ListItem key={`${v.code}-${i}`} disableGutters sx={{ py: 0, gap: 1 }}>
            <ListItemText primary={v.message[lang]} />
            {v.severity === 'legal' && (
              <Chip
                size="small"
                color="error"
                icon={<GavelIcon />}
                label={t('planning.legalLimit')}
              />
            )}
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
