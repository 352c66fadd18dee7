// A small journey map shaped exactly as Rust's `read::journey_map` returns it.

import type { CardView, ElementData, JourneyMap, Lane, StageColumn } from "../src/bindings";

const LANES: Lane[] = ["customerGoal", "customerAction", "touchpoint", "emotion", "stumblingPoint", "csAction", "metric"];

/** Each lane's look as michi_core::look gives it. */
export const LOOK: Record<Lane, { ja: string; en: string; colour: string }> = {
  customerGoal: { ja: "顧客のゴール", en: "Customer goal", colour: "#5b6cc2" },
  customerAction: { ja: "顧客の行動", en: "Customer actions", colour: "#3d8bd4" },
  touchpoint: { ja: "タッチポイント", en: "Touchpoints", colour: "#1f9d92" },
  emotion: { ja: "感情", en: "Emotion", colour: "#c05f8a" },
  stumblingPoint: { ja: "つまずきポイント", en: "Stumbling points", colour: "#d9822b" },
  csAction: { ja: "CSアクション", en: "CS actions", colour: "#3a9a63" },
  metric: { ja: "指標", en: "Metrics", colour: "#8a5cc2" },
};

export function card(id: string, data: ElementData, links: string[] = []): CardView {
  return { element: { id, data }, links, alsoIn: [], segments: [], reach: data.kind === "touchpoint" ? "perAccount" : null };
}

function stage(id: string, name: string, cards: Partial<Record<Lane, CardView[]>>): StageColumn {
  return {
    stage: { id, data: { kind: "stage", name, goal: "", exitCriteria: "", ttvTargetDays: null } },
    cells: LANES.map((lane) => ({ lane, cards: cards[lane] ?? [] })),
    ttv: null,
  };
}

export function fixtureMap(hidden: Lane[] = []): JourneyMap {
  return {
    journey: { id: "journey-1", data: { kind: "journey", name: "導入ジャーニー", description: "" } },
    view: "view-1",
    isFor: [],
    lanes: LANES.map((lane) => ({ lane, hidden: hidden.includes(lane), look: { name: { ja: LOOK[lane].ja, en: LOOK[lane].en }, colour: LOOK[lane].colour } })),
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
    // As read::journey_map computes it: x in columns, y down the band (+2 at 0, −2 at 1).
    emotion: {
      points: [
        { card: "emo-1", stage: "stage-a", score: 1, text: "期待", x: 0.5, y: 0.25, colour: "#6cbf91" },
        { card: "emo-2", stage: "stage-b", score: -2, text: "不安", x: 1 + 1 / 3, y: 1, colour: "#d2493b" },
        { card: "emo-3", stage: "stage-b", score: 2, text: "安心", x: 1 + 2 / 3, y: 0, colour: "#2f9a5d" },
      ],
      path: "M 0.5 0.25 C 0.9166666666666667 0.25 0.9166666666666667 1 1.3333333333333333 1 C 1.5 1 1.5 0 1.6666666666666667 0",
      levels: [2, 1, 0, -1, -2].map((score) => ({ score, y: (2 - score) / 4 })),
    },
  };
}
