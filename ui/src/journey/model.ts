// Lookups over the journey-map read model that Rust sends. No ordering or grouping is decided here:
// the map arrives ordered; these helpers only find things in it.

import type { CardView, Element, ElementId, JourneyMap, Lane, Outline } from "../bindings";

/** What is selected, and in which stage it was selected (a metric may sit in several stages). */
export interface Selection {
  id: ElementId;
  stage: ElementId | null;
}

export interface CardPlace {
  card: CardView;
  stageIndex: number;
  stage: Element;
  lane: Lane;
  index: number;
}

export function visibleLanes(map: JourneyMap): Lane[] {
  return map.lanes.filter((l) => !l.hidden).map((l) => l.lane);
}

export function cardsIn(map: JourneyMap, stageIndex: number, lane: Lane): CardView[] {
  return map.stages[stageIndex]?.cells.find((c) => c.lane === lane)?.cards ?? [];
}

/** Where a card sits; with `stage` given, its place in that stage (for cards shown in several). */
export function findCard(map: JourneyMap, id: ElementId, stage?: ElementId | null): CardPlace | null {
  let fallback: CardPlace | null = null;
  map.stages.forEach((column, stageIndex) => {
    for (const cell of column.cells) {
      const index = cell.cards.findIndex((c) => c.element.id === id);
      if (index < 0) continue;
      const place = { card: cell.cards[index]!, stageIndex, stage: column.stage, lane: cell.lane, index };
      if (!stage || column.stage.id === stage) {
        if (!fallback || column.stage.id === stage) fallback = place;
      }
    }
  });
  return fallback;
}

export function stageIndexOf(map: JourneyMap, id: ElementId): number {
  return map.stages.findIndex((s) => s.stage.id === id);
}

/** Any element the open journey map or the outline shows. */
export function findElement(map: JourneyMap | null, outline: Outline | null, id: ElementId): Element | null {
  if (map) {
    if (map.journey.id === id) return map.journey;
    for (const column of map.stages) {
      if (column.stage.id === id) return column.stage;
      for (const cell of column.cells) {
        const card = cell.cards.find((c) => c.element.id === id);
        if (card) return card.element;
      }
    }
  }
  if (outline) {
    return [...outline.segments, ...outline.personas, ...outline.terms].find((e) => e.id === id) ?? null;
  }
  return null;
}

/** The journey's stumbling points in map order, with the stage each sits in. */
export function stumblingPoints(map: JourneyMap): { card: CardView; stage: Element }[] {
  return map.stages.flatMap((column) =>
    (column.cells.find((c) => c.lane === "stumblingPoint")?.cards ?? []).map((card) => ({ card, stage: column.stage })),
  );
}

/** The CS actions of the journey, with their stage (to list who addresses a stumbling point). */
export function csActions(map: JourneyMap): { card: CardView; stage: Element }[] {
  return map.stages.flatMap((column) =>
    (column.cells.find((c) => c.lane === "csAction")?.cards ?? []).map((card) => ({ card, stage: column.stage })),
  );
}
