// The skill matrix screen (domain.md §4): the team's levels against what their roles need, the
// capability model, a person's page, and the gaps per function, all as Rust derives them
// (derive::skills). This store keeps what is asked for: the day, the day compared with, the tab,
// the person open, the heatmap's filters and the cell being edited.

import type { Assessment, Document, ElementId, MatrixChange, PersonDetail, RoleChoice, Screen, SkillMatrix } from "../bindings";
import type { Session } from "../app/session";
import { Store } from "../app/store";

export interface SkillsData {
  matrix: SkillMatrix;
  document: Document;
  changes: MatrixChange[] | null;
  roles: RoleChoice[];
  person: PersonDetail | null;
  defaultMissing: boolean;
}

export type SkillsTab = "team" | "person" | "model" | "gaps";

export interface HeatmapFilter {
  /** An adopted function's id, a role's id, an axis. */
  function: ElementId | null;
  role: ElementId | null;
  axis: string | null;
}

export interface SkillsState {
  data: SkillsData | null;
  asOf: number | null;
  compare: number | null;
  tab: SkillsTab;
  person: ElementId | null;
  filter: HeatmapFilter;
  /** The cell whose editor is open: a person and a skill index. */
  cell: { person: ElementId; skill: number } | null;
}

const INITIAL: SkillsState = {
  data: null,
  asOf: null,
  compare: null,
  tab: "team",
  person: null,
  filter: { function: null, role: null, axis: null },
  cell: null,
};

export class SkillsStore extends Store<SkillsState> {
  constructor(private readonly session: Session) {
    super(INITIAL);
  }

  reset() {
    this.set(INITIAL);
  }

  screen(): Screen {
    const { asOf, compare, person } = this.getState();
    return { type: "skills", asOf, compare, person };
  }

  receive(data: SkillsData) {
    const { person, cell } = this.getState();
    // A person undone away closes; so does a cell of a skill no longer there.
    const stillThere = (id: ElementId | null) => id !== null && data.matrix.people.some((p) => p.person.id === id);
    this.set({
      data,
      person: stillThere(person) ? person : null,
      cell: cell && stillThere(cell.person) && cell.skill < data.matrix.skills.length ? cell : null,
    });
  }

  /** Shows the matrix (with `patch` applied to what is asked for). */
  open(patch: Partial<Pick<SkillsState, "asOf" | "compare" | "person" | "tab">> = {}): Promise<boolean> {
    this.set(patch);
    return this.session.navigate(this.screen());
  }

  setTab(tab: SkillsTab) {
    this.set({ tab });
  }

  setFilter(patch: Partial<HeatmapFilter>) {
    this.set({ filter: { ...this.getState().filter, ...patch } });
  }

  selectCell(cell: { person: ElementId; skill: number } | null) {
    this.set({ cell });
  }

  /** A person's page. */
  openPerson(person: ElementId): Promise<boolean> {
    return this.open({ person, tab: "person" });
  }

  /** Records `assessment` of `person` on the skill at `skill` (the same day's replaced). */
  assess(person: ElementId, skill: number, assessment: Assessment): Promise<ElementId[] | null> {
    const s = this.getState().data?.matrix.skills[skill];
    if (!s) return Promise.resolve(null);
    return this.session.edit({ type: "assess", member: person, skill: s.id, assessment });
  }
}

/** Today, as Michi keeps days: the start of the UTC day, in seconds. */
export function todayStart(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / 1000;
}
