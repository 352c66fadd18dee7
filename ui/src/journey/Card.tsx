import { memo, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import type { CardView, ElementData, ElementId, Lane, Severity } from "../bindings";
import { ProblemBadge } from "../diagnosis/ProblemBadge";
import { EvidenceBadge, type EvidenceMark } from "../evidence/Badge";
import { InlineEditor } from "./InlineEditor";
import { labelOf } from "../app/elements";

export interface CardProps {
  card: CardView;
  stage: ElementId;
  lane: Lane;
  selected: boolean;
  /** Linked to the selected card (a CS action and the stumbling points it addresses). */
  related: boolean;
  /** Its text matches the find bar's words. */
  hit?: boolean;
  editing: boolean;
  /** The most severe diagnosis finding on this card, if any. */
  problem?: Severity | null;
  onSelect: (id: ElementId, stage: ElementId) => void;
  onStartEdit: (id: ElementId, stage: ElementId) => void;
  onCommitText: (card: CardView, text: string) => void;
  onStopEdit: () => void;
  onDragStart: (id: ElementId, stage: ElementId, lane: Lane) => void;
  onDragEnd: () => void;
  /** How the version compared with differs here. */
  mark?: "added" | "changed" | "layout" | "removed" | null;
  /** The coverage layer's mark, when it is on. */
  evidence?: EvidenceMark | null;
}

/** The chips under a card's text: what kind of touch, why the customer stumbles, what addresses it. */
function Chips({ data, card }: { data: ElementData; card: CardView }) {
  const { t } = useTranslation();
  switch (data.kind) {
    case "touchpoint":
      return (
        <div className="chips">
          {data.touch && <span className={`chip touch-${data.touch}`}>{t(`touch.${data.touch}`)}</span>}
          {data.channel && <span className="chip">{t(`channel.${data.channel}`)}</span>}
        </div>
      );
    case "stumblingPoint": {
      const positive = data.polarity === "positive";
      return (
        <div className="chips">
          <span className={`chip polarity-${positive ? "positive" : "negative"}`}>
            {positive ? "▲" : "▼"} {t(`polarity.${positive ? "positive" : "negative"}`)}
          </span>
          {data.reason && <span className={`chip reason reason-${data.reason}`}>{t(`reasonShort.${data.reason}`)}</span>}
          {!positive &&
            (card.links.length > 0 ? (
              <span className="chip linked">{t("map.addressedBy", { count: card.links.length })}</span>
            ) : (
              <span className="chip warn">{t("map.noAction")}</span>
            ))}
        </div>
      );
    }
    case "csAction":
      return card.links.length > 0 ? (
        <div className="chips">
          <span className="chip linked">{t("map.addresses", { count: card.links.length })}</span>
        </div>
      ) : null;
    case "metric":
      return data.target ? (
        <div className="chips">
          <span className="chip target">{t("map.target", { target: data.target })}</span>
          {card.alsoIn.length > 0 && <span className="chip" title={t("map.alsoIn")}>+{card.alsoIn.length}</span>}
        </div>
      ) : null;
    default:
      return null;
  }
}

function note(data: ElementData): string {
  return "note" in data ? (data.note ?? "") : data.kind === "metric" ? (data.definition ?? "") : "";
}

export const Card = memo(function Card(props: CardProps) {
  const { t } = useTranslation();
  const { card, stage, lane, selected, related, editing, hit } = props;
  const ref = useRef<HTMLDivElement>(null);
  const data = card.element.data;
  const text = labelOf(data);

  useEffect(() => {
    if (selected && !editing) {
      ref.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }, [selected, editing]);

  return (
    <div
      ref={ref}
      className={`card card-${data.kind}${selected ? " selected" : ""}${related ? " related" : ""}${hit ? " hit" : ""}${props.mark ? ` diff-${props.mark}` : ""}`}
      data-card={card.element.id}
      data-mark={props.mark ?? undefined}
      data-testid="card"
      role="button"
      tabIndex={-1}
      aria-selected={selected}
      draggable={!editing}
      onClick={(e) => {
        e.stopPropagation();
        props.onSelect(card.element.id, stage);
      }}
      onDoubleClick={(e) => {
        e.stopPropagation();
        props.onStartEdit(card.element.id, stage);
      }}
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", text);
        props.onDragStart(card.element.id, stage, lane);
      }}
      onDragEnd={props.onDragEnd}
    >
      {editing ? (
        <InlineEditor
          initial={text}
          label={t(`kinds.${data.kind}`)}
          onCommit={(value) => props.onCommitText(card, value)}
          onCancel={props.onStopEdit}
        />
      ) : (
        <>
          <div className="card-text">{text || <span className="placeholder">{t(`kinds.${data.kind}`)}</span>}</div>
          {note(data) && <div className="card-note">{note(data)}</div>}
        </>
      )}
      <Chips data={data} card={card} />
      {props.problem && <ProblemBadge severity={props.problem} />}
      {props.evidence && <EvidenceBadge mark={props.evidence} />}
    </div>
  );
});
