// The facilitator's side of a workshop: whether the panel is open, the running session's panel
// (URL, QR code, PIN, the room, the board) as Rust answers it, the projector view, and the note
// selected for the keyboard. Participants' changes arrive as the `workshop-activity` event, which
// redraws the panel (at most every 150 ms) and, for what they add to the model, the canvas.

import { listen } from "@tauri-apps/api/event";

import { commands, type Control, type Edit, type ElementId, type Panel, type StartWorkshop } from "../bindings";
import { call } from "../app/api";
import type { Session } from "../app/session";
import { Store } from "../app/store";

export interface WorkshopState {
  open: boolean;
  panel: Panel | null;
  addresses: string[];
  projector: boolean;
  /** The note the keyboard acts on. */
  note: ElementId | null;
}

const INITIAL: WorkshopState = { open: false, panel: null, addresses: [], projector: false, note: null };

export class WorkshopStore extends Store<WorkshopState> {
  private unlisten: (() => void) | null = null;
  private pending: number | null = null;

  constructor(private readonly session: Session) {
    super(INITIAL);
  }

  reset() {
    this.set(INITIAL);
  }

  /** Listens for participants (once per window). */
  async attach() {
    if (this.unlisten) return;
    this.unlisten = await listen("workshop-activity", () => this.soon());
  }

  detach() {
    this.unlisten?.();
    this.unlisten = null;
  }

  private soon() {
    if (this.pending !== null) return;
    this.pending = window.setTimeout(() => {
      this.pending = null;
      // The panel, and the workspace: participants' steps are in the undo history too.
      void this.refresh();
      void this.session.refresh();
    }, 150);
  }

  async toggle() {
    const open = !this.getState().open;
    this.set({ open });
    if (open) {
      const [addresses, panel] = await Promise.all([
        commands.workshopAddresses().catch(() => [] as string[]),
        call(commands.workshopPanel()).catch(() => null),
      ]);
      this.set({ addresses, panel });
    }
  }

  async refresh() {
    try {
      this.set({ panel: await call(commands.workshopPanel()) });
    } catch (e) {
      this.session.showError(e);
    }
  }

  async start(request: StartWorkshop) {
    try {
      this.set({ panel: await call(commands.startWorkshop(request)) });
      // The workshop may be new: the outline and the undo menu learn of it.
      await this.session.refresh();
    } catch (e) {
      this.session.showError(e);
    }
  }

  async stop() {
    await commands.stopWorkshop().catch((e: unknown) => this.session.showError(e));
    this.set({ panel: null, projector: false, note: null });
  }

  async control(control: Control) {
    try {
      this.set({ panel: await call(commands.workshopControl(control)) });
    } catch (e) {
      this.session.showError(e);
    }
  }

  /** A facilitator's edit (a note promoted, a vote closed…), through the session's queue. */
  async edit(edit: Edit): Promise<ElementId[] | null> {
    const created = await this.session.edit(edit);
    await this.refresh();
    return created;
  }

  setProjector(projector: boolean) {
    this.set({ projector });
  }

  selectNote(note: ElementId | null) {
    this.set({ note });
  }
}
