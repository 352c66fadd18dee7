// Rust's f64 fields arrive typed `number | null` (JSON has no NaN; Michi never sends one). These
// give the canvas plain numbers.

import type { Bounds, Point } from "../bindings";

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface XY {
  x: number;
  y: number;
}

export function rect(b: Bounds): Rect {
  return { x: b.x ?? 0, y: b.y ?? 0, width: b.width ?? 0, height: b.height ?? 0 };
}

export function xy(p: Point): XY {
  return { x: p.x ?? 0, y: p.y ?? 0 };
}
