import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { CSSProperties, DragEvent } from "react";
import { useTranslation } from "react-i18next";

import type { Behind, CardView, Diagnosis, ElementData, ElementId, JourneyMap, Lane, NodeOverlay, Severity, StageColumn } from "../bindings";
import { ProblemBadge, worstByElement } from "../diagnosis/ProblemBadge";
import type { OverlayState, Session } from "../app/session";
import type { Editing } from "./store";
import { OverlayBadges, heatColor } from "../overlay/Badges";
import { StateBar } from "../overlay/StateBar";
import { EvidenceBadge, type EvidenceMark, evidenceIndex, evidenceOf } from "../evidence/Badge";
import { Card } from "./Card";
import { EMOTION_HEIGHT, EmotionLane } from "./EmotionLane";
import { InlineEditor } from "./InlineEditor";
import { type Mark, type Marks, NO_MARKS } from "../diff/marks";
import { SideBySide } from "../diff/SideBySide";
import { type Selection, cardsIn, findCard, visibleLanes } from "./model";
import { labelOf, withLabel } from "../app/elements";

export const STAGE_WIDTH = 272;
const LANE_LABEL_WIDTH = 148;

/** New card properties for a lane, with the text the user typed. */
function newCard(lane: Lane, text: string): ElementData {
  switch (lane) {
    case "customerGoal":
    case "customerAction":
    case "csAction":
      return { kind: lane, text, note: "" };
    case "touchpoint":
      return { kind: "touchpoint", text, note: "", channel: null, touch: null };
    case "emotion":
      return { kind: "emotion", text, note: "", score: 0 };
    case "stumblingPoint":
      return { kind: "stumblingPoint", text, note: "", reason: null, polarity: "negative" };
    case "metric":
      return { kind: "metric", name: text, definition: "", dataSource: "", target: "" };
  }
}

type Dragged = { type: "card"; id: ElementId; from: ElementId; lane: Lane } | { type: "stage"; id: ElementId };
type DropAt = { stage: ElementId; lane: Lane; index: number } | { stageIndex: number };

interface Props {
  session: Session;
  map: JourneyMap;
  selection: Selection | null;
  editing: Editing | null;
  /** The state snapshot laid over the stages, if one is shown. */
  overlay: OverlayState | null;
  structureOnly: boolean;
  diagnosis: Diagnosis | null;
  /** An element to bring into view (a finding or a usage was clicked). */
  focus: { id: ElementId; seq: number } | null;
  /** Ctrl+F presses so far: each opens the find bar. */
  findRequest?: number;
  /** The changes from a version compared with, marked on the map. */
  marks?: Marks;
  /** That version's map: its cards this one removed are drawn as ghosts, or beside it whole. */
  other?: JourneyMap | null;
  sideBySide?: boolean;
  /** The coverage layer: the evidence behind each element (null: the layer is off). */
  evidence?: Behind[] | null;
}

export function JourneyMapView(props: Props) {
  const { t } = useTranslation();
  const { other, sideBySide, marks } = props;
  if (!other || !sideBySide) return <MapView {...props} />;
  // Side by side: the other version's map, read-only, its removed cards marked; scrolled together.
  return (
    <SideBySide
      left={
        <>
          <div className="pane-title" data-testid="other-pane-title">{t("compare.otherPane", { name: props.session.getState().comparison?.version.name ?? "" })}</div>
          <MapView {...props} map={other} selection={null} editing={null} overlay={null} diagnosis={null} focus={null} other={null} marks={{ of: new Map(), removed: marks?.removed ?? new Set() }} readOnly />
        </>
      }
      right={
        <>
          <div className="pane-title">{t("compare.thisPane")}</div>
          <MapView {...props} />
        </>
      }
    />
  );
}

function MapView({ session, map, selection, editing, overlay, structureOnly, diagnosis, focus, findRequest = 0, marks = NO_MARKS, other = null, readOnly = false, evidence = null }: Props & { readOnly?: boolean }) {
  const { t } = useTranslation();
  const find = useFind(map, findRequest, (hit) => session.journey.select(hit));
  const dragged = useRef<Dragged | null>(null);
  const [drop, setDrop] = useState<DropAt | null>(null);
  const lanes = visibleLanes(map);
  // Each lane's colour, from Rust (the exported picture uses the same); cards in it inherit it.
  const laneColour = (lane: Lane) => ({ "--lane": map.lanes.find((l) => l.lane === lane)?.look.colour }) as CSSProperties;
  const hidden = map.lanes.filter((l) => l.hidden).map((l) => l.lane);

  const problemOf = useMemo(() => worstByElement(diagnosis), [diagnosis]);
  const evidenceIx = useMemo(() => (readOnly ? null : evidenceIndex(evidence)), [evidence, readOnly]);
  // A finding or a usage was clicked: scroll its stage or card into view.
  useEffect(() => {
    if (!focus) return;
    const el = document.querySelector(`[data-card="${CSS.escape(focus.id)}"], [data-testid="stage-header"][data-stage="${CSS.escape(focus.id)}"]`);
    el?.scrollIntoView({ block: "nearest", inline: "center" });
  }, [focus]);
  const stateOf = useMemo(() => new Map((overlay?.data.nodes ?? []).map((n) => [n.element, n])), [overlay]);
  const selectedPlace = selection ? findCard(map, selection.id, selection.stage) : null;
  const related = useMemo(() => new Set(selectedPlace?.card.links ?? []), [selectedPlace]);

  const select = useCallback((id: ElementId, stage: ElementId | null) => session.journey.select({ id, stage }), [session]);
  const startEdit = useCallback(
    (id: ElementId, stage: ElementId | null) => {
      session.journey.select({ id, stage });
      session.journey.startEditing({ kind: "element", id, stage });
    },
    [session],
  );
  const stopEdit = useCallback(() => session.journey.stopEditing(), [session]);
  const commitText = useCallback(
    (card: CardView, text: string) => {
      session.journey.stopEditing();
      void session.edit({ type: "update", id: card.element.id, data: withLabel(card.element.data, text) });
    },
    [session],
  );
  const onCardDragStart = useCallback((id: ElementId, from: ElementId, lane: Lane) => {
    dragged.current = { type: "card", id, from, lane };
  }, []);
  const onDragEnd = useCallback(() => {
    dragged.current = null;
    setDrop(null);
  }, []);

  const addCard = async (stage: ElementId, lane: Lane, text: string) => {
    session.journey.stopEditing();
    const created = await session.edit({ type: "addCard", stage, index: null, data: newCard(lane, text) });
    if (created?.[0]) session.journey.select({ id: created[0], stage });
  };

  const addStage = async (name: string) => {
    session.journey.stopEditing();
    const created = await session.edit({ type: "addStage", journey: map.journey.id, index: null, name });
    if (created?.[0]) session.journey.select({ id: created[0], stage: created[0] });
  };

  /** Where in a cell a dragged card would land: among the cell's cards without the dragged one. */
  const cellDragOver = (e: DragEvent<HTMLDivElement>, stage: ElementId, lane: Lane) => {
    const d = dragged.current;
    if (!d || d.type !== "card" || d.lane !== lane) return;
    e.preventDefault();
    const cards = Array.from(e.currentTarget.querySelectorAll<HTMLElement>("[data-card]")).filter(
      (el) => el.dataset.card !== d.id,
    );
    const index = cards.findIndex((el) => {
      const r = el.getBoundingClientRect();
      return e.clientY < r.top + r.height / 2;
    });
    const at = { stage, lane, index: index < 0 ? cards.length : index };
    setDrop((prev) =>
      prev && "lane" in prev && prev.stage === at.stage && prev.lane === at.lane && prev.index === at.index ? prev : at,
    );
  };

  const cellDrop = (e: DragEvent<HTMLDivElement>) => {
    const d = dragged.current;
    e.preventDefault();
    if (d?.type === "card" && drop && "lane" in drop) {
      void session.edit({ type: "moveCard", card: d.id, from: d.from, to: drop.stage, index: drop.index });
      session.journey.select({ id: d.id, stage: drop.stage });
    }
    onDragEnd();
  };

  const headerDragOver = (e: DragEvent<HTMLDivElement>, stageIndex: number) => {
    const d = dragged.current;
    if (!d || d.type !== "stage") return;
    e.preventDefault();
    const r = e.currentTarget.getBoundingClientRect();
    const slot = e.clientX < r.left + r.width / 2 ? stageIndex : stageIndex + 1;
    setDrop((prev) => (prev && "stageIndex" in prev && prev.stageIndex === slot ? prev : { stageIndex: slot }));
  };

  const headerDrop = (e: DragEvent<HTMLDivElement>) => {
    const d = dragged.current;
    e.preventDefault();
    if (d?.type === "stage" && drop && "stageIndex" in drop) {
      const current = map.stages.findIndex((s) => s.stage.id === d.id);
      // The edit's index counts the other stages only.
      const index = drop.stageIndex > current ? drop.stageIndex - 1 : drop.stageIndex;
      if (index !== current) void session.edit({ type: "moveStage", stage: d.id, index });
    }
    onDragEnd();
  };

  // Stages the version compared with has and this one removed: ghost columns after this map's own.
  const ghostStages = !readOnly && other ? other.stages.filter((s) => marks.removed.has(s.stage.id)) : [];
  const columns = `${LANE_LABEL_WIDTH}px repeat(${map.stages.length + ghostStages.length}, ${STAGE_WIDTH}px) minmax(180px, 1fr)`;
  const editingNewStage = editing?.kind === "newStage";

  if (map.stages.length === 0 && !editingNewStage) {
    return (
      <div className="map-empty">
        <p>{t("map.emptyJourney")}</p>
        <button className="primary" onClick={() => session.journey.startEditing({ kind: "newStage" })}>
          + {t("map.addStage")}
        </button>
      </div>
    );
  }

  return (
    <>
    {!readOnly && <StateBar session={session} defaultTarget={map.journey.id} overlay={overlay} structureOnly={structureOnly} />}
    {!readOnly && find.bar}
    <div className="map-scroll" onClick={() => session.journey.select(null)}>
      <div className="map-grid" style={{ gridTemplateColumns: columns }} data-testid="journey-map">
        <div className="corner">
          <button
            className={`corner-title${selection?.id === map.journey.id ? " selected" : ""}`}
            onClick={(e) => {
              e.stopPropagation();
              session.journey.select({ id: map.journey.id, stage: null });
            }}
          >
            {labelOf(map.journey.data)}
          </button>
        </div>
        {map.stages.map((column, i) => (
          <StageHeader
            key={column.stage.id}
            column={column}
            index={i}
            count={map.stages.length}
            state={overlay && !structureOnly ? (stateOf.get(column.stage.id) ?? null) : undefined}
            problem={problemOf.get(column.stage.id) ?? null}
            evidence={evidenceOf(evidenceIx, column.stage.id, column.stage.data)}
            selected={selection?.id === column.stage.id}
            editing={editing?.kind === "element" && editing.id === column.stage.id}
            dropBefore={drop !== null && "stageIndex" in drop && drop.stageIndex === i}
            dropAfter={drop !== null && "stageIndex" in drop && drop.stageIndex === i + 1 && i === map.stages.length - 1}
            mark={readOnly ? (marks.removed.has(column.stage.id) ? "removed" : null) : (marks.of.get(column.stage.id) ?? null)}
            session={session}
            onDragStart={() => {
              dragged.current = { type: "stage", id: column.stage.id };
            }}
            onDragEnd={onDragEnd}
            onDragOver={(e) => headerDragOver(e, i)}
            onDrop={headerDrop}
          />
        ))}
        {ghostStages.map((g) => (
          <div key={`ghost-${g.stage.id}`} className="stage-cell">
            <div className="stage-header ghost diff-removed" data-testid="ghost-stage" data-mark="removed" title={t("compare.removedHint")}>
              <div className="stage-name">{labelOf(g.stage.data)}</div>
            </div>
          </div>
        ))}
        <div className="add-stage-cell">
          {editingNewStage ? (
            <div className="stage-header new">
              <InlineEditor
                initial=""
                label={t("map.newStageName")}
                onCommit={(name) => void addStage(name)}
                onCancel={stopEdit}
              />
            </div>
          ) : (
            <button
              className="add-stage"
              onClick={(e) => {
                e.stopPropagation();
                session.journey.startEditing({ kind: "newStage" });
              }}
            >
              + {t("map.addStage")}
            </button>
          )}
        </div>

        {lanes.map((lane) => (
          <Fragment key={lane}>
            <div className={`lane-label lane-${lane}`} style={laneColour(lane)}>
              <span>{t(`lanes.${lane}`)}</span>
              <button
                className="icon hide-lane"
                title={t("map.hideLane")}
                aria-label={`${t("map.hideLane")}: ${t(`lanes.${lane}`)}`}
                onClick={(e) => {
                  e.stopPropagation();
                  void session.edit({ type: "setLaneHidden", view: map.view, lane, hidden: true });
                }}
              >
                ×
              </button>
            </div>
            {lane === "emotion" ? (
              <>
              <div className="emotion-row" style={{ ...laneColour(lane), gridColumn: `2 / span ${map.stages.length}`, height: EMOTION_HEIGHT }}>
                <EmotionLane
                  map={map}
                  columnWidth={STAGE_WIDTH}
                  selected={selection?.id ?? null}
                  onSelect={select}
                  onStartEdit={startEdit}
                />
                {map.stages.map((column, i) => (
                  <EmotionSlot
                    key={column.stage.id}
                    column={column}
                    left={i * STAGE_WIDTH}
                    editing={editing}
                    map={map}
                    session={session}
                    onAdd={(text) => void addCard(column.stage.id, "emotion", text)}
                    onCommitText={commitText}
                  />
                ))}
              </div>
              {ghostStages.map((g) => (
                <div key={`ghost-${g.stage.id}`} className={`cell lane-${lane} ghost-cell`} style={laneColour(lane)} />
              ))}
              </>
            ) : (
              [...map.stages.map((column, i) => {
                const cards = cardsIn(map, i, lane);
                const dropIndex =
                  drop && "lane" in drop && drop.stage === column.stage.id && drop.lane === lane ? drop.index : null;
                const adding = editing?.kind === "newCard" && editing.stage === column.stage.id && editing.lane === lane;
                const draggedId = dragged.current?.type === "card" ? dragged.current.id : null;
                const shown = cards.filter((c) => c.element.id !== draggedId || dropIndex === null);
                return (
                  <div
                    key={column.stage.id}
                    className={`cell lane-${lane}${dropIndex !== null ? " drop-target" : ""}`}
                    style={laneColour(lane)}
                    data-testid={`cell-${lane}`}
                    data-stage={column.stage.id}
                    onDragOver={(e) => cellDragOver(e, column.stage.id, lane)}
                    onDragLeave={(e) => {
                      if (!e.currentTarget.contains(e.relatedTarget as Node)) setDrop(null);
                    }}
                    onDrop={cellDrop}
                  >
                    {shown.map((card, j) => (
                      <Fragment key={card.element.id}>
                        {dropIndex === j && <div className="drop-line" />}
                        <Card
                          card={card}
                          stage={column.stage.id}
                          lane={lane}
                          selected={selection?.id === card.element.id && (selection.stage ?? column.stage.id) === column.stage.id}
                          related={related.has(card.element.id)}
                          hit={find.hitSet.has(card.element.id)}
                          problem={problemOf.get(card.element.id) ?? null}
                          evidence={evidenceOf(evidenceIx, card.element.id, card.element.data)}
                          editing={editing?.kind === "element" && editing.id === card.element.id && (editing.stage ?? column.stage.id) === column.stage.id}
                          onSelect={select}
                          onStartEdit={startEdit}
                          onCommitText={commitText}
                          onStopEdit={stopEdit}
                          onDragStart={onCardDragStart}
                          onDragEnd={onDragEnd}
                          mark={readOnly ? (marks.removed.has(card.element.id) ? "removed" : null) : (marks.of.get(card.element.id) ?? null)}
                        />
                      </Fragment>
                    ))}
                    {ghostsIn(other, column.stage.id, lane, marks).map((card) => (
                      <div key={`ghost-${card.element.id}`} className={`card card-${card.element.data.kind} ghost diff-removed`} data-testid="ghost-card" title={t("compare.removedHint")} onClick={(e) => e.stopPropagation()}>
                        <div className="card-text">{labelOf(card.element.data)}</div>
                      </div>
                    ))}
                    {dropIndex !== null && dropIndex >= shown.length && <div className="drop-line" />}
                    {adding ? (
                      <div className={`card card-${lane} new`}>
                        <InlineEditor
                          initial=""
                          label={t("map.addCardTo", { lane: t(`lanes.${lane}`) })}
                          onCommit={(text) => void addCard(column.stage.id, lane, text)}
                          onCancel={stopEdit}
                        />
                      </div>
                    ) : (
                      <button
                        className="add-card"
                        aria-label={t("map.addCardTo", { lane: t(`lanes.${lane}`) })}
                        onClick={(e) => {
                          e.stopPropagation();
                          session.journey.startEditing({ kind: "newCard", stage: column.stage.id, lane });
                        }}
                      >
                        + {t("map.addCard")}
                      </button>
                    )}
                  </div>
                );
              }),
              ...ghostStages.map((g) => (
                <div key={`ghost-${g.stage.id}`} className={`cell lane-${lane} ghost-cell`} style={laneColour(lane)} data-stage={g.stage.id}>
                  {cardsIn(other!, other!.stages.indexOf(g), lane).map((card) => (
                    <div key={`ghost-${card.element.id}`} className={`card card-${card.element.data.kind} ghost diff-removed`} data-testid="ghost-card" title={t("compare.removedHint")}>
                      <div className="card-text">{labelOf(card.element.data)}</div>
                    </div>
                  ))}
                </div>
              ))]
            )}
            <div className="cell filler" />
          </Fragment>
        ))}
      </div>
      {hidden.length > 0 && (
        <div className="hidden-lanes" onClick={(e) => e.stopPropagation()}>
          <span>{t("map.hiddenLanes")}:</span>
          {hidden.map((lane) => (
            <button
              key={lane}
              className="chip-button"
              onClick={() => void session.edit({ type: "setLaneHidden", view: map.view, lane, hidden: false })}
            >
              {t(`lanes.${lane}`)} — {t("map.showLane")}
            </button>
          ))}
        </div>
      )}
    </div>
    </>
  );
}

interface StageHeaderProps {
  column: StageColumn;
  index: number;
  count: number;
  /** The shown snapshot's figures for this stage (`null`: no case there); `undefined` when no overlay is shown. */
  state: NodeOverlay | null | undefined;
  problem: Severity | null;
  evidence: EvidenceMark | null;
  selected: boolean;
  editing: boolean;
  dropBefore: boolean;
  dropAfter: boolean;
  /** How the version compared with differs here. */
  mark: Mark | "removed" | null;
  session: Session;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDragOver: (e: DragEvent<HTMLDivElement>) => void;
  onDrop: (e: DragEvent<HTMLDivElement>) => void;
}

function StageHeader({ column, index, count, state, problem, evidence, selected, editing, dropBefore, dropAfter, mark, session, ...drag }: StageHeaderProps) {
  const { t, i18n } = useTranslation();
  const { stage } = column;
  const data = stage.data.kind === "stage" ? stage.data : null;
  const move = (to: number) => void session.edit({ type: "moveStage", stage: stage.id, index: to });
  return (
    <div className="stage-cell">
      <div
        className={`stage-header${selected ? " selected" : ""}${dropBefore ? " drop-before" : ""}${dropAfter ? " drop-after" : ""}${mark ? ` diff-${mark}` : ""}`}
        data-mark={mark ?? undefined}
        data-testid="stage-header"
        data-stage={stage.id}
        role="button"
        aria-selected={selected}
        draggable={!editing}
        onClick={(e) => {
          e.stopPropagation();
          session.journey.select({ id: stage.id, stage: stage.id });
        }}
        onDoubleClick={(e) => {
          e.stopPropagation();
          session.journey.select({ id: stage.id, stage: stage.id });
          session.journey.startEditing({ kind: "element", id: stage.id, stage: stage.id });
        }}
        onDragStart={(e) => {
          e.dataTransfer.effectAllowed = "move";
          e.dataTransfer.setData("text/plain", labelOf(stage.data));
          drag.onDragStart();
        }}
        onDragEnd={drag.onDragEnd}
        onDragOver={drag.onDragOver}
        onDrop={drag.onDrop}
      >
        <div className="stage-index">{index + 1}</div>
        {editing ? (
          <InlineEditor
            initial={labelOf(stage.data)}
            label={t("kinds.stage")}
            onCommit={(name) => {
              session.journey.stopEditing();
              void session.edit({ type: "update", id: stage.id, data: withLabel(stage.data, name) });
            }}
            onCancel={() => session.journey.stopEditing()}
          />
        ) : (
          <div className="stage-name">{labelOf(stage.data)}</div>
        )}
        {column.ttv && <span className="chip ttv">{i18n.language === "en" ? column.ttv.en : column.ttv.ja}</span>}
        {data?.goal && <div className="stage-goal">{data.goal}</div>}
        {problem && <ProblemBadge severity={problem} />}
        {evidence && <EvidenceBadge mark={evidence} />}
        <div className="stage-actions">
          <button className="icon" title={t("map.moveLeft")} aria-label={t("map.moveLeft")} disabled={index === 0} onClick={(e) => { e.stopPropagation(); move(index - 1); }}>
            ‹
          </button>
          <button className="icon" title={t("map.moveRight")} aria-label={t("map.moveRight")} disabled={index === count - 1} onClick={(e) => { e.stopPropagation(); move(index + 1); }}>
            ›
          </button>
          <button
            className="icon danger"
            title={t("map.deleteStage")}
            aria-label={t("map.deleteStage")}
            onClick={(e) => {
              e.stopPropagation();
              void session.edit({ type: "delete", ids: [stage.id] });
            }}
          >
            ×
          </button>
        </div>
      </div>
      {state !== undefined && <StageState stage={stage.id} state={state} />}
    </div>
  );
}

/** The state layer on a stage: cases present, stuck cases, what moved; the strip's colour is the heat. */
function StageState({ stage, state }: { stage: ElementId; state: NodeOverlay | null }) {
  const { t } = useTranslation();
  return (
    <div
      className="stage-state"
      data-testid="stage-state"
      data-stage={stage}
      style={{ background: heatColor(state?.heat ?? 0) }}
      title={state ? t("state.presentTitle", { count: state.present }) : t("state.noCases")}
    >
      {state ? <OverlayBadges overlay={state} inline /> : <span className="muted small">{t("state.stageEmpty")}</span>}
    </div>
  );
}

interface EmotionSlotProps {
  column: StageColumn;
  left: number;
  editing: Editing | null;
  map: JourneyMap;
  session: Session;
  onAdd: (text: string) => void;
  onCommitText: (card: CardView, text: string) => void;
}

/** The per-stage overlay of the emotion row: its add button and, while typing, the editor. */
function EmotionSlot({ column, left, editing, map, session, onAdd, onCommitText }: EmotionSlotProps) {
  const { t } = useTranslation();
  const stage = column.stage.id;
  const adding = editing?.kind === "newCard" && editing.stage === stage && editing.lane === "emotion";
  const edited =
    editing?.kind === "element" ? findCard(map, editing.id, editing.stage) : null;
  const editingHere = edited && edited.lane === "emotion" && edited.stage.id === stage ? edited.card : null;
  return (
    <div className="emotion-slot" style={{ left, width: STAGE_WIDTH }}>
      {(adding || editingHere) && (
        <div className="emotion-editor card card-emotion" onClick={(e) => e.stopPropagation()}>
          <InlineEditor
            initial={editingHere ? labelOf(editingHere.element.data) : ""}
            label={t("map.addCardTo", { lane: t("lanes.emotion") })}
            onCommit={(text) => (editingHere ? onCommitText(editingHere, text) : onAdd(text))}
            onCancel={() => session.journey.stopEditing()}
          />
        </div>
      )}
      {!adding && (
        <button
          className="add-card emotion-add"
          aria-label={t("map.addCardTo", { lane: t("lanes.emotion") })}
          onClick={(e) => {
            e.stopPropagation();
            session.journey.startEditing({ kind: "newCard", stage, lane: "emotion" });
          }}
        >
          +
        </button>
      )}
    </div>
  );
}

/** Find by label (Ctrl+F): a bar with the number of cards and stages whose text has the words;
 * Enter goes to the next (Shift+Enter the previous), Escape closes it. */
function useFind(map: JourneyMap, request: number, go: (hit: Selection) => void) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [at, setAt] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const seen = useRef(request);
  useEffect(() => {
    if (request === seen.current) return;
    seen.current = request;
    setOpen(true);
    window.setTimeout(() => input.current?.select(), 0);
  }, [request]);
  const hits = useMemo<Selection[]>(() => {
    const q = query.trim().toLowerCase();
    if (!open || !q) return [];
    const out: Selection[] = [];
    for (const column of map.stages) {
      if (labelOf(column.stage.data).toLowerCase().includes(q)) out.push({ id: column.stage.id, stage: column.stage.id });
      for (const cell of column.cells) {
        for (const card of cell.cards) {
          if (labelOf(card.element.data).toLowerCase().includes(q)) out.push({ id: card.element.id, stage: column.stage.id });
        }
      }
    }
    return out;
  }, [map, query, open]);
  const hitSet = useMemo(() => new Set(hits.map((h) => h.id)), [hits]);
  const close = () => {
    setOpen(false);
    setQuery("");
  };
  const bar = open ? (
    <div className="search-bar on-map" role="search" onClick={(e) => e.stopPropagation()}>
      <input
        ref={input}
        data-testid="search"
        placeholder={t("map.searchPlaceholder")}
        aria-label={t("map.search")}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setAt(0);
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing || e.keyCode === 229) return;
          if (e.key === "Enter" && hits.length > 0) {
            const i = (e.shiftKey ? at - 2 + 2 * hits.length : at) % hits.length;
            go(hits[i]!);
            setAt(i + 1);
          }
          if (e.key === "Escape") close();
        }}
      />
      <span className="muted small" data-testid="search-count">
        {query.trim() ? t("process.hits", { count: hits.length }) : ""}
      </span>
      <button className="link" onClick={close}>
        {t("process.closeSearch")}
      </button>
    </div>
  ) : null;
  return { bar, hitSet };
}

/** The other version's cards in `stage` and `lane` that this version removed (drawn as ghosts). */
function ghostsIn(other: JourneyMap | null, stage: ElementId, lane: Lane, marks: Marks): CardView[] {
  if (!other || marks.removed.size === 0) return [];
  const i = other.stages.findIndex((s) => s.stage.id === stage);
  return i < 0 ? [] : cardsIn(other, i, lane).filter((c) => marks.removed.has(c.element.id));
}
