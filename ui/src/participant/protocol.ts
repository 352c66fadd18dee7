// What the workshop host sends and takes (crates/michi-workshop/src/lib.rs documents the protocol;
// the shapes are michi_core::derive::workshop's Board and michi_app::workshop's Room).

export type Kind = string;

export interface Note {
  id: string;
  text: string;
  author: string;
  on: string | null;
  row: Kind | null;
  hidden: boolean;
  masked: boolean;
  perspective: string | null;
  became: { id: string; name: string } | null;
  becameKind: Kind | null;
}

export interface Vote {
  id: string;
  question: string;
  dots: number;
  open: boolean;
  kinds: Kind[];
  candidates: { id: string; name: string; kind: Kind }[];
  mine: string[];
  voters: number;
  placed: number;
  results: { id: string; name: string; dots: number }[];
}

export interface Board {
  workshop: string;
  name: string;
  agenda: { name: string; minutes: number }[];
  view: { id: string; name: string; kind: string } | null;
  places: { id: string; name: string; kind: Kind }[];
  rows: Kind[];
  notes: Note[];
  placed: Note[];
  votes: Vote[];
}

export interface Room {
  locked: boolean;
  private: boolean;
  timer: { step: number | null; running: boolean; remainingMs: number };
  follow: { seq: number; focus: string | null };
  participants: string[];
}

export type FromHost =
  | { type: "full"; board: Board; room: Room; me: string; revision: number }
  | {
      type: "patch";
      notes: Note[];
      removed: string[];
      placed: Note[];
      unplaced: string[];
      board?: Omit<Board, "notes" | "placed">;
      room?: Room;
      /** The workspace's revision: the picture is drawn again when it moves. */
      revision: number;
    }
  | { type: "ack"; id: number }
  | { type: "refused"; id: number | null; code: string; reason: string | null; message: string };

export type Action =
  | { type: "note"; client: string; text: string; on: string | null; row: Kind | null; perspective: string | null }
  | { type: "vote"; vote: string; target: string }
  | { type: "unvote"; vote: string; target: string };

/** Applies what the host sent to the board held. */
export function applyPatch(board: Board, m: Extract<FromHost, { type: "patch" }>): Board {
  // Changed notes keep their place; new ones come last (the host sends oldest first).
  const merge = (list: Note[], upserts: Note[], removed: string[]) => {
    const gone = new Set(removed);
    const changed = new Map(upserts.map((n) => [n.id, n]));
    const kept = list.filter((n) => !gone.has(n.id)).map((n) => changed.get(n.id) ?? n);
    const known = new Set(kept.map((n) => n.id));
    return [...kept, ...upserts.filter((n) => !known.has(n.id))];
  };
  const rest = m.board ?? board;
  return {
    ...board,
    ...rest,
    notes: merge(board.notes, m.notes, m.removed).filter((n) => !m.placed.some((p) => p.id === n.id)),
    placed: merge(board.placed, m.placed, m.unplaced),
  };
}
