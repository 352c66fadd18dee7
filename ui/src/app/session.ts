// The UI's state and the only path by which it changes. Framework-free: React subscribes through
// useSession; tests drive it with mocked IPC.
//
// Every change to the workspace is a command to Rust. Mutations are queued one after another, so
// edits reach Rust in the order the user made them; after each one the views on screen are read
// again from Rust (the outline, the open journey map). The UI never edits its copy of the model.

import { commands, type AppError, type Edit, type ElementId, type JourneyMap, type Lane, type Outline } from "../bindings";
import type { RecentFile, ViewId, WorkspaceState } from "../bindings";
import { type Selection, findElement } from "../journey/model";
import { call, toAppError } from "./api";

/** What is being typed into: an element's text, or a card or stage not created yet. */
export type Editing =
  | { kind: "element"; id: ElementId; stage: ElementId | null }
  | { kind: "newCard"; stage: ElementId; lane: Lane }
  | { kind: "newStage" };

export type SaveStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "failed" };

export interface SessionState {
  workspace: WorkspaceState | null;
  outline: Outline | null;
  view: ViewId | null;
  map: JourneyMap | null;
  selection: Selection | null;
  editing: Editing | null;
  save: SaveStatus;
  error: AppError | null;
  recent: RecentFile[];
  /** A file is being opened or created. */
  opening: boolean;
}

const INITIAL: SessionState = {
  workspace: null,
  outline: null,
  view: null,
  map: null,
  selection: null,
  editing: null,
  save: { kind: "idle" },
  error: null,
  recent: [],
  opening: false,
};

export class Session {
  private state: SessionState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<SessionState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Runs `task` after every task queued before it. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  showError(e: unknown) {
    this.set({ error: toAppError(e) });
  }

  dismissError() {
    this.set({ error: null });
  }

  async loadRecent() {
    try {
      this.set({ recent: await call(commands.recentFiles()) });
    } catch (e) {
      this.showError(e);
    }
  }

  async forgetRecent(path: string) {
    await call(commands.forgetRecentFile(path)).catch((e) => this.showError(e));
    await this.loadRecent();
  }

  /** Opens a workspace file; on failure the current one stays open and the error is shown. */
  open(path: string): Promise<boolean> {
    return this.enqueue(() => this.install(() => call(commands.openWorkspace(path))));
  }

  create(path: string, withSample: boolean, replace: boolean): Promise<boolean> {
    return this.enqueue(() => this.install(() => call(commands.newWorkspace(path, withSample, replace))));
  }

  close(): Promise<void> {
    return this.enqueue(async () => {
      await call(commands.closeWorkspace()).catch((e) => this.showError(e));
      this.set({ ...INITIAL, recent: this.state.recent });
      await this.loadRecent();
    });
  }

  private async install(opening: () => Promise<WorkspaceState>): Promise<boolean> {
    this.set({ opening: true });
    try {
      const workspace = await opening();
      const outline = await call(commands.outline());
      const view = outline.journeys.find((j) => j.view)?.view ?? null;
      const map = view ? await call(commands.journeyMap(view)) : null;
      this.set({ workspace, outline, view, map, selection: null, editing: null, save: { kind: "idle" }, error: null });
      await this.loadRecent();
      return true;
    } catch (e) {
      this.showError(e);
      await this.loadRecent();
      return false;
    } finally {
      this.set({ opening: false });
    }
  }

  /** Shows another journey map. */
  showView(view: ViewId): Promise<void> {
    return this.enqueue(async () => {
      try {
        const map = await call(commands.journeyMap(view));
        this.set({ view, map, selection: null, editing: null });
      } catch (e) {
        this.showError(e);
      }
    });
  }

  select(selection: Selection | null) {
    this.set({ selection });
  }

  startEditing(editing: Editing) {
    this.set({ editing });
  }

  stopEditing() {
    this.set({ editing: null });
  }

  /** Applies an edit; resolves to the ids it created, or null if it failed (the error is shown). */
  edit(edit: Edit): Promise<ElementId[] | null> {
    return this.mutate(async () => {
      const result = await call(commands.edit(edit));
      return { workspace: result.state, value: result.created };
    });
  }

  undo(): Promise<unknown> {
    if (!this.state.workspace?.undo) return Promise.resolve(null);
    return this.mutate(async () => ({ workspace: await call(commands.undo()), value: true }));
  }

  redo(): Promise<unknown> {
    if (!this.state.workspace?.redo) return Promise.resolve(null);
    return this.mutate(async () => ({ workspace: await call(commands.redo()), value: true }));
  }

  private mutate<T>(run: () => Promise<{ workspace: WorkspaceState; value: T }>): Promise<T | null> {
    return this.enqueue(async () => {
      if (!this.state.workspace) return null;
      this.set({ save: { kind: "saving" } });
      try {
        const { workspace, value } = await run();
        // The edit is on disk now; what follows only redraws.
        this.set({ workspace, save: { kind: "saved", at: new Date() } });
        await this.refresh();
        return value;
      } catch (e) {
        const error = toAppError(e);
        const save: SaveStatus = error.code === "writeFailed" ? { kind: "failed" } : this.lastSave();
        this.set({ error, save });
        await this.refresh().catch(() => undefined);
        return null;
      }
    });
  }

  private lastSave(): SaveStatus {
    const s = this.state.save;
    return s.kind === "saving" ? { kind: "idle" } : s;
  }

  /** Reads the outline and the open map again; keeps the view and the selection if they still exist. */
  private async refresh() {
    const outline = await call(commands.outline());
    const views = outline.journeys.flatMap((j) => (j.view ? [j.view] : []));
    const view = this.state.view && views.includes(this.state.view) ? this.state.view : (views[0] ?? null);
    const map = view ? await call(commands.journeyMap(view)) : null;
    const selection =
      this.state.selection && findElement(map, outline, this.state.selection.id) ? this.state.selection : null;
    this.set({ outline, view, map, selection });
  }
}
