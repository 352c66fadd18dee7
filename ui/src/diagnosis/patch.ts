// The diagnosis as Rust sends it (`DiagnosisSent`): whole, or what changed from the one this front
// end holds (`DiagnosisPatch`, made by `michi_core::diagnose::patch::diagnosis_patch`; its
// `apply_patch` is the reference). Findings that did not change keep their objects, so what is
// drawn from them is not drawn again.

import type { Diagnosis, DiagnosisPatch, DiagnosisSent, WorkspaceState } from "../bindings";

/** `old` with `patch` applied; null when the patch does not fit it. */
export function applyDiagnosisPatch(old: Diagnosis, patch: DiagnosisPatch): Diagnosis | null {
  if (patch.removed.length === 0 && patch.added.length === 0) {
    const same = (["error", "warning", "info"] as const).every((s) => old.counts[s] === patch.counts[s]) && JSON.stringify(old.config) === JSON.stringify(patch.config);
    return same ? old : { findings: old.findings, counts: patch.counts, config: patch.config };
  }
  const removed = new Set(patch.removed);
  if (patch.removed.some((i) => i >= old.findings.length)) return null;
  const kept = old.findings.filter((_, i) => !removed.has(i));
  const findings = [];
  let k = 0;
  let a = 0;
  while (k < kept.length || a < patch.added.length) {
    const next = patch.added[a];
    if (next && next.at === findings.length) {
      findings.push(next.finding);
      a++;
    } else if (k < kept.length) {
      findings.push(kept[k++]!);
    } else {
      return null; // an addition past the end
    }
  }
  return { findings, counts: patch.counts, config: patch.config };
}

/** The workspace's state as the UI holds it: the diagnosis whole, with the stamp Rust gave it. */
export type HeldState = Omit<WorkspaceState, "diagnosis"> & { diagnosis: Diagnosis; diagnosisStamp: number };

/** The state Rust sent, with its diagnosis made whole from the one held; null when a patch does
 * not fit what is held (the whole diagnosis is then to be asked for). */
export function heldState(state: WorkspaceState, held: HeldState | null): HeldState | null {
  const sent: DiagnosisSent = state.diagnosis;
  if (sent.type === "whole") return { ...state, diagnosis: sent.diagnosis, diagnosisStamp: sent.stamp };
  if (!held || held.diagnosisStamp !== sent.base) return null;
  const diagnosis = applyDiagnosisPatch(held.diagnosis, sent.patch);
  return diagnosis && { ...state, diagnosis, diagnosisStamp: sent.stamp };
}
