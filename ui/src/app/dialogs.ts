// The system's file dialogs (GTK's, through Tauri's dialog plugin). The end-to-end tests cannot
// drive a GTK dialog, so they queue the paths a person would pick on `window.__michiDialogAnswers`;
// each dialog takes the next one instead of opening. Nothing else ever sets it.

import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";

type Answers = { __michiDialogAnswers?: (string | null)[] };

function queued(): { answer: string | null } | null {
  const answers = (window as unknown as Answers).__michiDialogAnswers;
  return answers && answers.length > 0 ? { answer: answers.shift() ?? null } : null;
}

/** The name a save dialog suggests is made from workspace and model names, which come from files
 * and team databases: it is made one file name in the folder the dialog opens on, never a path.
 * Separators, control characters and the characters file systems refuse become "_", a leading dot
 * too (no hidden file, no "..") and the name before the extension is cut to 80 characters. */
export function suggestedName(name: string): string {
  const dot = name.lastIndexOf(".");
  const [base, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  // eslint-disable-next-line no-control-regex
  const safe = (s: string) => s.replace(/[/\\\u0000-\u001f\u007f:*?"<>|]/g, "_");
  const cut = [...safe(base).trim()].slice(0, 80).join("").replace(/^\./, "_");
  return `${cut || "michi"}${safe(extension)}`;
}

export async function save(options: Parameters<typeof saveDialog>[0]): Promise<string | null> {
  const q = queued();
  if (q) return q.answer;
  const defaultPath = options?.defaultPath === undefined ? undefined : suggestedName(options.defaultPath);
  return saveDialog({ ...options, defaultPath });
}

export async function open(options: Parameters<typeof openDialog>[0]): Promise<string | string[] | null> {
  const q = queued();
  return q ? q.answer : openDialog(options);
}
