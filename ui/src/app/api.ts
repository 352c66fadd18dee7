// The one place that turns command results into values or typed errors. Every call to Rust goes
// through `call`, so the rest of the UI deals with `CommandError { error: AppError }` only.

import type { AppError } from "../bindings";

/** What a generated command resolves to (tauri-specta's "result" error handling). */
export type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

export class CommandError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = "CommandError";
  }
}

function isAppError(value: unknown): value is AppError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/** An AppError for any failure: a command's own, or one from outside Michi's commands. */
export function toAppError(e: unknown): AppError {
  if (e instanceof CommandError) return e.error;
  if (isAppError(e)) return e;
  return { code: "unexpected", message: e instanceof Error ? e.message : String(e), path: null, reason: null, problems: [], moreProblems: 0 };
}

/** Marks the latest answer's arrival (`michi-answered`): `npm run bench` splits an edit's round trip
 * there (scripts/bench-canvas.mjs). */
function answered() {
  performance.clearMarks("michi-answered");
  performance.mark("michi-answered");
}

export async function call<T>(pending: Promise<CommandResult<T>>): Promise<T> {
  const result = await pending;
  answered();
  if (result.status === "ok") return result.data;
  // Framework-level failures (an unknown command, an ACL denial) arrive as plain strings.
  throw new CommandError(toAppError(result.error));
}
