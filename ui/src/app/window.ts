import { getCurrentWindow } from "@tauri-apps/api/window";

/** Sets the window title; outside Tauri (tests) there is no window, which is fine. */
export function setWindowTitle(title: string) {
  document.title = title;
  try {
    getCurrentWindow().setTitle(title).catch(() => undefined);
  } catch {
    // No Tauri window.
  }
}
