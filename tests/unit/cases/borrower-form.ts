import type { z } from 'zod';
import type { updateBorrowerInput, BorrowerView } from '../../../electron/shared/schemas/cases';

/**
 * What the borrower edit form (BorrowerDialog) sends for the borrower it was opened on: every
 * plain field as read, the resident ID and phones left out (unchanged) unless typed, and no
 * version (the test adds the one it means).
 */
export function editFormOf(view: BorrowerView): z.input<typeof updateBorrowerInput> {
  return {
    id: view.id,
    name: view.name,
    province: view.province,
    provinceCode: view.provinceCode,
    city: view.city,
    cityCode: view.cityCode,
    county: view.county,
    countyCode: view.countyCode,
    township: view.township,
    townshipCode: view.townshipCode,
    village: view.village,
    villageCode: view.villageCode,
    addressDetail: view.addressDetail,
    occupation: view.occupation,
    householdSize: view.householdSize,
    dependents: view.dependents,
    householdMembers: view.householdMembers,
    preferredContactTimes: view.preferredContactTimes,
    vulnerable: view.vulnerable,
    vulnerabilityNotes: view.vulnerabilityNotes,
    officerId: view.officerId,
    status: view.status,
  };
}
