import { z } from 'zod';
export declare const roleSchema: z.ZodEnum<{
    manager: "manager";
    officer: "officer";
    clerk: "clerk";
    auditor: "auditor";
}>;
export declare const branchInput: z.ZodObject<{
    name: z.ZodString;
    code: z.ZodString;
    address: z.ZodString;
    phone: z.ZodString;
    complaintHotline: z.ZodString;
    timeZone: z.ZodDefault<z.ZodString>;
}, z.core.$strip>;
export type BranchInput = z.input<typeof branchInput>;
export type Branch = z.output<typeof branchInput>;
export declare const setupInput: z.ZodObject<{
    branch: z.ZodObject<{
        name: z.ZodString;
        code: z.ZodString;
        address: z.ZodString;
        phone: z.ZodString;
        complaintHotline: z.ZodString;
        timeZone: z.ZodDefault<z.ZodString>;
    }, z.core.$strip>;
    manager: z.ZodObject<{
        name: z.ZodString;
        staffNo: z.ZodString;
        username: z.ZodString;
        passphrase: z.ZodString;
        confirm: z.ZodString;
    }, z.core.$strip>;
}, z.core.$strip>;
export type SetupInput = z.input<typeof setupInput>;
export declare const setupOutput: z.ZodObject<{
    recoveryKey: z.ZodString;
}, z.core.$strip>;
export declare const sessionSchema: z.ZodObject<{
    staffId: z.ZodNumber;
    username: z.ZodString;
    name: z.ZodString;
    staffNo: z.ZodString;
    role: z.ZodEnum<{
        manager: "manager";
        officer: "officer";
        clerk: "clerk";
        auditor: "auditor";
    }>;
}, z.core.$strip>;
export type Session = z.infer<typeof sessionSchema>;
export declare const settingsSchema: z.ZodObject<{
    autoLockMinutes: z.ZodNumber;
}, z.core.$strip>;
export type Settings = z.infer<typeof settingsSchema>;
export declare const appStateSchema: z.ZodObject<{
    phase: z.ZodEnum<{
        setup: "setup";
        locked: "locked";
        unlocked: "unlocked";
        damaged: "damaged";
    }>;
    branchName: z.ZodNullable<z.ZodString>;
    session: z.ZodNullable<z.ZodObject<{
        staffId: z.ZodNumber;
        username: z.ZodString;
        name: z.ZodString;
        staffNo: z.ZodString;
        role: z.ZodEnum<{
            manager: "manager";
            officer: "officer";
            clerk: "clerk";
            auditor: "auditor";
        }>;
    }, z.core.$strip>>;
    settings: z.ZodNullable<z.ZodObject<{
        autoLockMinutes: z.ZodNumber;
    }, z.core.$strip>>;
    problem: z.ZodNullable<z.ZodObject<{
        code: z.ZodString;
        message: z.ZodString;
        hasBackup: z.ZodBoolean;
    }, z.core.$strip>>;
    uncleanShutdown: z.ZodBoolean;
}, z.core.$strip>;
export type AppState = z.infer<typeof appStateSchema>;
export declare const signInInput: z.ZodObject<{
    username: z.ZodString;
    passphrase: z.ZodString;
}, z.core.$strip>;
export type SignInInput = z.input<typeof signInInput>;
export declare const changePassphraseInput: z.ZodObject<{
    current: z.ZodString;
    next: z.ZodString;
    confirm: z.ZodString;
}, z.core.$strip>;
export type ChangePassphraseInput = z.input<typeof changePassphraseInput>;
export declare const recoverInput: z.ZodObject<{
    recoveryKey: z.ZodString;
    username: z.ZodString;
    passphrase: z.ZodString;
    confirm: z.ZodString;
}, z.core.$strip>;
export type RecoverInput = z.input<typeof recoverInput>;
export declare const branchSchema: z.ZodObject<{
    name: z.ZodString;
    code: z.ZodString;
    address: z.ZodString;
    phone: z.ZodString;
    complaintHotline: z.ZodString;
    timeZone: z.ZodString;
}, z.core.$strip>;
export declare const backupInfo: z.ZodObject<{
    file: z.ZodString;
    createdAt: z.ZodString;
    bytes: z.ZodNumber;
}, z.core.$strip>;
export type BackupInfo = z.infer<typeof backupInfo>;
export declare const integrityReport: z.ZodObject<{
    ok: z.ZodBoolean;
    problems: z.ZodArray<z.ZodString>;
    auditOk: z.ZodBoolean;
    auditRows: z.ZodNumber;
    auditHead: z.ZodString;
    auditFirstBadId: z.ZodNullable<z.ZodNumber>;
}, z.core.$strip>;
export type IntegrityReport = z.infer<typeof integrityReport>;
export declare const emptyInput: z.ZodOptional<z.ZodObject<{}, z.core.$strict>>;
