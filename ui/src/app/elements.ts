// What the UI reads off any element's properties, whatever its kind.

import type { ElementData } from "../bindings";

/** What a person reads to recognise an element: its name, its text, or its term. */
export function labelOf(data: ElementData): string {
  // A skill of the capability model is named in both languages; Rust's label is the Japanese.
  if (data.kind === "skill") return data.name?.ja ?? "";
  if ("name" in data) return data.name ?? "";
  if ("text" in data) return data.text ?? "";
  if ("term" in data) return data.term ?? "";
  return "";
}

/** The same properties with another label (unchanged for kinds without one, such as associations). */
export function withLabel(data: ElementData, label: string): ElementData {
  if (data.kind === "skill") return { ...data, name: { en: data.name?.en ?? label, ja: label } };
  if ("name" in data) return { ...data, name: label };
  if ("text" in data) return { ...data, text: label };
  if ("term" in data) return { ...data, term: label };
  return data;
}
