import type { ImportPreview, ImportResult } from '../../shared/schemas/imports';
import type { BackupResult } from '../backup/backup';
import type { ImportCasesArgs, PreviewCasesArgs } from '../imports/task-args';

// What each worker task takes and gives, apart from the tasks themselves (tasks.ts), which
// reach the features' code: the app object and the runner name tasks through this file only,
// so no feature that takes the app object is ever on their import path. tasks.ts is checked
// against it.

export interface TaskTypes {
  quickCheck: { args: Record<string, never>; result: { problems: string[] } };
  backup: { args: { out: string; keysFile: string }; result: BackupResult };
  importCases: { args: ImportCasesArgs; result: ImportResult };
  previewCases: { args: PreviewCasesArgs; result: ImportPreview };
}

export type TaskName = keyof TaskTypes;
export type TaskArgs<T extends TaskName> = TaskTypes[T]['args'];
export type TaskResult<T extends TaskName> = TaskTypes[T]['result'];

export type Progress = (done: number, total: number, note?: string) => void;
