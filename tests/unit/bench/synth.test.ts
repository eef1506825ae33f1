import { describe, expect, it } from 'vitest';
import { checkResidentId, isValidMobile } from '../../../electron/shared/idcard';
import { bucketOf, daysPastDue } from '../../../electron/shared/delinquency';
import {
  Dice,
  countyPlaces,
  monthEnds,
  randomSource,
  syntheticBorrower,
  syntheticLoan,
} from '../../bench/synth';

describe('synthetic branch data', () => {
  const places = countyPlaces();

  it('draws valid resident IDs (GB 11643 check character) whose sex digit matches', () => {
    const dice = new Dice(randomSource(1));
    for (let i = 0; i < 2000; i++) {
      const b = syntheticBorrower(dice, places);
      const checked = checkResidentId(b.idNumber, '2026-06-30');
      expect(checked.ok, b.idNumber).toBe(true);
      if (checked.ok) {
        expect(checked.facts.birthDate).toBe(b.birthDate);
        expect(checked.facts.sex).toBe(b.sex);
      }
      expect(isValidMobile(b.mobile)).toBe(true);
      expect(b.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    }
  });

  it('places borrowers in real villages of 长兴县 from the NBS codes', () => {
    expect(places.length).toBeGreaterThan(10);
    for (const t of places) {
      expect(t.code).toMatch(/^330522\d{3}$/);
      for (const v of t.villages) expect(v.code.startsWith(t.code)).toBe(true);
    }
  });

  it('spreads loans over every delinquency bucket, amounts in whole fen', () => {
    const dice = new Dice(randomSource(2));
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const loan = syntheticLoan(dice, '2026-06-30');
      seen.add(bucketOf(daysPastDue(loan.overdueSince, '2026-06-30')));
      expect(Number.isSafeInteger(loan.principalFen)).toBe(true);
      expect(loan.overduePrincipalFen).toBeLessThanOrEqual(loan.outstandingFen);
      expect(loan.outstandingFen).toBeLessThanOrEqual(loan.principalFen);
    }
    expect([...seen].sort()).toEqual(['M0', 'M1', 'M2', 'M3', 'M4+']);
  });

  it('gives the same data for the same seed', () => {
    const a = syntheticBorrower(new Dice(randomSource(7)), places);
    const b = syntheticBorrower(new Dice(randomSource(7)), places);
    expect(a).toEqual(b);
  });

  it('lists month ends oldest first, ending with the as-of month', () => {
    expect(monthEnds('2026-06-30', 3)).toEqual(['2026-04-30', '2026-05-31', '2026-06-30']);
    expect(monthEnds('2024-03-31', 2)).toEqual(['2024-02-29', '2024-03-31']);
  });
});
