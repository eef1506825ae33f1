import chineseDays from 'chinese-days';
// The package's own data: its day functions key these maps through a date parse that shifts a
// day on PCs west of UTC, so we read the maps directly.
import arrangement from 'chinese-days/dist/chinese-days.json';
import { addDays, weekday } from '../../shared/dates';

/**
 * The branch's holiday calendar: the State Council's yearly arrangement as maintained in the
 * `chinese-days` package (holidays and the working-day swaps, 调休), with the branch's own
 * additions and removals on top.
 *
 * `chinese-days` only knows years whose arrangement has been published. For a later year it
 * would silently call New Year's Day a working day, so for such a year we estimate the
 * statutory holiday days themselves (全国年节及纪念日放假办法, as amended in 2024: 13 days) and
 * say so; the bridging days and swaps are announced each November and the manager adds them
 * as branch overrides until the package is updated.
 */

export type DayKind = 'holiday' | 'workday' | 'rest';
export type DaySource = 'official' | 'estimated' | 'branch' | 'week';

export interface DayInfo {
  date: string;
  kind: DayKind;
  /** Holiday name for holidays and swap working days. */
  name: { zh: string; en: string } | null;
  /** A weekend day worked in exchange for a holiday (调休上班). */
  swapWorkday: boolean;
  source: DaySource;
}

export interface BranchDayOverride {
  date: string;
  kind: 'holiday' | 'workday';
  note: string;
}

export interface HolidayCalendar {
  day(date: string): DayInfo;
  /** Whether the year's official arrangement is known (else its holidays are estimated). */
  official(year: number): boolean;
}

function splitName(name: string): { zh: string; en: string } {
  const [en = name, zh = name] = name.split(',');
  return { zh, en };
}

const holidayNames: Record<string, string> = arrangement.holidays;
const swapWorkdays: Record<string, string> = arrangement.workdays;
const officialYears = new Map<number, boolean>();

export function hasOfficialArrangement(year: number): boolean {
  let known = officialYears.get(year);
  if (known === undefined) {
    const prefix = `${year}-`;
    known = Object.keys(holidayNames).some((date) => date.startsWith(prefix));
    officialYears.set(year, known);
  }
  return known;
}

/** Local Date in, local Date out: correct in any PC time zone. */
const lunarToSolar = (year: number, month: number, day: number) =>
  chineseDays.getSolarDateFromLunar(new Date(year, month - 1, day)).date;

/**
 * Qingming (清明), the solar term near 5 April: the package's formula (21st-century constant
 * 4.81, no listed exceptions for this term), computed here because the package's own function
 * formats its answer through the same zone-sensitive parse.
 */
function qingming(year: number): string {
  const y = year % 100;
  const day = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
  return `${year}-04-${String(day).padStart(2, '0')}`;
}

const estimates = new Map<number, Map<string, { zh: string; en: string }>>();

/** The statutory holiday days of a year without a published arrangement. */
export function statutoryHolidays(year: number): Map<string, { zh: string; en: string }> {
  const cached = estimates.get(year);
  if (cached) return cached;
  const days = new Map<string, { zh: string; en: string }>();
  const put = (date: string, zh: string, en: string) => days.set(date, { zh, en });
  const y = String(year);
  put(`${y}-01-01`, '元旦', "New Year's Day");
  const springFestival = lunarToSolar(year, 1, 1);
  put(addDays(springFestival, -1), '春节', 'Spring Festival');
  for (let i = 0; i < 3; i += 1) put(addDays(springFestival, i), '春节', 'Spring Festival');
  put(qingming(year), '清明', 'Tomb-sweeping Day');
  put(`${y}-05-01`, '劳动节', 'Labour Day');
  put(`${y}-05-02`, '劳动节', 'Labour Day');
  put(lunarToSolar(year, 5, 5), '端午', 'Dragon Boat Festival');
  put(lunarToSolar(year, 8, 15), '中秋', 'Mid-autumn Festival');
  for (const d of ['01', '02', '03']) put(`${y}-10-${d}`, '国庆节', 'National Day');
  estimates.set(year, days);
  return days;
}

function packageDay(date: string): DayInfo {
  const year = Number(date.slice(0, 4));
  const weekend = weekday(date) === 0 || weekday(date) === 6;
  if (!hasOfficialArrangement(year)) {
    const name = statutoryHolidays(year).get(date);
    if (name) return { date, kind: 'holiday', name, swapWorkday: false, source: 'estimated' };
    return {
      date,
      kind: weekend ? 'rest' : 'workday',
      name: null,
      swapWorkday: false,
      source: 'week',
    };
  }
  const swap = swapWorkdays[date];
  if (swap) {
    return {
      date,
      kind: 'workday',
      name: splitName(swap),
      swapWorkday: weekend,
      source: 'official',
    };
  }
  const holiday = holidayNames[date];
  if (holiday) {
    return {
      date,
      kind: 'holiday',
      name: splitName(holiday),
      swapWorkday: false,
      source: 'official',
    };
  }
  return {
    date,
    kind: weekend ? 'rest' : 'workday',
    name: null,
    swapWorkday: false,
    source: 'week',
  };
}

export function createHolidayCalendar(overrides: readonly BranchDayOverride[]): HolidayCalendar {
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  return {
    official: hasOfficialArrangement,
    day(date) {
      const branch = byDate.get(date);
      if (!branch) return packageDay(date);
      const note = branch.note || (branch.kind === 'holiday' ? '网点假日' : '网点工作日');
      return {
        date,
        kind: branch.kind,
        name: branch.kind === 'holiday' ? { zh: note, en: branch.note || 'Branch holiday' } : null,
        swapWorkday: false,
        source: 'branch',
      };
    },
  };
}
