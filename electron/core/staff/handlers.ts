import type { staffChannels } from '../../shared/channels/staff';
import type { FeatureHandlers } from '../app/handler-types';
import { sheetOf } from '../imports/sheet';
import { importStaff } from './import-staff';
import {
  addCertificate,
  addLeave,
  createStaff,
  listStaff,
  removeLeave,
  updateStaff,
} from './staff';

export const staffHandlers: FeatureHandlers<typeof staffChannels> = {
  'staff:list': (input, { app }) => listStaff(app, input?.includeInactive ?? false),
  'staff:create': (input, { app }) => createStaff(app, input),
  'staff:update': (input, { app }) => updateStaff(app, input),
  'staff:addCertificate': (input, { app }) => addCertificate(app, input),
  'staff:addLeave': (input, { app }) => addLeave(app, input),
  'staff:removeLeave': (input, { app }) => removeLeave(app, input),
  'staff:import': (input, { app }) => importStaff(app, sheetOf(input), input.mode),
};
