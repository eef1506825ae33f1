import { useMemo } from 'react';
import { checkVisitInput } from '../../../../electron/shared/schemas/planning';
import { useChannel } from '../../components/useChannel';

/**
 * The live rule check of a plan being typed: once the draft is complete (it parses with the
 * shared schema), the core's rules run on it without saving (`planning:check`), one call per
 * pause in typing. An answer counts only for the draft it was asked about.
 */
export function useRuleCheck(draft: unknown, pauseMs = 350) {
  // The draft is a fresh object on every render; its text decides whether it changed.
  const key = JSON.stringify(draft ?? null);
  const parsed = useMemo(() => checkVisitInput.safeParse(JSON.parse(key)), [key]);
  // A hint while typing: a check that fails says nothing, and saving still runs the rules.
  const check = useChannel('planning:check', parsed.success ? parsed.data : null, {
    failure: 'quiet',
    pauseMs,
  });
  const answered = parsed.success && !check.loading;
  return { result: answered ? check.data : null, checking: parsed.success && check.loading };
}
