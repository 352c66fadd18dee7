import { useTranslation } from "react-i18next";

import type { ElementId, JourneyMap } from "../bindings";
import { SCORE_MAX, SCORE_MIN, curvePath, emotionPoints, scoreY } from "./emotionCurve";

export const EMOTION_HEIGHT = 170;
const PAD = 28;
const MAX_LABEL = 13;

interface Props {
  map: JourneyMap;
  columnWidth: number;
  selected: ElementId | null;
  onSelect: (id: ElementId, stage: ElementId) => void;
  onStartEdit: (id: ElementId, stage: ElementId) => void;
}

function short(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/** The emotion curve across all stages: one point per emotion card, higher when happier. */
export function EmotionLane({ map, columnWidth, selected, onSelect, onStartEdit }: Props) {
  const { t } = useTranslation();
  const width = map.stages.length * columnWidth;
  const points = emotionPoints(map, columnWidth, EMOTION_HEIGHT, PAD);
  const scores = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MAX - i);
  return (
    <svg className="emotion-curve" width={width} height={EMOTION_HEIGHT} role="group" aria-label={t("lanes.emotion")}>
      {scores.map((s) => (
        <line
          key={s}
          className={s === 0 ? "baseline" : "gridline"}
          x1={0}
          x2={width}
          y1={scoreY(s, EMOTION_HEIGHT, PAD)}
          y2={scoreY(s, EMOTION_HEIGHT, PAD)}
        />
      ))}
      {map.stages.map((s, i) =>
        i === 0 ? null : (
          <line key={s.stage.id} className="separator" x1={i * columnWidth} x2={i * columnWidth} y1={0} y2={EMOTION_HEIGHT} />
        ),
      )}
      <path className="curve" d={curvePath(points)} />
      {points.map((p) => {
        const above = p.score < 0;
        return (
          <g
            key={p.id}
            className={`emotion-point score${p.score}${selected === p.id ? " selected" : ""}`}
            data-card={p.id}
            data-testid="emotion-point"
            role="button"
            aria-label={`${p.text} (${t(`emotion.${p.score}`)})`}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(p.id, p.stage);
            }}
            onDoubleClick={(e) => {
              e.stopPropagation();
              onStartEdit(p.id, p.stage);
            }}
          >
            <title>{`${p.text}\n${t(`emotion.${p.score}`)}`}</title>
            <circle cx={p.x} cy={p.y} r={selected === p.id ? 10 : 8} />
            <text x={p.x} y={above ? p.y - 14 : p.y + 22} textAnchor="middle">
              {short(p.text)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
