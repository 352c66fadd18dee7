// File dialogs. Picking a path is the UI's job; creating and opening files is Rust's.

import { open, save } from "@tauri-apps/plugin-dialog";
import type { TFunction } from "i18next";

import type { Session } from "./session";

const EXTENSION = "michi";

function withExtension(path: string): string {
  return path.toLowerCase().endsWith(`.${EXTENSION}`) ? path : `${path}.${EXTENSION}`;
}

export async function openWithDialog(session: Session, t: TFunction) {
  try {
    const path = await open({ multiple: false, directory: false, filters: [{ name: t("dialog.filterName"), extensions: [EXTENSION] }] });
    if (typeof path === "string") await session.open(path);
  } catch (e) {
    session.showError(e);
  }
}

/** Asks where to create a workspace, then creates it (empty, or with the sample journeys). */
export async function createWithDialog(session: Session, t: TFunction, withSample: boolean) {
  try {
    const name = withSample ? t("welcome.sampleName") : t("welcome.untitled");
    const chosen = await save({ defaultPath: `${name}.${EXTENSION}`, filters: [{ name: t("dialog.filterName"), extensions: [EXTENSION] }] });
    if (!chosen) return;
    const path = withExtension(chosen);
    // The dialog asked before overwriting the exact path chosen; a path we extended was not asked about.
    await session.create(path, withSample, path === chosen);
  } catch (e) {
    session.showError(e);
  }
}
