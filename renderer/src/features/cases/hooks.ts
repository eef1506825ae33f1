import { useEffect, useState, type RefObject } from 'react';

/** The value after it has stopped changing for `ms`: one query per pause in typing, not per key. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Puts the keyboard in the search box on `/` (when not typing elsewhere) or Ctrl+F, the two
 * keys people reach for; Ctrl+F would otherwise open nothing useful in the app window.
 */
export function useSearchShortcut(input: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target?.isContentEditable ||
        ['INPUT', 'TEXTAREA', 'SELECT'].includes(target?.tagName ?? '');
      const slash = event.key === '/' && !typing && !event.ctrlKey && !event.metaKey;
      const find = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f';
      if (slash || find) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input]);
}
