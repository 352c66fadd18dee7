// A small journey map shaped exactly as Rust's `read::journey_map` returns it.

import type { CardView, ElementData, JourneyMap, Lane, StageColumn } from "../src/bindings";

const LANES: Lane[] = ["customerGoal", "customerAction", "touchpoint", "emotion", "stumblingPoint", "csAction", "metric"];

export function card(id: string, data: ElementData, links: string[] = []): CardView {
  return { element: { id, data }, links, alsoIn: [], segments: [] };
}

function stage(id: string, name: string, cards: Partial<Record<Lane, CardView[]>>): StageColumn {
  return {
    stage: { id, data: { kind: "stage", name, goal: "", exitCriteria: "", ttvTargetDays: null } },
    cells: LANES.map((lane) => ({ lane, cards: cards[lane] ?? [] })),
  };
}

export function fixtureMap(hidden: Lane[] = []): JourneyMap {
  return {
    journey: { id: "journey-1", data: { kind: "journey", name: "導入ジャーニー", description: "" } },
    view: "view-1",
    isFor: [],
    lanes: LANES.map((lane) => ({ lane, hidden: hidden.includes(lane) })),
    stages: [
      stage("stage-a", "オンボーディング", {
        customerAction: [
          card("act-1", { kind: "customerAction", text: "キックオフに参加", note: "" }),
          card("act-2", { kind: "customerAction", text: "<b>x</b>", note: "" }),
        ],
        emotion: [card("emo-1", { kind: "emotion", text: "期待", note: "", score: 1 })],
        stumblingPoint: [
          card("sp-1", { kind: "stumblingPoint", text: "設定が難しい", note: "", reason: "guidanceLacking", polarity: "negative" }, ["cs-1"]),
        ],
        csAction: [card("cs-1", { kind: "csAction", text: "操作説明会", note: "" }, ["sp-1"])],
      }),
      stage("stage-b", "活用", {
        customerAction: [card("act-3", { kind: "customerAction", text: "毎日記録する", note: "" })],
        emotion: [
          card("emo-2", { kind: "emotion", text: "不安", note: "", score: -2 }),
          card("emo-3", { kind: "emotion", text: "安心", note: "", score: 2 }),
        ],
      }),
      stage("stage-c", "更新", {}),
    ],
  };
}
