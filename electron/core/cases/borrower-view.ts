import { ageOn } from '../../shared/idcard';
import { maskNullablePhone, maskPhone, maskResidentId } from '../../shared/mask';
import {
  borrowerFormFields,
  type BorrowerFormField,
  type BorrowerView,
} from '../../shared/schemas/cases';
import { contentVersion } from '../app/versions';
import { readFlag } from '../db/columns';
import type { BorrowerRow } from './repo';
import { householdMembersColumn, otherPhonesColumn } from './tables';

/**
 * The borrower as the case page and its edit form read it, with its optimistic version
 * (issue 20). cases:get and cases:update both build it here from the row, so the version a
 * form was opened on and the one a save is checked against come from one function over the
 * same fields. The row is alike on both engines by the time it gets here: bigint and
 * timestamps are read as numbers and ISO text (db/postgres/types.ts), flags go through
 * readFlag, JSON columns are read as text through their codecs, and the digest's canonical
 * JSON sorts object keys.
 */

type BorrowerFacts = Omit<BorrowerView, 'version'>;

/** The version of a borrower as read: a digest of what the edit form shows and saves. */
function borrowerVersion(view: BorrowerFacts): string {
  const fields: Partial<Record<BorrowerFormField, unknown>> = {};
  for (const field of borrowerFormFields) fields[field] = view[field];
  return contentVersion(fields);
}

/** The borrower's row as the case page gives it, ages counted on `asOf`. */
export function borrowerViewOf(row: NonNullable<BorrowerRow>, asOf: string): BorrowerView {
  const view: BorrowerFacts = {
    id: row.id,
    name: row.name,
    idNumberMasked: maskResidentId(row.id_number),
    birthDate: row.birth_date,
    sex: row.sex,
    age: ageOn(row.birth_date, asOf),
    mobileMasked: maskNullablePhone(row.mobile),
    otherPhonesMasked: otherPhonesColumn.read(row.other_phones).map(maskPhone),
    province: row.province,
    provinceCode: row.province_code,
    city: row.city,
    cityCode: row.city_code,
    county: row.county,
    countyCode: row.county_code,
    township: row.township,
    townshipCode: row.township_code,
    village: row.village,
    villageCode: row.village_code,
    addressDetail: row.address_detail,
    occupation: row.occupation,
    householdSize: row.household_size,
    dependents: row.dependents,
    householdMembers: householdMembersColumn.read(row.household_members),
    preferredContactTimes: row.preferred_contact_times,
    vulnerable: {
      elderly: readFlag(row.vulnerable_elderly),
      ill: readFlag(row.vulnerable_ill),
      disabled: readFlag(row.vulnerable_disabled),
      disaster: readFlag(row.vulnerable_disaster),
    },
    vulnerabilityNotes: row.vulnerability_notes,
    officerId: row.assigned_officer_id,
    status: row.status,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  return { ...view, version: borrowerVersion(view) };
}
