// The system's file dialogs (GTK's, through Tauri's dialog plugin). The end-to-end tests cannot
// drive a GTK dialog, so they queue the paths a person would pick on `window.__michiDialogAnswers`;
// each dialog takes the next one instead of opening. Nothing else ever sets it.

import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";

type Answers = { __michiDialogAnswers?: (string | null)[] };

function queued(): { answer: string | null } | null {
  const answers = (window as unknown as Answers).__michiDialogAnswers;
  return answers && answers.length > 0 ? { answer: answers.shift() ?? null } : null;
}

export async function save(options: Parameters<typeof saveDialog>[0]): Promise<string | null> {
  const q = queued();
  return q ? q.answer : saveDialog(options);
}

export async function open(options: Parameters<typeof openDialog>[0]): Promise<string | string[] | null> {
  const q = queued();
  return q ? q.answer : openDialog(options);
}
