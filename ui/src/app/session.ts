// The UI's state and the only path by which it changes. Framework-free: React subscribes through
// useSession; tests drive it with mocked IPC.
//
// Every change to the workspace is a command to Rust. Mutations are queued one after another, so
// edits reach Rust in the order the user made them; after each one the views on screen are read
// again from Rust (the outline, the open journey map). The UI never edits its copy of the model.

import { commands, type AppError, type Edit, type ElementId, type JourneyMap, type Lane, type Outline } from "../bindings";
import type { AccountPage, Clip, Glossary, HealthModelState, HealthTable, MetricsCatalog, OrgRecommendation, Playbook, ProcessDiagram, RecentFile, StateOverlay, TableQuery, ViewId, WorkspaceState } from "../bindings";
import { type Selection, findElement } from "../journey/model";
import { call, toAppError } from "./api";

/** What is being typed into: an element's text, or a card or stage not created yet. */
export type Editing =
  | { kind: "element"; id: ElementId; stage: ElementId | null }
  | { kind: "newCard"; stage: ElementId; lane: Lane }
  | { kind: "newStage" };

export type SaveStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "failed" };

/** What the main area shows: a journey map, a process diagram, or the glossary. */
export type Mode = "journey" | "process" | "glossary" | "outputs" | "health";

/** What the health view shows: the accounts table or plot, one account's page, or the model. */
export interface HealthState {
  tab: "accounts" | "map" | "model";
  query: TableQuery;
  table: HealthTable;
  /** The account whose page is open, if any. */
  account: AccountPage | null;
  model: HealthModelState;
}

/** What the outputs view shows: a journey's playbook or its metrics catalog, derived by Rust. */
export interface OutputsState {
  journey: ElementId;
  tab: "playbook" | "metrics" | "org";
  /** The playbook's segment variant on screen; null for the whole playbook. */
  segment: ElementId | null;
  playbook: Playbook;
  metrics: MetricsCatalog;
  org: OrgRecommendation;
}

/** The state layer laid over the canvas: a snapshot, maybe compared with an earlier one. */
export interface OverlayState {
  snapshot: ElementId;
  compare: ElementId | null;
  data: StateOverlay;
}

export interface SessionState {
  workspace: WorkspaceState | null;
  outline: Outline | null;
  mode: Mode;
  /** The open diagram (journey map or process diagram). */
  view: ViewId | null;
  map: JourneyMap | null;
  diagram: ProcessDiagram | null;
  glossary: Glossary | null;
  /** The derived outputs on screen (mode "outputs"). */
  outputs: OutputsState | null;
  /** Account health on screen (mode "health"). */
  health: HealthState | null;
  overlay: OverlayState | null;
  /** Hide the state layer, show the structure only. */
  structureOnly: boolean;
  selection: Selection | null;
  /** Everything selected on a process canvas (the selection is its first). */
  selected: ElementId[];
  clipboard: Clip | null;
  editing: Editing | null;
  save: SaveStatus;
  error: AppError | null;
  /** A message that is not an error (an export done, an import's notes). */
  notice: { text: string; details: string[] } | null;
  recent: RecentFile[];
  /** A file is being opened or created. */
  opening: boolean;
  /** The problems panel (the model diagnosis) is shown. */
  problemsOpen: boolean;
  /** The diagnosis settings dialog is shown. */
  settingsOpen: boolean;
  /** An element the canvas should bring into view (a finding or a usage was clicked); `seq` makes each request new. */
  focus: { id: ElementId; seq: number } | null;
}

const INITIAL: SessionState = {
  workspace: null,
  outline: null,
  mode: "journey",
  view: null,
  map: null,
  diagram: null,
  glossary: null,
  outputs: null,
  health: null,
  overlay: null,
  structureOnly: false,
  selection: null,
  selected: [],
  clipboard: null,
  editing: null,
  save: { kind: "idle" },
  error: null,
  notice: null,
  recent: [],
  opening: false,
  problemsOpen: false,
  settingsOpen: false,
  focus: null,
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

  showNotice(text: string, details: string[]) {
    this.set({ notice: { text, details } });
  }

  dismissNotice() {
    this.set({ notice: null });
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
      const journeyView = outline.journeys.find((j) => j.view)?.view ?? null;
      const map = journeyView ? await call(commands.journeyMap(journeyView)) : null;
      // A workspace without journeys (an imported BPMN file, say) opens on its first process diagram.
      const diagramView = journeyView ? null : (outline.diagrams[0]?.view ?? null);
      const diagram = diagramView ? await call(commands.processDiagram(diagramView)) : null;
      const glossary = await call(commands.glossary());
      this.set({
        workspace,
        outline,
        mode: diagram ? "process" : "journey",
        view: journeyView ?? diagramView,
        map,
        diagram,
        glossary,
        overlay: null,
        structureOnly: false,
        selection: null,
        selected: [],
        editing: null,
        save: { kind: "idle" },
        error: null,
      });
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
        this.set({ mode: "journey", view, map, diagram: null, selection: null, selected: [], editing: null });
      } catch (e) {
        this.showError(e);
      }
    });
  }

  /** Shows a process diagram (a top-level one, or a sub-process's when drilling down). */
  showDiagram(view: ViewId): Promise<void> {
    return this.enqueue(async () => {
      try {
        const diagram = await call(commands.processDiagram(view));
        this.set({ mode: "process", view, diagram, map: null, selection: null, selected: [], editing: null });
      } catch (e) {
        this.showError(e);
      }
    });
  }

  /** Shows a journey's playbook (the whole, or a segment's variant) or metrics catalog, derived now. */
  showOutputs(journey: ElementId, tab: OutputsState["tab"], segment?: ElementId | null): Promise<void> {
    return this.enqueue(async () => {
      try {
        const kept = this.state.outputs?.journey === journey ? this.state.outputs.segment : null;
        const outputs = await this.derive(journey, tab, segment === undefined ? kept : segment);
        this.set({ mode: "outputs", outputs, selection: null, selected: [], editing: null });
      } catch (e) {
        this.showError(e);
      }
    });
  }

  private async derive(journey: ElementId, tab: OutputsState["tab"], segment: ElementId | null): Promise<OutputsState> {
    const [whole, metrics, org] = await Promise.all([
      call(commands.derivePlaybook(journey, segment)),
      call(commands.deriveMetrics(journey)),
      call(commands.deriveOrg()),
    ]);
    // A variant whose segment is gone (deleted, or no card is for it any more) gives way to the whole.
    if (segment && !whole.variants.some((v) => v.id === segment)) return this.derive(journey, tab, null);
    return { journey, tab, segment, playbook: whole, metrics, org };
  }

  /** Shows account health: a tab, the table with `query` (kept from the last time when absent), an account's page. */
  showHealth(patch: { tab?: HealthState["tab"]; query?: Partial<TableQuery>; account?: string | null } = {}): Promise<void> {
    return this.enqueue(async () => {
      try {
        const previous = this.state.health;
        const tab = patch.tab ?? previous?.tab ?? "accounts";
        const query: TableQuery = { ...(previous?.query ?? { sort: "verdict", limit: 200 }), ...(patch.query ?? {}) };
        const accountId = patch.account === undefined ? (previous?.account?.line.id ?? null) : patch.account;
        const health = await this.readHealth(tab, query, accountId);
        this.set({ mode: "health", health, selection: null, selected: [], editing: null });
      } catch (e) {
        this.showError(e);
      }
    });
  }

  private async readHealth(tab: HealthState["tab"], query: TableQuery, accountId: string | null): Promise<HealthState> {
    const [table, model] = await Promise.all([call(commands.healthTable(query)), call(commands.healthModel())]);
    // An account the latest snapshot no longer has closes its page; any other failure is shown.
    const account = accountId
      ? await call(commands.healthAccount(accountId)).catch((e: unknown) => {
          if (toAppError(e).code !== "notFound") this.showError(e);
          return null;
        })
      : null;
    return { tab, query, table, account, model };
  }

  showGlossary(): Promise<void> {
    return this.enqueue(async () => {
      try {
        const glossary = await call(commands.glossary());
        this.set({ mode: "glossary", glossary, selection: null, selected: [], editing: null });
      } catch (e) {
        this.showError(e);
      }
    });
  }

  select(selection: Selection | null) {
    this.set({ selection, selected: selection ? [selection.id] : [] });
  }

  /** Selects several shapes of the process canvas (the first one's properties are shown). */
  selectShapes(ids: ElementId[]) {
    const same = ids.length === this.state.selected.length && ids.every((id, i) => id === this.state.selected[i]);
    if (same) return;
    this.set({ selected: ids, selection: ids[0] ? { id: ids[0], stage: null } : null });
  }

  /** Lays a state snapshot over the canvas (null: none), compared with another if given. */
  showOverlay(snapshot: ElementId | null, compare: ElementId | null = null): Promise<void> {
    return this.enqueue(async () => {
      if (!snapshot) {
        this.set({ overlay: null });
        return;
      }
      try {
        const data = await call(commands.stateOverlay(snapshot, compare));
        this.set({ overlay: { snapshot, compare, data }, structureOnly: false });
      } catch (e) {
        this.showError(e);
      }
    });
  }

  toggleProblems(open: boolean = !this.state.problemsOpen) {
    this.set({ problemsOpen: open });
  }

  showDiagnosisSettings(open: boolean) {
    this.set({ settingsOpen: open });
  }

  /** Opens the diagram showing `element` (the first of `views`), selects it there and brings it into view. */
  async reveal(element: ElementId, views: ViewId[]): Promise<void> {
    const view = views[0];
    const outline = this.state.outline;
    if (view && (view !== this.state.view || this.state.mode === "glossary" || this.state.mode === "outputs" || this.state.mode === "health")) {
      if (outline?.journeys.some((j) => j.view === view)) await this.showView(view);
      else await this.showDiagram(view);
    }
    if (this.state.mode === "process") this.selectShapes([element]);
    else this.select({ id: element, stage: null });
    this.set({ focus: { id: element, seq: (this.state.focus?.seq ?? 0) + 1 } });
  }

  setStructureOnly(structureOnly: boolean) {
    this.set({ structureOnly });
  }

  /** Copies the selected shapes of the open process diagram. */
  copy(): Promise<void> {
    return this.enqueue(async () => {
      const { view, selected, mode } = this.state;
      if (mode !== "process" || !view || selected.length === 0) return;
      try {
        const clip = await call(commands.copyShapes(view, selected));
        if (clip.elements.length > 0) this.set({ clipboard: clip });
      } catch (e) {
        this.showError(e);
      }
    });
  }

  /** Pastes the clipboard into the open process diagram with its top-left corner at `at`. */
  async paste(at: { x: number; y: number }): Promise<void> {
    const { view, clipboard, mode } = this.state;
    if (mode !== "process" || !view || !clipboard) return;
    const created = await this.edit({ type: "paste", view, clip: clipboard, at });
    if (created) this.selectShapes(created.filter((id) => this.state.diagram?.shapes.some((s) => s.element.id === id)));
  }

  /** Runs a mutation that is not an `Edit` (an import) through the same queue and refresh. */
  run<T>(task: () => Promise<{ state: WorkspaceState } & T>): Promise<T | null> {
    return this.mutate(async () => {
      const result = await task();
      return { workspace: result.state, value: result };
    });
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

  /** Reads the outline and what the main area shows again; keeps the view and the selection if
   * they still exist. */
  private async refresh() {
    const outline = await call(commands.outline());
    const glossary = await call(commands.glossary());
    const { mode } = this.state;
    let overlay = this.state.overlay;
    if (overlay) {
      const ids = new Set(outline.snapshots.map((s) => s.id));
      if (!ids.has(overlay.snapshot)) overlay = null;
      else {
        const compare = overlay.compare && ids.has(overlay.compare) ? overlay.compare : null;
        overlay = { snapshot: overlay.snapshot, compare, data: await call(commands.stateOverlay(overlay.snapshot, compare)) };
      }
    }
    if (mode === "process" && this.state.view) {
      const diagram = await call(commands.processDiagram(this.state.view)).catch(() => null);
      if (diagram) {
        const present = new Set([...diagram.shapes.map((s) => s.element.id), ...diagram.edges.map((e) => e.element.id)]);
        const selected = this.state.selected.filter((id) => present.has(id));
        const selection = selected[0] ? { id: selected[0], stage: null } : null;
        this.set({ outline, glossary, diagram, overlay, selected, selection });
        return;
      }
    }
    if (mode === "outputs" && this.state.outputs) {
      const { journey, tab, segment } = this.state.outputs;
      if (outline.journeys.some((j) => j.id === journey)) {
        this.set({ outline, glossary, overlay, outputs: await this.derive(journey, tab, segment) });
        return;
      }
    }
    if (mode === "health" && this.state.health) {
      const { tab, query, account } = this.state.health;
      this.set({ outline, glossary, overlay, health: await this.readHealth(tab, query, account?.line.id ?? null) });
      return;
    }
    if (mode === "glossary") {
      const selection =
        this.state.selection && glossary.terms.some((t) => t.term.id === this.state.selection?.id) ? this.state.selection : null;
      this.set({ outline, glossary, overlay, selection, selected: selection ? [selection.id] : [] });
      return;
    }
    const views = outline.journeys.flatMap((j) => (j.view ? [j.view] : []));
    const view = this.state.view && views.includes(this.state.view) ? this.state.view : (views[0] ?? null);
    const map = view ? await call(commands.journeyMap(view)) : null;
    const selection =
      this.state.selection && findElement(map, outline, this.state.selection.id) ? this.state.selection : null;
    this.set({ outline, glossary, mode: "journey", view, map, diagram: null, overlay, selection, selected: selection ? [selection.id] : [] });
  }
}
