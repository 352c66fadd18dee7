// The health screen: the accounts table (a page of it) or the bonfire map or the model, and one
// account's page when open; the tab is the UI's own, the rest comes from Rust.

import type { AccountPage, HealthModelState, HealthTable, Screen, TableQuery } from "../bindings";
import type { Session } from "../app/session";
import { Store } from "../app/store";

export type HealthTab = "accounts" | "map" | "model";

export interface HealthState {
  tab: HealthTab;
  query: TableQuery;
  /** The account whose page is asked for; the page itself is `page` (null when the latest snapshot lacks it). */
  account: string | null;
  table: HealthTable | null;
  page: AccountPage | null;
  model: HealthModelState | null;
}

/** What the health view draws: the table, the model and, when open, an account's page. */
export interface HealthShown {
  tab: HealthTab;
  query: TableQuery;
  table: HealthTable;
  model: HealthModelState;
  account: AccountPage | null;
}

const QUERY: TableQuery = { sort: "verdict", limit: 200 };

const INITIAL: HealthState = { tab: "accounts", query: QUERY, account: null, table: null, page: null, model: null };

export class HealthStore extends Store<HealthState> {
  constructor(private readonly session: Session) {
    super(INITIAL);
  }

  reset() {
    this.set(INITIAL);
  }

  screen(): Screen {
    const { query, account } = this.getState();
    return { type: "health", query, account };
  }

  receive(data: { query: TableQuery; table: HealthTable; model: HealthModelState; account: AccountPage | null }) {
    // An account the latest snapshot no longer has closes its page.
    this.set({ query: data.query, table: data.table, model: data.model, page: data.account, account: data.account?.line.id ?? null });
  }

  /** Shows account health: a tab, the table with `query` changes, an account's page (null: none). */
  open(patch: { tab?: HealthTab; query?: Partial<TableQuery>; account?: string | null } = {}): Promise<boolean> {
    const s = this.getState();
    const query: TableQuery = { ...s.query, ...(patch.query ?? {}) };
    const account = patch.account === undefined ? s.account : patch.account;
    this.set({ tab: patch.tab ?? s.tab, query, account });
    return this.session.navigate({ type: "health", query, account });
  }
}
