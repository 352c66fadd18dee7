// The process-canvas screen: which diagram is open, the shapes selected, and what was copied.

import { type Clip, type DiagramPatch, type ElementId, type ProcessDiagram, type Screen, type ViewId, commands } from "../bindings";
import { call } from "../app/api";
import type { Session } from "../app/session";
import { Store } from "../app/store";
import type { Selection } from "../journey/model";
import { applyPatch } from "./patch";

export interface ProcessState {
  view: ViewId | null;
  diagram: ProcessDiagram | null;
  /** Rust's stamp of the diagram held (`Show.held`): the next answer may patch it. */
  stamp: number | null;
  /** Everything selected (the selection is its first, whose properties are shown). */
  selected: ElementId[];
  selection: Selection | null;
  clipboard: Clip | null;
}

const INITIAL: ProcessState = { view: null, diagram: null, stamp: null, selected: [], selection: null, clipboard: null };

export class ProcessStore extends Store<ProcessState> {
  constructor(private readonly session: Session) {
    super(INITIAL);
  }

  reset() {
    this.set({ ...INITIAL, clipboard: this.getState().clipboard });
  }

  screen(): Screen {
    const view = this.getState().view;
    return view ? { type: "processDiagram", view } : { type: "home" };
  }

  /** The stamp of the diagram held, when it is the one `screen` shows (Rust may answer with a patch). */
  held(screen: Screen): number | null {
    const { diagram, stamp } = this.getState();
    return screen.type === "processDiagram" && diagram?.view === screen.view ? stamp : null;
  }

  /** A diagram from Rust; the shapes still drawn stay selected. */
  receive(diagram: ProcessDiagram, stamp: number) {
    const selected = diagram.view === this.getState().view ? this.getState().selected : [];
    const still = selected.length === 0 ? selected : stillDrawn(diagram, selected);
    this.set({ diagram, stamp, view: diagram.view, selected: still, selection: still[0] ? { id: still[0], stage: null } : null });
  }

  /** What changed in the diagram held; false (nothing done) when it is not the one patched. */
  receivePatch(patch: DiagramPatch, base: number, stamp: number): boolean {
    const { diagram, stamp: held } = this.getState();
    if (!diagram || held !== base) return false;
    this.receive(applyPatch(diagram, patch), stamp);
    return true;
  }

  /** Shows a process diagram (a top-level one, or a sub-process's when drilling down). */
  open(view: ViewId): Promise<boolean> {
    this.set({ selected: [], selection: null });
    return this.session.navigate({ type: "processDiagram", view });
  }

  /** Selects shapes of the canvas (the first one's properties are shown). */
  selectShapes(ids: ElementId[]) {
    if (ids.length === 1 && this.session.evidence.getState().picking) {
      void this.session.evidence.picked(ids[0]!);
      return;
    }
    const { selected } = this.getState();
    if (ids.length === selected.length && ids.every((id, i) => id === selected[i])) return;
    this.set({ selected: ids, selection: ids[0] ? { id: ids[0], stage: null } : null });
  }

  /** Copies the selected shapes of the open diagram. */
  copy(): Promise<void> {
    return this.session.enqueue(async () => {
      const { view, selected } = this.getState();
      if (this.session.getState().mode !== "process" || !view || selected.length === 0) return;
      try {
        const clip = await call(commands.copyShapes(view, selected));
        if (clip.elements.length > 0) this.set({ clipboard: clip });
      } catch (e) {
        this.session.showError(e);
      }
    });
  }

  /** Pastes the clipboard into the open diagram with its top-left corner at `at`. */
  async paste(at: { x: number; y: number }): Promise<void> {
    const { view, clipboard } = this.getState();
    if (this.session.getState().mode !== "process" || !view || !clipboard) return;
    const created = await this.session.edit({ type: "paste", view, clip: clipboard, at });
    if (created) this.selectShapes(created.filter((id) => this.getState().diagram?.shapes.some((s) => s.element.id === id)));
  }
}

/** The ids of `selected` the diagram still draws (the same array when all are). */
function stillDrawn(diagram: ProcessDiagram, selected: ElementId[]): ElementId[] {
  const present = new Set([...diagram.shapes.map((s) => s.element.id), ...diagram.edges.map((e) => e.element.id)]);
  const kept = selected.filter((id) => present.has(id));
  return kept.length === selected.length ? selected : kept;
}
