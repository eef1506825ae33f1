import { useCallback, useRef, useState } from 'react';

/** Where the list starts below a one-line filter row, and the page's bottom margin (CSS px). */
const FALLBACK_TOP = 274;
const BOTTOM_MARGIN = 24;

/**
 * The case list's height, so that its pager ends on the screen: the window's height less
 * where the list starts and the page's bottom margin. Where the list starts is read when it
 * appears and again whenever the filter card above it changes size (a filter row that wraps,
 * on a narrow window or at 125 %, pushes the list down by a line). Before the first reading,
 * the start below a one-line filter row. One observer on the card and the list: nothing on
 * the first render waits for it.
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
  // Both are read by one observer, which reports each box's first size after the browser's
  // own layout (measuring in the ref would force a layout of its own in the middle of the
  // first render's commit).
  const watched = useRef<{ list: HTMLElement | null; card: HTMLElement | null }>({
    list: null,
    card: null,
  });
  const watch = useCallback(
    (which: 'list' | 'card', node: HTMLElement | null) => {
      watched.current[which] = node;
      if (which === 'list') list.current = node;
      observer.current?.disconnect();
      observer.current = new ResizeObserver(measure);
      for (const box of Object.values(watched.current)) if (box) observer.current.observe(box);
    },
    [measure],
  );
  const listRef = useCallback((node: HTMLElement | null) => watch('list', node), [watch]);
  const cardRef = useCallback((node: HTMLElement | null) => watch('card', node), [watch]);
  return { height: `calc(100vh - ${top + BOTTOM_MARGIN}px)`, listRef, cardRef };
}
