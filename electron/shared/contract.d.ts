import { z } from 'zod';
import type { Permission } from './roles';
/**
 * Who may call a channel: anyone (before sign-in), any signed-in staff, or a permission
 * from the role matrix.
 */
export type Access = 'public' | 'session' | Permission;
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
    input: I;
    output: O;
    access: Access;
}
/** The whole IPC contract: `domain:verb` → schemas and access. */
export declare const contract: {
    readonly 'app:state': ChannelSpec<z.ZodOptional<z.ZodObject<{}, z.core.$strict>>, z.ZodObject<{
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
    }, z.core.$strip>>;
    readonly 'app:setup': ChannelSpec<z.ZodObject<{
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
    }, z.core.$strip>, z.ZodObject<{
        recoveryKey: z.ZodString;
    }, z.core.$strip>>;
    readonly 'app:recover': ChannelSpec<z.ZodObject<{
        recoveryKey: z.ZodString;
        username: z.ZodString;
        passphrase: z.ZodString;
        confirm: z.ZodString;
    }, z.core.$strip>, z.ZodNull>;
    readonly 'app:restoreLatestBackup': ChannelSpec<z.ZodObject<{
        username: z.ZodString;
        passphrase: z.ZodString;
    }, z.core.$strip>, z.ZodObject<{
        file: z.ZodString;
        createdAt: z.ZodString;
        bytes: z.ZodNumber;
    }, z.core.$strip>>;
    readonly 'auth:signIn': ChannelSpec<z.ZodObject<{
        username: z.ZodString;
        passphrase: z.ZodString;
    }, z.core.$strip>, z.ZodObject<{
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
    readonly 'auth:signOut': ChannelSpec<z.ZodOptional<z.ZodObject<{}, z.core.$strict>>, z.ZodNull>;
    readonly 'auth:changePassphrase': ChannelSpec<z.ZodObject<{
        current: z.ZodString;
        next: z.ZodString;
        confirm: z.ZodString;
    }, z.core.$strip>, z.ZodNull>;
    readonly 'settings:get': ChannelSpec<z.ZodOptional<z.ZodObject<{}, z.core.$strict>>, z.ZodObject<{
        autoLockMinutes: z.ZodNumber;
    }, z.core.$strip>>;
    readonly 'settings:update': ChannelSpec<z.ZodObject<{
        autoLockMinutes: z.ZodNumber;
    }, z.core.$strip>, z.ZodObject<{
        autoLockMinutes: z.ZodNumber;
    }, z.core.$strip>>;
    readonly 'branch:get': ChannelSpec<z.ZodOptional<z.ZodObject<{}, z.core.$strict>>, z.ZodObject<{
        name: z.ZodString;
        code: z.ZodString;
        address: z.ZodString;
        phone: z.ZodString;
        complaintHotline: z.ZodString;
        timeZone: z.ZodString;
    }, z.core.$strip>>;
    readonly 'branch:update': ChannelSpec<z.ZodObject<{
        name: z.ZodString;
        code: z.ZodString;
        address: z.ZodString;
        phone: z.ZodString;
        complaintHotline: z.ZodString;
        timeZone: z.ZodDefault<z.ZodString>;
    }, z.core.$strip>, z.ZodObject<{
        name: z.ZodString;
        code: z.ZodString;
        address: z.ZodString;
        phone: z.ZodString;
        complaintHotline: z.ZodString;
        timeZone: z.ZodString;
    }, z.core.$strip>>;
    readonly 'backup:create': ChannelSpec<z.ZodOptional<z.ZodObject<{}, z.core.$strict>>, z.ZodObject<{
        file: z.ZodString;
        createdAt: z.ZodString;
        bytes: z.ZodNumber;
    }, z.core.$strip>>;
    readonly 'backup:list': ChannelSpec<z.ZodOptional<z.ZodObject<{}, z.core.$strict>>, z.ZodArray<z.ZodObject<{
        file: z.ZodString;
        createdAt: z.ZodString;
        bytes: z.ZodNumber;
    }, z.core.$strip>>>;
    readonly 'system:checkIntegrity': ChannelSpec<z.ZodOptional<z.ZodObject<{}, z.core.$strict>>, z.ZodObject<{
        ok: z.ZodBoolean;
        problems: z.ZodArray<z.ZodString>;
        auditOk: z.ZodBoolean;
        auditRows: z.ZodNumber;
        auditHead: z.ZodString;
        auditFirstBadId: z.ZodNullable<z.ZodNumber>;
    }, z.core.$strip>>;
};
export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
export declare const channelNames: Channel[];
/** Events main pushes to the renderer (progress of long work, lock). */
export declare const eventNames: readonly ["job:progress", "app:locked"];
export type EventName = (typeof eventNames)[number];
/** The shape the preload (and the E2E bridge) put on `window.visitdesk`. */
export type Bridge = {
    [C in Channel]: (input?: unknown) => Promise<unknown>;
} & {
    on: (event: EventName, listener: (payload: unknown) => void) => () => void;
};
