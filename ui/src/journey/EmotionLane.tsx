import { useTranslation } from "react-i18next";

import type { ElementId, JourneyMap } from "../bindings";

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

/** The emotion curve across all stages as the read model gives it (michi_core::look), the same curve
 * the exported picture draws: one point per emotion card, higher when happier. Its units are columns
 * across and the band down; here they are scaled to the map's columns and this lane's height. */
export function EmotionLane({ map, columnWidth, selected, onSelect, onStartEdit }: Props) {
  const { t } = useTranslation();
  const width = map.stages.length * columnWidth;
  const span = EMOTION_HEIGHT - 2 * PAD;
  // Rust's numbers arrive typed as possibly null (JSON has no NaN); they never are here.
  const y = (v: number | null) => PAD + (v ?? 0) * span;
  const { points, path, levels } = map.emotion;
  return (
    <svg className="emotion-curve" width={width} height={EMOTION_HEIGHT} role="group" aria-label={t("lanes.emotion")}>
      {levels.map((l) => (
        <line key={l.score} className={l.score === 0 ? "baseline" : "gridline"} x1={0} x2={width} y1={y(l.y)} y2={y(l.y)} />
      ))}
      {map.stages.map((s, i) =>
        i === 0 ? null : <line key={s.stage.id} className="separator" x1={i * columnWidth} x2={i * columnWidth} y1={0} y2={EMOTION_HEIGHT} />,
      )}
      <path className="curve" d={path} transform={`translate(0 ${PAD}) scale(${columnWidth} ${span})`} vectorEffect="non-scaling-stroke" />
      {points.map((p) => {
        const above = p.score < 0;
        const [cx, cy] = [(p.x ?? 0) * columnWidth, y(p.y)];
        return (
          <g
            key={p.card}
            className={`emotion-point score${p.score}${selected === p.card ? " selected" : ""}`}
            data-card={p.card}
            data-testid="emotion-point"
            role="button"
            aria-label={`${p.text} (${t(`emotion.${p.score}`)})`}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(p.card, p.stage);
            }}
            onDoubleClick={(e) => {
              e.stopPropagation();
              onStartEdit(p.card, p.stage);
            }}
          >
            <title>{`${p.text}\n${t(`emotion.${p.score}`)}`}</title>
            <circle cx={cx} cy={cy} r={selected === p.card ? 10 : 8} fill={p.colour} />
            <text x={cx} y={above ? cy - 14 : cy + 22} textAnchor="middle">
              {short(p.text)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
