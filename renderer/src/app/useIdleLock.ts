import { useEffect, useRef } from 'react';

const activityEvents = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` after `minutes` without keyboard or mouse activity. */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const last = useRef(0);
  const callback = useRef(onIdle);
  useEffect(() => {
    callback.current = onIdle;
  }, [onIdle]);
  useEffect(() => {
    last.current = Date.now();
    const mark = () => {
      last.current = Date.now();
    };
    for (const name of activityEvents) window.addEventListener(name, mark, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current > minutes * 60_000) callback.current();
    }, 15_000);
    return () => {
      for (const name of activityEvents) window.removeEventListener(name, mark);
      window.clearInterval(timer);
    };
  }, [minutes]);
}
