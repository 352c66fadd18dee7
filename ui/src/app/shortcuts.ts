// Keyboard shortcuts as data: which key does what. The handler in App applies the action.

import type { Direction } from "../journey/keyboard";
import { directionOf } from "../journey/keyboard";

export type Action =
  | { type: "undo" }
  | { type: "redo" }
  | { type: "new" }
  | { type: "open" }
  | { type: "saveAs" }
  | { type: "delete" }
  | { type: "escape" }
  | { type: "edit" }
  | { type: "copy" }
  | { type: "paste" }
  | { type: "duplicate" }
  | { type: "find" }
  | { type: "selectAll" }
  | { type: "problems" }
  | { type: "navigate"; direction: Direction }
  | { type: "move"; direction: Direction };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The action for a key press. In a text field, the field keeps its own keys (typing, text undo,
 * arrows); only the file shortcuts apply there.
 */
export function actionFor(e: KeyPress, inTextField: boolean): Action | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === "n") return { type: "new" };
    if (key === "o") return { type: "open" };
    if (key === "s" && e.shiftKey) return { type: "saveAs" };
    if (key === "f") return { type: "find" };
    if (key === "m" && e.shiftKey) return { type: "problems" };
    if (inTextField) return null;
    if (key === "c") return { type: "copy" };
    if (key === "v") return { type: "paste" };
    if (key === "d") return { type: "duplicate" };
    if (key === "a") return { type: "selectAll" };
    if (key === "z") return e.shiftKey ? { type: "redo" } : { type: "undo" };
    if (key === "y") return { type: "redo" };
    return null;
  }
  if (inTextField) return null;
  if (key === "Delete" || key === "Backspace") return { type: "delete" };
  if (key === "Escape") return { type: "escape" };
  if (key === "Enter" || key === "F2") return { type: "edit" };
  const direction = directionOf(key);
  if (direction) return e.altKey ? { type: "move", direction } : { type: "navigate", direction };
  return null;
}

export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}
