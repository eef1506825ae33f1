import { useEffect, useMemo, useRef, useState } from 'react';
import { checkVisitInput, type CheckResult } from '../../../../electron/shared/schemas/planning';
import { call } from '../../api';

/**
 * The live rule check of a plan being typed: once the draft is complete (it parses with the
 * shared schema), the core's rules run on it without saving (`visits:check`), one call per
 * pause in typing. An answer counts only for the draft it was asked about.
 */
export function useRuleCheck(draft: unknown, pauseMs = 350) {
  // The draft is a fresh object on every render; its text decides whether it changed.
  const key = JSON.stringify(draft ?? null);
  const parsed = useMemo(() => checkVisitInput.safeParse(JSON.parse(key)), [key]);
  const [answer, setAnswer] = useState<{ key: string; result: CheckResult | null } | null>(null);
  const latest = useRef(key);

  useEffect(() => {
    latest.current = key;
    if (!parsed.success) return;
    const input = parsed.data;
    const timer = setTimeout(() => {
      call('visits:check', input)
        .then((result) => latest.current === key && setAnswer({ key, result }))
        .catch(() => latest.current === key && setAnswer({ key, result: null }));
    }, pauseMs);
    return () => clearTimeout(timer);
  }, [key, parsed, pauseMs]);

  const current = answer?.key === key ? answer : null;
  return { result: current?.result ?? null, checking: parsed.success && current === null };
}
