import { Box } from '@mui/material';
import { startTransition, Suspense, useEffect, useState, type ReactNode } from 'react';

/**
 * Shows its children once the screen around them has painted: controls the user does not need
 * to read the screen (a row of filters) come a frame later instead of holding up the first rows
 * on a slow office PC. An empty box of the controls' height stands in, so nothing moves. The
 * children may be lazy components: their code is then fetched once the frame has painted, and
 * the stand-in stays until it has arrived.
 */
export function AfterFirstPaint({ children, height }: { children: ReactNode; height: number }) {
  const shown = usePainted();
  const standIn = <Box sx={{ minHeight: height }} />;
  return shown ? <Suspense fallback={standIn}>{children}</Suspense> : standIn;
}

/**
 * False on the first render, true once the frame it made has painted (in a transition, so
 * what it brings in never holds up input). `waiting` false: nothing to wait for, true at once.
 */
export function usePainted(waiting = true): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!waiting) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame is painted after this callback; the timer runs after that paint.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [waiting]);
  return painted || !waiting;
}
