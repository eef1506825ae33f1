import { useCallback, useRef, useState } from 'react';

/** Where the list starts below a one-line filter row, and the page's bottom margin (CSS px). */
const FALLBACK_TOP = 274;
const BOTTOM_MARGIN = 24;

/**
 * The case list's height, so that its pager ends on the screen: the window's height less
 * where the list starts and the page's bottom margin. Where the list starts is read when it
 * appears and again whenever the filter card above it changes size (a filter row that wraps,
 * on a narrow window or at 125 %, pushes the list down by a line). Before the first reading,
 * the start below a one-line filter row. One observer on one card: nothing on the first
 * render waits for it.
 */
export function useFitToScreen() {
  const [top, setTop] = useState(FALLBACK_TOP);
  const list = useRef<HTMLElement | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const measure = useCallback(() => {
    const node = list.current;
    if (!node) return;
    // The page scrolls inside the shell's main area: where the list starts when not scrolled.
    const scrolled = node.closest('main')?.scrollTop ?? 0;
    const next = Math.round(node.getBoundingClientRect().top + scrolled);
    if (next > 0) setTop(next);
  }, []);
  const listRef = useCallback(
    (node: HTMLElement | null) => {
      list.current = node;
      measure();
    },
    [measure],
  );
  const cardRef = useCallback(
    (node: HTMLElement | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!node) return;
      // The observer reports the card's first size too, before the first paint.
      observer.current = new ResizeObserver(measure);
      observer.current.observe(node);
    },
    [measure],
  );
  return { height: `calc(100vh - ${top + BOTTOM_MARGIN}px)`, listRef, cardRef };
}
