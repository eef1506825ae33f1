/**
 * Messages that cross the process boundary (validation and error codes), in both languages.
 * Schemas carry these keys as their messages; the renderer and the CLI translate them.
 */
export declare const messages: {
    readonly 'v.required': {
        readonly zh: "必填";
        readonly en: "Required";
    };
    readonly 'v.tooLong': {
        readonly zh: "内容过长";
        readonly en: "Too long";
    };
    readonly 'v.passphraseShort': {
        readonly zh: "口令至少 10 个字符";
        readonly en: "Passphrase must be at least 10 characters";
    };
    readonly 'v.passphraseMismatch': {
        readonly zh: "两次输入的口令不一致";
        readonly en: "The passphrases do not match";
    };
    readonly 'v.username': {
        readonly zh: "用户名为 3–32 位小写字母、数字、点、下划线或连字符";
        readonly en: "Username: 3–32 lowercase letters, digits, dot, underscore or hyphen";
    };
    readonly 'v.branchCode': {
        readonly zh: "机构代码为 2–20 位字母或数字";
        readonly en: "Branch code: 2–20 letters or digits";
    };
    readonly 'v.phone': {
        readonly zh: "电话号码格式不正确";
        readonly en: "Not a valid phone number";
    };
    readonly 'v.mobile': {
        readonly zh: "手机号应为 11 位数字，以 13–19 开头";
        readonly en: "Mobile: 11 digits starting with 13–19";
    };
    readonly 'v.idNumber': {
        readonly zh: "身份证号不正确（18 位，校验位不符或出生日期无效）";
        readonly en: "Not a valid resident ID (18 characters, check digit or birth date wrong)";
    };
    readonly 'v.timeZone': {
        readonly zh: "未知时区";
        readonly en: "Unknown time zone";
    };
    readonly 'v.date': {
        readonly zh: "日期格式应为 YYYY-MM-DD";
        readonly en: "Date must be YYYY-MM-DD";
    };
    readonly 'v.time': {
        readonly zh: "时间格式应为 HH:MM";
        readonly en: "Time must be HH:MM";
    };
    readonly 'v.amount': {
        readonly zh: "金额格式不正确";
        readonly en: "Not a valid amount";
    };
    readonly 'v.nonNegative': {
        readonly zh: "不能为负数";
        readonly en: "Must not be negative";
    };
    readonly 'v.minutes': {
        readonly zh: "应为 1–240 分钟";
        readonly en: "Must be 1–240 minutes";
    };
    readonly 'v.invalid': {
        readonly zh: "内容无效";
        readonly en: "Invalid value";
    };
    readonly 'e.VALIDATION': {
        readonly zh: "输入有误，请检查标出的字段";
        readonly en: "Please check the marked fields";
    };
    readonly 'e.UNAUTHENTICATED': {
        readonly zh: "请先登录";
        readonly en: "Please sign in first";
    };
    readonly 'e.FORBIDDEN': {
        readonly zh: "您的角色无权执行此操作";
        readonly en: "Your role may not do this";
    };
    readonly 'e.BAD_CREDENTIALS': {
        readonly zh: "用户名或口令不正确";
        readonly en: "Wrong user name or passphrase";
    };
    readonly 'e.THROTTLED': {
        readonly zh: "尝试次数过多，请稍后再试";
        readonly en: "Too many attempts; please wait and try again";
    };
    readonly 'e.NOT_FOUND': {
        readonly zh: "找不到该记录";
        readonly en: "Record not found";
    };
    readonly 'e.CONFLICT': {
        readonly zh: "记录已存在";
        readonly en: "The record already exists";
    };
    readonly 'e.ALREADY_SET_UP': {
        readonly zh: "本机已完成初始设置";
        readonly en: "This PC is already set up";
    };
    readonly 'e.NOT_SET_UP': {
        readonly zh: "尚未完成初始设置";
        readonly en: "Not set up yet";
    };
    readonly 'e.DB_NEWER_THAN_APP': {
        readonly zh: "数据库由更新版本的 Visitdesk 创建，请升级本软件";
        readonly en: "The database was written by a newer Visitdesk; please update the app";
    };
    readonly 'e.DB_DAMAGED': {
        readonly zh: "数据库文件已损坏，可从最近的备份恢复";
        readonly en: "The database file is damaged; you can restore the newest backup";
    };
    readonly 'e.KEYSLOTS_DAMAGED': {
        readonly zh: "密钥文件缺失或损坏，请使用恢复密钥";
        readonly en: "The key file is missing or damaged; use the recovery key";
    };
    readonly 'e.WRONG_KEY': {
        readonly zh: "恢复密钥不正确";
        readonly en: "The recovery key is wrong";
    };
    readonly 'e.DISK_FULL': {
        readonly zh: "磁盘空间不足，未保存任何更改";
        readonly en: "Disk full; nothing was saved";
    };
    readonly 'e.READ_ONLY': {
        readonly zh: "数据文件夹只读，无法保存";
        readonly en: "The data folder is read-only; nothing can be saved";
    };
    readonly 'e.BUSY': {
        readonly zh: "数据库正被其他程序使用";
        readonly en: "Another program is using the database";
    };
    readonly 'e.RULE_VIOLATION': {
        readonly zh: "违反合规规则";
        readonly en: "Breaks a compliance rule";
    };
    readonly 'e.CANCELLED': {
        readonly zh: "已取消，未做任何更改";
        readonly en: "Cancelled; nothing was changed";
    };
    readonly 'e.UNTRUSTED_SENDER': {
        readonly zh: "请求来源不受信任";
        readonly en: "Untrusted sender";
    };
    readonly 'e.UNKNOWN_CHANNEL': {
        readonly zh: "未知请求";
        readonly en: "Unknown request";
    };
    readonly 'e.INTERNAL': {
        readonly zh: "发生内部错误，未保存任何更改";
        readonly en: "Internal error; nothing was saved";
    };
};
export type MessageKey = keyof typeof messages;
export type Lang = 'zh' | 'en';
export declare function translate(keyOrText: string, lang: Lang): string;
