import type { FigureDefinition } from '../../../../electron/shared/schemas/reports';

/**
 * How the month's figures are read, on screen and on paper: the headline figures head office
 * asks for first, then the rest grouped by what they are about. A figure the core adds later
 * and no group names still shows, under "other", rather than disappearing.
 */
const headlineKeys = [
  'collectedVsTarget',
  'contactRate',
  'ptpKeptRate',
  'cureRate',
  'ruleOverrides',
  'complaintsReceived',
] as const;

const figureGroups = [
  {
    id: 'visits',
    keys: [
      'visitsPlanned',
      'visitsCancelled',
      'visitsDue',
      'visitsCarriedOut',
      'visitsDone',
      'visitsNotDone',
      'visitsOpen',
      'completionRate',
    ],
  },
  { id: 'contact', keys: ['contacts', 'rightPartyContacts', 'rightPartyRate'] },
  {
    id: 'promises',
    keys: [
      'promisesMade',
      'ptpContacts',
      'ptpRate',
      'relativePromises',
      'promisedFen',
      'relativePromisedFen',
      'promisesDue',
      'promisesKept',
    ],
  },
  { id: 'money', keys: ['collectedFen', 'targetFen', 'plansApproved', 'plansSelfApproved'] },
  { id: 'portfolio', keys: ['loansOverdueAtStart', 'loansCured', 'loansPaidOff'] },
  { id: 'cash', keys: ['cashCollectedFen', 'cashHandedInLate', 'cashOpenDifferences'] },
  {
    id: 'conduct',
    keys: [
      'visitsOverridden',
      'overridesSelfApproved',
      'recordsWithViolations',
      'complaintsOpen',
      'complaintsClosed',
    ],
  },
  {
    id: 'waivers',
    keys: [
      'waiversApproved',
      'waivedFen',
      'penaltyWaivers',
      'penaltyWaivedFen',
      'interestWaivers',
      'interestWaivedFen',
      'settlementsApproved',
      'settlementWaivedFen',
    ],
  },
] as const;

type GroupId = (typeof figureGroups)[number]['id'] | 'other';

interface GroupedFigures {
  headline: FigureDefinition[];
  groups: { id: GroupId; figures: FigureDefinition[] }[];
}

/** The summary's definitions (the roll-rate matrix apart) as headline figures and groups. */
export function groupFigures(definitions: readonly FigureDefinition[]): GroupedFigures {
  const byKey = new Map(definitions.filter((d) => d.key !== 'rollRate').map((d) => [d.key, d]));
  const take = (keys: readonly string[]) =>
    keys.flatMap((key) => {
      const d = byKey.get(key);
      if (!d) return [];
      byKey.delete(key);
      return [d];
    });
  const headline = take(headlineKeys);
  const groups: GroupedFigures['groups'] = figureGroups.map((g) => ({
    id: g.id,
    figures: take(g.keys),
  }));
  const rest = [...byKey.values()];
  if (rest.length > 0) groups.push({ id: 'other', figures: rest });
  return { headline, groups: groups.filter((g) => g.figures.length > 0) };
}
