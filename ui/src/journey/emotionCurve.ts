// Geometry of the emotion curve: each emotion card is a point in its stage's column, higher for a
// happier customer; the curve joins them in journey order.

import type { ElementId, JourneyMap } from "../bindings";
import { cardsIn } from "./model";

export interface EmotionPoint {
  id: ElementId;
  stage: ElementId;
  x: number;
  y: number;
  score: number;
  text: string;
}

export const SCORE_MIN = -2;
export const SCORE_MAX = 2;

/** y of a score in a lane of `height` with `pad` kept free above and below. */
export function scoreY(score: number, height: number, pad: number): number {
  const clamped = Math.max(SCORE_MIN, Math.min(SCORE_MAX, score));
  return pad + ((SCORE_MAX - clamped) / (SCORE_MAX - SCORE_MIN)) * (height - 2 * pad);
}

/** Points for every emotion of the map; columns are `columnWidth` wide, side by side. */
export function emotionPoints(map: JourneyMap, columnWidth: number, height: number, pad: number): EmotionPoint[] {
  return map.stages.flatMap((column, stageIndex) => {
    const cards = cardsIn(map, stageIndex, "emotion");
    return cards.map((card, i) => {
      const data = card.element.data;
      const score = data.kind === "emotion" ? (data.score ?? 0) : 0;
      return {
        id: card.element.id,
        stage: column.stage.id,
        x: stageIndex * columnWidth + ((i + 1) / (cards.length + 1)) * columnWidth,
        y: scoreY(score, height, pad),
        score,
        text: data.kind === "emotion" ? (data.text ?? "") : "",
      };
    });
  });
}

/** An SVG path through the points, smoothed with horizontal tangents (no overshoot past a point). */
export function curvePath(points: EmotionPoint[]): string {
  if (points.length === 0) return "";
  const [first, ...rest] = points;
  let d = `M ${first!.x} ${first!.y}`;
  let prev = first!;
  for (const p of rest) {
    const mid = (prev.x + p.x) / 2;
    d += ` C ${mid} ${prev.y}, ${mid} ${p.y}, ${p.x} ${p.y}`;
    prev = p;
  }
  return d;
}
