// The open workspace as the UI holds it, and the only path by which it changes. Framework-free:
// React reads it through useStore; tests drive it with mocked IPC.
//
// Every change is one command to Rust, queued behind the ones before it so edits reach Rust in the
// order they were made. Each carries what the screen shows (`show()`), and Rust answers with what to
// redraw (`Shown`): the outline, the glossary, the state layer and the screen's read model, which
// `apply` hands to the store of that screen. Each screen has its own store (journeys, process,
// glossary, outputs, health) with its own state and its own way of asking for its screen.

import { listen } from "@tauri-apps/api/event";

import { type AppError, type Behind, type RemoteDto, type RecentTeam, type Change as DiffChange, type Cited, type Edit, type EditResult, type ElementId, type Glossary, type Opened, type Outline, type RecentFile, type Screen, type Show, type Shown, type ShownCompare, type ShownOverlay, type ViewId, type WorkspaceState, commands } from "../bindings";
import { type HeldState, heldState } from "../diagnosis/patch";
import { EvidenceStore } from "../evidence/store";
import { WorkshopStore } from "../workshop/store";
import { GapsStore } from "../gaps/store";
import { SkillsStore } from "../skills/store";
import { GlossaryStore } from "../glossary/store";
import { HealthStore } from "../health/store";
import { JourneyStore } from "../journey/store";
import type { Selection } from "../journey/model";
import { OutputsStore } from "../outputs/store";
import { ProcessStore } from "../process/store";
import { call, toAppError } from "./api";
import { Store } from "./store";

export type SaveStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "failed" };

/** Which screen the main area shows. */
export type Mode = "journey" | "process" | "glossary" | "outputs" | "health" | "gaps" | "evidence" | "skills";

/** The state layer laid over the canvas: a snapshot, maybe compared with an earlier one. */
export type OverlayState = ShownOverlay;

export interface SessionState {
  /** The open workspace's state, its diagnosis whole (Rust may send only what changed). */
  workspace: HeldState | null;
  outline: Outline | null;
  /** The glossary with each term's usages (the properties panel links terms on every screen). */
  glossary: Glossary | null;
  mode: Mode;
  overlay: OverlayState | null;
  /** Hide the state layer, show the structure only. */
  structureOnly: boolean;
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
  /** The version the canvases are compared with (its changes marked), and what Rust found. */
  compare: number | null;
  comparison: ShownCompare | null;
  /** The compared version's diagram drawn beside this one, panned and zoomed together. */
  sideBySide: boolean;
  /** The list of changes is shown. */
  changesOpen: boolean;
  /** The coverage layer is asked for, and what Rust found: the evidence behind each element. */
  evidenceLayer: boolean;
  evidence: Behind[] | null;
  /** The quotes behind the selected element, as the last change's answer carried them. */
  cited: Cited | null;
  /** The elements the last edit created (a new element has no quotes: nothing to ask). */
  created: ElementId[];
  /** What others changed in the team workspace, as the last update brought it (`at`: when). */
  remote: { changes: RemoteDto[]; at: number } | null;
  /** The team database last typed in the team dialog (kept for the next time, never a password
   * the user did not type there). */
  teamUrl: string;
  /** The team dialog, when open, with what it starts with (a recent team workspace). */
  teamDialog: TeamDialogRequest | null;
  /** Team workspaces opened before (connections without passwords), most recent first. */
  recentTeams: RecentTeam[];
}

export interface TeamDialogRequest {
  kind: "share" | "open";
  url?: string;
  name?: string;
}

const INITIAL: SessionState = {
  workspace: null,
  outline: null,
  glossary: null,
  mode: "journey",
  overlay: null,
  structureOnly: false,
  save: { kind: "idle" },
  error: null,
  notice: null,
  recent: [],
  opening: false,
  problemsOpen: false,
  settingsOpen: false,
  focus: null,
  compare: null,
  comparison: null,
  sideBySide: false,
  changesOpen: false,
  evidenceLayer: false,
  evidence: null,
  cited: null,
  created: [],
  remote: null,
  teamUrl: "",
  teamDialog: null,
  recentTeams: [],
};

const HOME: Screen = { type: "home" };

/** How a change is sent: its command, given what the screen shows. */
export type Change<T extends EditResult> = (show: Show) => Promise<T>;

export class Session extends Store<SessionState> {
  readonly journey = new JourneyStore(this);
  readonly process = new ProcessStore(this);
  readonly glossaryView = new GlossaryStore(this);
  readonly outputs = new OutputsStore(this);
  readonly health = new HealthStore(this);
  readonly gaps = new GapsStore(this);
  readonly skills = new SkillsStore(this);
  readonly evidence = new EvidenceStore(this);
  readonly workshop = new WorkshopStore(this);
  private queue: Promise<unknown> = Promise.resolve();
  /** Tasks queued and not finished. */
  private pending = 0;
  private unlistenTeam: (() => void) | null = null;
  private teamPending: number | null = null;

  constructor() {
    super(INITIAL);
  }

  /** Hears of the team workspace's changes (once per window): someone else's commit, the
   * database gone or back. Each brings the workspace up to date (at most every 100 ms). */
  async attachTeam() {
    if (this.unlistenTeam) return;
    this.unlistenTeam = await listen("team-activity", () => {
      if (this.teamPending !== null) return;
      this.teamPending = window.setTimeout(() => {
        this.teamPending = null;
        void this.syncTeam();
      }, 100);
    });
  }

  detachTeam() {
    this.unlistenTeam?.();
    this.unlistenTeam = null;
  }

  /** Brings a team workspace up to date: sends what waited, reads what others committed, redraws. */
  syncTeam(): Promise<boolean> {
    return this.enqueue(async () => {
      if (!this.getState().workspace?.team) return false;
      try {
        const r = await call(commands.syncTeam(this.show()));
        this.set({ workspace: await this.take(r.state), ...(r.remote.length > 0 ? { remote: { changes: r.remote, at: Date.now() } } : {}) });
        this.apply(r.shown);
        return true;
      } catch (e) {
        this.showError(e);
        return false;
      }
    });
  }

  /** Forgets the edits the database refused, once their author has read why. */
  dismissRejected(): Promise<void> {
    return this.enqueue(async () => {
      try {
        this.set({ workspace: await this.take(await call(commands.dismissRejected())) });
      } catch (e) {
        this.showError(e);
      }
    });
  }

  openTeamDialog(request: TeamDialogRequest | null) {
    this.set({ teamDialog: request });
  }

  /** Opens a team workspace; on failure the current one stays open and the error is shown. */
  openTeam(url: string, name: string): Promise<boolean> {
    this.set({ teamUrl: url });
    return this.enqueue(() => this.install(() => call(commands.openTeamWorkspace(url, name, this.show(HOME)))));
  }

  /** "Share with a team…": the workspace copied into the database, then edited there. */
  shareWithTeam(url: string, name: string): Promise<boolean> {
    this.set({ teamUrl: url });
    return this.enqueue(() => this.install(() => call(commands.shareWithTeam(url, name.trim() || null, this.show()))));
  }

  /** The state Rust sent, its diagnosis made whole from the one held; should a patch not fit
   * (it always should), the whole state is asked for. */
  private async take(state: WorkspaceState): Promise<HeldState> {
    const held = heldState(state, this.getState().workspace);
    if (held) return held;
    const whole = await call(commands.currentWorkspace());
    const again = whole && heldState(whole, null);
    if (!again) throw toAppError(new Error("the workspace's state could not be read"));
    return again;
  }

  /** Runs `task` after every task queued before it; with none pending, it starts at once (an
   * edit's request leaves before the page redraws the gesture that made it). */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const idle = this.pending === 0;
    const before = this.queue;
    // The queue's turn is taken before the task starts: a task it queues waits for it.
    let finished!: () => void;
    this.queue = new Promise<void>((resolve) => (finished = resolve));
    this.pending++;
    let run: Promise<T>;
    if (idle) {
      try {
        run = task();
      } catch (e) {
        run = Promise.reject(e);
      }
    } else run = before.then(task, task);
    const settled = () => {
      this.pending--;
      finished();
    };
    run.then(settled, settled);
    return run;
  }

  /** What the screen shows now, as Rust is asked for it. */
  show(screen: Screen = this.screen()): Show {
    const { overlay: o, compare, evidenceLayer } = this.getState();
    const cited = this.getState().workspace ? (this.selection()?.id ?? null) : null;
    const held = this.process.held(screen);
    const heldDiagnosis = this.getState().workspace?.diagnosisStamp ?? null;
    return { screen, overlay: o ? { snapshot: o.snapshot, compare: o.compare } : null, compare, evidence: evidenceLayer, cited, held, heldDiagnosis };
  }

  private screen(): Screen {
    switch (this.getState().mode) {
      case "journey":
        return this.journey.screen();
      case "process":
        return this.process.screen();
      case "glossary":
        return { type: "glossary" };
      case "outputs":
        return this.outputs.screen();
      case "health":
        return this.health.screen();
      case "gaps":
        return { type: "gaps" };
      case "evidence":
        return this.evidence.screen();
      case "skills":
        return this.skills.screen();
    }
  }

  /** The selection of the screen on show (what the properties panel edits). */
  selection(): Selection | null {
    switch (this.getState().mode) {
      case "journey":
        return this.journey.getState().selection;
      case "process":
        return this.process.getState().selection;
      case "glossary":
        return this.glossaryView.getState().selection;
      default:
        return null;
    }
  }

  /** Draws what Rust says the screen shows: shared parts here, the screen's own in its store. */
  apply(shown: Shown) {
    const { outline, glossary, overlay } = shown;
    this.set({ outline, glossary, overlay, comparison: shown.compare, evidence: shown.evidence, cited: shown.cited });
    // The version compared with is gone, or is now the one edited: no comparison.
    if (this.getState().compare !== null && !shown.compare) this.set({ compare: null, sideBySide: false, changesOpen: false });
    const data = shown.screen;
    switch (data.type) {
      case "empty":
        this.journey.receive(null, outline);
        this.set({ mode: "journey" });
        break;
      case "journeyMap":
        this.journey.receive(data.map, outline);
        this.set({ mode: "journey" });
        break;
      case "processDiagram":
        this.process.receive(data.diagram, data.stamp);
        this.set({ mode: "process" });
        break;
      case "processPatch":
        // Patches come only for the diagram this front end said it holds; should one not fit,
        // the whole diagram is asked for again.
        if (this.process.receivePatch(data.patch, data.base, data.stamp)) this.set({ mode: "process" });
        else void this.navigate({ type: "processDiagram", view: data.patch.view }, { ...this.show({ type: "processDiagram", view: data.patch.view }), held: null });
        break;
      case "glossary":
        this.glossaryView.receive(glossary);
        this.set({ mode: "glossary" });
        break;
      case "outputs":
        this.outputs.receive(data);
        this.set({ mode: "outputs" });
        break;
      case "health":
        this.health.receive(data);
        this.set({ mode: "health" });
        break;
      case "gaps":
        this.gaps.receive(data);
        this.set({ mode: "gaps" });
        break;
      case "evidence":
        this.evidence.receive(data);
        this.set({ mode: "evidence" });
        break;
      case "skills":
        this.skills.receive(data);
        this.set({ mode: "skills" });
        break;
    }
  }

  /** Shows `screen` (queued after any change in flight); the error is shown when it fails. */
  navigate(screen: Screen, show: Show = this.show(screen)): Promise<boolean> {
    return this.enqueue(async () => {
      if (!this.getState().workspace) return false;
      try {
        this.apply(await call(commands.show(show)));
        return true;
      } catch (e) {
        this.showError(e);
        return false;
      }
    });
  }

  /** Reads the workspace's state and the screen again, after changes made elsewhere (a workshop
   * participant's note, a workshop started): one call for each. */
  refresh(): Promise<boolean> {
    return this.enqueue(async () => {
      if (!this.getState().workspace) return false;
      try {
        const workspace = await call(commands.currentWorkspace());
        if (workspace) this.set({ workspace: await this.take(workspace) });
        this.apply(await call(commands.show(this.show())));
        return true;
      } catch (e) {
        this.showError(e);
        return false;
      }
    });
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
      this.set({ recent: await call(commands.recentFiles()), recentTeams: await call(commands.recentTeams()) });
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
    return this.enqueue(() => this.install(() => call(commands.openWorkspace(path, { screen: HOME, overlay: null, compare: null, evidence: false, cited: null, held: null, heldDiagnosis: null }))));
  }

  create(path: string, withSample: boolean, replace: boolean): Promise<boolean> {
    return this.enqueue(() => this.install(() => call(commands.newWorkspace(path, withSample, replace, { screen: HOME, overlay: null, compare: null, evidence: false, cited: null, held: null, heldDiagnosis: null }))));
  }

  /** Save As: writes the workspace to `path` and goes on in the copy (a read-only workspace
   * becomes editable this way). */
  saveAs(path: string, replace: boolean): Promise<boolean> {
    return this.enqueue(() => this.install(() => call(commands.saveWorkspaceAs(path, replace, this.show()))));
  }

  /** Writes a copy of the workspace to `path`, staying in this one. */
  async saveCopy(path: string, replace: boolean): Promise<boolean> {
    try {
      await this.enqueue(() => call(commands.saveWorkspaceCopy(path, replace)));
      return true;
    } catch (e) {
      this.showError(e);
      return false;
    }
  }

  close(): Promise<void> {
    return this.enqueue(async () => {
      await call(commands.closeWorkspace()).catch((e) => this.showError(e));
      for (const store of [this.journey, this.process, this.glossaryView, this.outputs, this.health, this.gaps, this.evidence, this.skills, this.workshop]) store.reset();
      this.set({ ...INITIAL, recent: this.getState().recent, recentTeams: this.getState().recentTeams, teamUrl: this.getState().teamUrl });
      await this.loadRecent();
    });
  }

  private async install(opening: () => Promise<Opened>): Promise<boolean> {
    this.set({ opening: true });
    try {
      const { state, shown } = await opening();
      for (const store of [this.journey, this.process, this.glossaryView, this.outputs, this.health, this.gaps, this.evidence, this.skills, this.workshop]) store.reset();
      this.set({ workspace: await this.take(state), overlay: null, structureOnly: false, save: { kind: "idle" }, error: null, focus: null, compare: null, comparison: null, sideBySide: false, changesOpen: false, evidenceLayer: false, evidence: null, remote: null });
      this.apply(shown);
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

  /** Lays a state snapshot over the canvas (null: none), compared with another if given. */
  showOverlay(snapshot: ElementId | null, compare: ElementId | null = null): Promise<void> {
    if (!snapshot) {
      this.set({ overlay: null });
      return Promise.resolve();
    }
    const show: Show = { ...this.show(), overlay: { snapshot, compare } };
    return this.navigate(show.screen, show).then(() => {
      if (this.getState().overlay) this.set({ structureOnly: false });
    });
  }

  /** Lays the coverage layer over the canvases (or takes it away). */
  showEvidenceLayer(on: boolean): Promise<boolean> {
    this.set({ evidenceLayer: on, ...(on ? {} : { evidence: null }) });
    return this.navigate(this.screen());
  }

  setStructureOnly(structureOnly: boolean) {
    this.set({ structureOnly });
  }

  toggleProblems(open: boolean = !this.getState().problemsOpen) {
    this.set({ problemsOpen: open });
  }

  showDiagnosisSettings(open: boolean) {
    this.set({ settingsOpen: open });
  }

  /** Opens the diagram showing `element` (the first of `views`), selects it there and brings it into view. */
  async reveal(element: ElementId, views: ViewId[]): Promise<void> {
    const view = views[0];
    const { mode, outline } = this.getState();
    const onScreen = mode === "journey" ? this.journey.getState().view : mode === "process" ? this.process.getState().view : null;
    if (view && view !== onScreen) {
      if (outline?.journeys.some((j) => j.view === view)) await this.journey.open(view);
      else await this.process.open(view);
    }
    if (this.getState().mode === "process") this.process.selectShapes([element]);
    else this.journey.select({ id: element, stage: null });
    this.set({ focus: { id: element, seq: (this.getState().focus?.seq ?? 0) + 1 } });
  }

  /** Applies an edit; resolves to the ids it created, or null if it failed (the error is shown). */
  edit(edit: Edit): Promise<ElementId[] | null> {
    return this.run((show) => call(commands.edit(edit, show))).then((r) => r?.created ?? null);
  }

  undo(): Promise<unknown> {
    if (!this.getState().workspace?.undo) return Promise.resolve(null);
    return this.run((show) => call(commands.undo(show)));
  }

  redo(): Promise<unknown> {
    if (!this.getState().workspace?.redo) return Promise.resolve(null);
    return this.run((show) => call(commands.redo(show)));
  }

  /** Edits version `id` from now on (the screen redraws it); a failure is shown. Comparing a
   * version with itself says nothing: the comparison ends when it becomes the edited one. */
  switchVersion(id: number): Promise<unknown> {
    if (this.getState().compare === id) this.set({ compare: null, comparison: null, sideBySide: false });
    return this.run((show) => call(commands.switchVersion(id, show)));
  }

  /** Compares the canvases with version `id` (null: no comparison). */
  compareWith(id: number | null): Promise<boolean> {
    this.set({ compare: id, ...(id === null ? { comparison: null, sideBySide: false, changesOpen: false } : { changesOpen: true }) });
    return this.navigate(this.screen());
  }

  /** Shows the gap list against version `against` (null: the version this one was made from; left
   * out: the version compared with now). */
  openGaps(against?: number | null): Promise<boolean> {
    if (against !== undefined) this.set({ compare: against });
    return this.navigate({ type: "gaps" });
  }

  /** Side by side needs the room: the list of changes closes (it can be opened again). */
  setSideBySide(sideBySide: boolean) {
    this.set(sideBySide ? { sideBySide, changesOpen: false } : { sideBySide });
  }

  toggleChanges(open: boolean = !this.getState().changesOpen) {
    this.set({ changesOpen: open });
  }

  /** Takes one change of the comparison back into this version, as one undoable edit. */
  takeBack(change: DiffChange): Promise<unknown> {
    const from = this.getState().compare;
    if (from === null) return Promise.resolve(null);
    return this.run((show) => call(commands.takeBack(from, change, show)));
  }

  /** A copy of version `from` named `name`, edited from now on; a refusal (a taken name) rejects
   * with the AppError for the dialog to show. */
  forkVersion(from: number, name: string): Promise<EditResult> {
    return this.submit((show) => call(commands.forkVersion(from, name, show)));
  }

  renameVersion(id: number, name: string): Promise<EditResult> {
    return this.submit((show) => call(commands.renameVersion(id, name, show)));
  }

  deleteVersion(id: number): Promise<EditResult> {
    return this.submit((show) => call(commands.deleteVersion(id, show)));
  }

  /** Runs any change (an edit, an import) through the queue; resolves to its result, or null if it
   * failed (the error is shown). */
  run<T extends EditResult>(change: Change<T>): Promise<T | null> {
    return this.submit(change).catch((e: unknown) => {
      this.showError(e);
      return null;
    });
  }

  /** Like `run`, but a failure is the caller's to show (a dialog lists the cells at fault): it
   * rejects with the AppError. */
  submit<T extends EditResult>(change: Change<T>): Promise<T> {
    return this.enqueue(async () => {
      if (!this.getState().workspace) throw toAppError(new Error("no workspace is open"));
      // The request first: Rust works while the page shows that it is saving.
      let sent: Promise<T>;
      try {
        sent = change(this.show());
      } catch (e) {
        sent = Promise.reject(e);
      }
      this.set({ save: { kind: "saving" } });
      try {
        const result = await sent;
        // The change is on disk now; what follows only redraws.
        this.set({ workspace: await this.take(result.state), save: { kind: "saved", at: new Date() }, created: result.created });
        this.apply(result.shown);
        return result;
      } catch (e) {
        const error = toAppError(e);
        this.set({ save: error.code === "writeFailed" ? { kind: "failed" } : this.lastSave() });
        if (error.code === "writeFailed") this.set({ error });
        // Whatever happened, draw what is true now.
        await call(commands.show(this.show()))
          .then((shown) => this.apply(shown))
          .catch(() => undefined);
        throw error;
      }
    });
  }

  private lastSave(): SaveStatus {
    const s = this.getState().save;
    return s.kind === "saving" ? { kind: "idle" } : s;
  }
}
