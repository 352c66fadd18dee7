// Keyboard navigation and keyboard moves on a journey map, as pure functions of the map.
// Arrows move the selection; Alt+Arrows move the selected card or stage (an Edit for Rust to apply).

import type { Edit, JourneyMap } from "../bindings";
import { type Selection, cardsIn, findCard, stageIndexOf, visibleLanes } from "./model";

export type Direction = "left" | "right" | "up" | "down";

export function directionOf(key: string): Direction | null {
  switch (key) {
    case "ArrowLeft":
      return "left";
    case "ArrowRight":
      return "right";
    case "ArrowUp":
      return "up";
    case "ArrowDown":
      return "down";
    default:
      return null;
  }
}

function stageSelection(map: JourneyMap, index: number): Selection | null {
  const column = map.stages[index];
  return column ? { id: column.stage.id, stage: column.stage.id } : null;
}

/** The first card of the first non-empty visible lane at or after `laneIndex` in a stage. */
function firstCardFrom(map: JourneyMap, stageIndex: number, laneIndex: number, step: 1 | -1): Selection | null {
  const lanes = visibleLanes(map);
  const stage = map.stages[stageIndex]?.stage.id ?? null;
  for (let i = laneIndex; i >= 0 && i < lanes.length; i += step) {
    const cards = cardsIn(map, stageIndex, lanes[i]!);
    const card = step === 1 ? cards[0] : cards[cards.length - 1];
    if (card) return { id: card.element.id, stage };
  }
  return null;
}

/** Where the selection goes from `from` in direction `dir`; null when there is nowhere to go. */
export function neighbour(map: JourneyMap, from: Selection, dir: Direction): Selection | null {
  const stageIndex = stageIndexOf(map, from.id);
  if (stageIndex >= 0) {
    // A stage header.
    if (dir === "left") return stageSelection(map, stageIndex - 1);
    if (dir === "right") return stageSelection(map, stageIndex + 1);
    if (dir === "down") return firstCardFrom(map, stageIndex, 0, 1);
    return null;
  }
  const place = findCard(map, from.id, from.stage);
  if (!place) return null;
  const lanes = visibleLanes(map);
  const laneIndex = lanes.indexOf(place.lane);
  const cards = cardsIn(map, place.stageIndex, place.lane);
  const stage = place.stage.id;
  if (dir === "up") {
    if (place.index > 0) return { id: cards[place.index - 1]!.element.id, stage };
    return firstCardFrom(map, place.stageIndex, laneIndex - 1, -1) ?? stageSelection(map, place.stageIndex);
  }
  if (dir === "down") {
    if (place.index < cards.length - 1) return { id: cards[place.index + 1]!.element.id, stage };
    return firstCardFrom(map, place.stageIndex, laneIndex + 1, 1);
  }
  const step = dir === "left" ? -1 : 1;
  for (let s = place.stageIndex + step; s >= 0 && s < map.stages.length; s += step) {
    const there = cardsIn(map, s, place.lane);
    const card = there[Math.min(place.index, there.length - 1)];
    if (card) return { id: card.element.id, stage: map.stages[s]!.stage.id };
  }
  return null;
}

/** The edit that moves the selected stage or card one step in `dir`, or null if it cannot move. */
export function moveEdit(map: JourneyMap, selected: Selection, dir: Direction): Edit | null {
  const stageIndex = stageIndexOf(map, selected.id);
  if (stageIndex >= 0) {
    if (dir === "up" || dir === "down") return null;
    const index = stageIndex + (dir === "left" ? -1 : 1);
    if (index < 0 || index >= map.stages.length) return null;
    return { type: "moveStage", stage: selected.id, index };
  }
  const place = findCard(map, selected.id, selected.stage);
  if (!place) return null;
  const from = place.stage.id;
  if (dir === "up" || dir === "down") {
    const index = place.index + (dir === "up" ? -1 : 1);
    if (index < 0 || index >= cardsIn(map, place.stageIndex, place.lane).length) return null;
    return { type: "moveCard", card: selected.id, from, to: from, index };
  }
  const target = map.stages[place.stageIndex + (dir === "left" ? -1 : 1)];
  if (!target) return null;
  const index = Math.min(place.index, cardsIn(map, place.stageIndex + (dir === "left" ? -1 : 1), place.lane).length);
  return { type: "moveCard", card: selected.id, from, to: target.stage.id, index };
}
