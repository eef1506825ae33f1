import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  jsonColumn,
  readFlag,
  stringListColumn,
  writeFlag,
} from '../../../electron/core/db/columns';
import { hardshipColumn, householdMembersColumn } from '../../../electron/core/cases/tables';
import { overrideCodesColumn } from '../../../electron/core/planning/tables';

describe('column codecs', () => {
  it('round-trips a flag, and a stored value other than 0 or 1 is an error, not false', () => {
    expect(writeFlag(true)).toBe(1);
    expect(writeFlag(false)).toBe(0);
    expect(readFlag(writeFlag(true))).toBe(true);
    expect(readFlag(writeFlag(false))).toBe(false);
    expect(() => readFlag(2)).toThrow(/stored flag holds 2, not 0 or 1/);
  });

  it('round-trips a JSON column through its schema', () => {
    const column = jsonColumn('t.c', z.object({ a: z.number(), b: z.array(z.string()) }));
    const value = { a: 1, b: ['x', 'y'] };
    expect(column.write(value)).toBe('{"a":1,"b":["x","y"]}');
    expect(column.read(column.write(value))).toEqual(value);
    const members = [{ name: '张三', relation: 'spouse', age: 61, note: '' }];
    expect(householdMembersColumn.read(householdMembersColumn.write(members))).toEqual(members);
    expect(hardshipColumn.read('["illness"]')).toEqual(['illness']);
    expect(stringListColumn('borrowers.other_phones').read('["13800138000"]')).toEqual([
      '13800138000',
    ]);
  });

  it('names the column when its text is not JSON', () => {
    expect(() => hardshipColumn.read('[illness')).toThrow(
      /assessments\.hardship does not hold JSON/,
    );
    expect(() => stringListColumn('borrowers.other_phones').read('')).toThrow(
      /borrowers\.other_phones does not hold JSON/,
    );
  });

  it('names the column and the place when the JSON has the wrong shape', () => {
    expect(() => overrideCodesColumn.read('["no_such_rule"]')).toThrow(
      /visits\.override_codes holds JSON of the wrong shape at 0/,
    );
    expect(() => householdMembersColumn.read('[{"name":"张三"}]')).toThrow(
      /borrowers\.household_members holds JSON of the wrong shape at 0\.relation/,
    );
    expect(() => stringListColumn('borrowers.other_phones').read('[1]')).toThrow(
      /borrowers\.other_phones holds JSON of the wrong shape/,
    );
  });
});
