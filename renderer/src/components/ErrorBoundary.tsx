import { Alert, AlertTitle, Box, Button } from '@mui/material';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import i18next from 'i18next';

interface State {
  failed: boolean;
}

/** Catches a crashed screen and offers a reload; never shows a stack trace. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('screen crashed', error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Box sx={{ p: 4 }}>
        <Alert severity="error">
          <AlertTitle>{i18next.t('crash.title')}</AlertTitle>
          {i18next.t('crash.body')}
          <Box sx={{ mt: 2 }}>
            <Button variant="outlined" onClick={() => this.setState({ failed: false })}>
              {i18next.t('crash.retry')}
            </Button>
          </Box>
        </Alert>
      </Box>
    );
  }
}
