// The palette: a small, "mild" set of shapes a workshop understands. Each item is the data of the
// element it places; Rust gives it its size, pool and lane.

import type { TFunction } from "i18next";

import type { ElementData, NewPool, Side } from "../bindings";

export interface PaletteItem {
  key: string;
  data: (t: TFunction) => ElementData;
}

export const PALETTE: PaletteItem[] = [
  { key: "activity", data: () => ({ kind: "activity", name: "", type: "task" }) },
  { key: "start", data: () => ({ kind: "event", name: "", position: "start" }) },
  { key: "intermediate", data: () => ({ kind: "event", name: "", position: "intermediateThrow" }) },
  { key: "end", data: () => ({ kind: "event", name: "", position: "end" }) },
  { key: "decision", data: () => ({ kind: "gateway", name: "", type: "exclusive" }) },
  { key: "parallel", data: () => ({ kind: "gateway", name: "", type: "parallel" }) },
  { key: "subProcess", data: () => ({ kind: "activity", name: "", type: "subProcess" }) },
  { key: "data", data: () => ({ kind: "dataObject", name: "" }) },
  { key: "system", data: () => ({ kind: "system", name: "" }) },
  { key: "note", data: () => ({ kind: "annotation", text: "" }) },
];

/** A pool with one lane, named for its side. */
export function newPool(t: TFunction, side: Side): NewPool {
  return { name: t(`process.newPool.${side}`), side, lanes: [t(`process.newLane.${side}`)] };
}

/** The pools a new process diagram starts with: the customer's and ours, with typical roles. */
export function startingPools(t: TFunction): NewPool[] {
  return [
    { name: t("process.newPool.customer"), side: "customer", lanes: [t("process.newLane.customer")] },
    { name: t("process.newPool.vendor"), side: "vendor", lanes: [t("process.newLane.sales"), t("process.newLane.cs")] },
  ];
}
