import type { Kysely } from 'kysely';
import type { Role } from '../../shared/roles';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { settleWaitingNames } from '../imports/resolve-officer';
import { parseDate, parseMobile } from '../imports/values';
import { readSheet, RollBack, type ImportError, type ImportMode } from '../imports/sheet';
import { insertStaff, loadStaff, saveCertificate } from './staff';

/**
 * The staff list import: 工号/staff_no, 姓名/name, 角色/role, 手机号/mobile,
 * 资格证书编号/certificate_no, 证书到期日/certificate_expires. Upserts by staff number; a
 * certificate number with its expiry adds (or renews) the collection-qualification certificate.
 */

type StaffField = 'staffNo' | 'name' | 'role' | 'mobile' | 'certificateNo' | 'certificateExpires';

const headers: Record<StaffField, readonly string[]> = {
  staffNo: ['工号', 'staff_no', '员工编号', '员工工号'],
  name: ['姓名', 'name', '员工姓名'],
  role: ['角色', 'role', '岗位'],
  mobile: ['手机号', 'mobile', '手机', '手机号码', 'phone'],
  certificateNo: ['资格证书编号', 'certificate_no', '证书编号'],
  certificateExpires: ['证书到期日', 'certificate_expires', '证书有效期至', '到期日'],
};

const roleWords: Record<string, Role> = {
  经理: 'manager',
  网点经理: 'manager',
  manager: 'manager',
  催收员: 'officer',
  催收专员: 'officer',
  officer: 'officer',
  'collection officer': 'officer',
  柜员: 'clerk',
  clerk: 'clerk',
  稽核: 'auditor',
  稽核员: 'auditor',
  auditor: 'auditor',
};

export interface StaffImportResult {
  created: number;
  updated: number;
  /**
   * Cases imported earlier under an officer name nobody had, now assigned because the name
   * is on the staff list (resolve-officer.ts settleWaitingNames).
   */
  casesAssigned: number;
  rejected: number;
  errors: ImportError[];
}

interface StaffLine {
  line: number;
  staffNo: string;
  name: string;
  role: Role | null;
  mobile: string | null;
  certificate: { number: string; expiresOn: string } | null;
}

function parseLine(
  row: Awaited<ReturnType<typeof readSheet<StaffField>>>[number],
): StaffLine | ImportError[] {
  const errors: ImportError[] = [];
  const fail = (rule: string, reason: string, reasonEn: string) =>
    errors.push({ line: row.line, rule, reason, reasonEn });
  const staffNo = row.text('staffNo');
  if (!/^[A-Za-z0-9-]{1,20}$/.test(staffNo))
    fail('FORMAT', '工号格式不正确', 'Staff number is not valid');
  const name = row.text('name');
  if (name === '' || name.length > 50)
    fail('FORMAT', '姓名为空或过长', 'Name is empty or too long');
  const roleText = row.text('role').toLowerCase();
  const role = roleText === '' ? null : (roleWords[roleText] ?? null);
  if (roleText !== '' && !role)
    fail('FORMAT', `未知角色“${row.text('role')}”`, `Unknown role "${row.text('role')}"`);
  let mobile: string | null = null;
  if (row.text('mobile') !== '') {
    const parsed = parseMobile(row.cell('mobile'));
    if (parsed.ok) mobile = parsed.value;
    else fail('FORMAT', '手机号格式不正确', 'Mobile number is not valid');
  }
  let certificate: StaffLine['certificate'] = null;
  const number = row.text('certificateNo');
  const hasExpiry = row.text('certificateExpires') !== '';
  if (number !== '' || hasExpiry) {
    const expires = parseDate(row.cell('certificateExpires'));
    if (number === '' || number.length > 50)
      fail('FORMAT', '缺少证书编号', 'Certificate number missing');
    else if (!expires.ok)
      fail('FORMAT', '证书到期日格式不正确', 'Certificate expiry date is not valid');
    else certificate = { number, expiresOn: expires.value };
  }
  if (errors.length > 0) return errors;
  return { line: row.line, staffNo, name, role, mobile, certificate };
}

async function upsert(
  app: Visitdesk,
  tx: Kysely<DB>,
  line: StaffLine,
): Promise<'created' | 'updated' | ImportError> {
  const existing = await tx
    .selectFrom('staff')
    .select(['id', 'role'])
    .where('staff_no', '=', line.staffNo)
    .executeTakeFirst();
  let staffId: number;
  if (!existing) {
    if (!line.role) {
      return {
        line: line.line,
        rule: 'FORMAT',
        reason: '新员工须填写角色',
        reasonEn: 'A new staff member needs a role',
      };
    }
    staffId = await insertStaff(tx, app.now(), {
      staffNo: line.staffNo,
      name: line.name,
      role: line.role,
      phone: line.mobile ?? '',
      active: true,
    });
    await app.record(tx, {
      action: 'staff.create',
      entity: 'staff',
      entityId: staffId,
      after: { ...line, import: true },
    });
  } else {
    staffId = existing.id;
    if (staffId === app.session?.staffId && line.role && line.role !== existing.role) {
      return {
        line: line.line,
        rule: 'CONFLICT',
        reason: '不能通过导入更改自己的角色',
        reasonEn: 'An import cannot change your own role',
      };
    }
    const before = await loadStaff(tx, app.now(), staffId);
    await tx
      .updateTable('staff')
      .set({
        name: line.name,
        ...(line.role ? { role: line.role } : {}),
        ...(line.mobile ? { phone: line.mobile } : {}),
        updated_at: app.now().toISOString(),
      })
      .where('id', '=', staffId)
      .execute();
    await app.record(tx, {
      action: 'staff.update',
      entity: 'staff',
      entityId: staffId,
      before,
      after: { ...line, import: true },
    });
  }
  if (line.certificate) {
    await saveCertificate(app, tx, {
      staffId,
      kind: 'qualification',
      number: line.certificate.number,
      issuedOn: null,
      expiresOn: line.certificate.expiresOn,
    });
  }
  return existing ? 'updated' : 'created';
}

export async function importStaff(
  app: Visitdesk,
  file: { name: string; bytes: Uint8Array },
  mode: ImportMode = 'all-or-nothing',
): Promise<StaffImportResult> {
  const rows = await readSheet(file.name, file.bytes, headers, ['staffNo', 'name']);
  const result: StaffImportResult = {
    created: 0,
    updated: 0,
    casesAssigned: 0,
    rejected: 0,
    errors: [],
  };
  const seen = new Set<string>();
  // The file is read before the write: a SQLite write awaits nothing but the database.
  const work = app.write(async (tx) => {
    for (const row of rows) {
      if (row.blank) continue;
      const parsed = parseLine(row);
      let outcome: Awaited<ReturnType<typeof upsert>> | ImportError[];
      if (Array.isArray(parsed)) outcome = parsed;
      else if (seen.has(parsed.staffNo)) {
        outcome = {
          line: row.line,
          rule: 'DUPLICATE',
          reason: '工号在文件中重复',
          reasonEn: 'Staff number repeated in the file',
        };
      } else {
        seen.add(parsed.staffNo);
        outcome = await upsert(app, tx, parsed);
      }
      if (outcome === 'created' || outcome === 'updated') result[outcome] += 1;
      else {
        result.rejected += 1;
        result.errors.push(...(Array.isArray(outcome) ? outcome : [outcome]));
      }
    }
    if (mode === 'all-or-nothing' && result.rejected > 0) throw new RollBack();
    // A branch that imported its cases before its staff: the names now on the list get them.
    if (result.created + result.updated > 0)
      result.casesAssigned = (await settleWaitingNames(app, tx)).assigned;
  });
  try {
    await work;
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    return { ...result, created: 0, updated: 0 };
  }
  return result;
}
