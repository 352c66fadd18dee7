import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";

import type { Edit, Element, ElementData, ElementId, JourneyMap, Outline, RelationKind } from "../bindings";
import type { Session } from "../app/session";
import { type Selection, csActions, findCard, findElement, labelOf, stumblingPoints } from "../journey/model";

const CHANNELS = ["onsite", "onlineMeeting", "phone", "email", "chat", "webinar", "inApp", "helpCenter", "community", "event", "other"] as const;
const TOUCHES = ["high", "low", "tech"] as const;
const REASONS = ["benefitUnclear", "notNow", "guidanceLacking", "noNeedBias", "other"] as const;
const SIZES = ["enterprise", "midMarket", "small"] as const;
const LEVELS = ["high", "medium", "low"] as const;
const SCORES = [-2, -1, 0, 1, 2] as const;

interface TextFieldProps {
  label: string;
  value: string;
  multiline?: boolean;
  onCommit: (value: string) => void;
}

/** A text property: committed when the field is left or Enter is pressed (Ctrl+Enter in a text area). */
function TextField({ label, value, multiline, onCommit }: TextFieldProps) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text !== value) onCommit(text);
  };
  const common = {
    id,
    value: text,
    onChange: (e: { target: { value: string } }) => setText(e.target.value),
    onBlur: commit,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          {...common}
          rows={3}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) commit();
            if (e.key === "Escape") setText(value);
          }}
        />
      ) : (
        <input
          {...common}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing || e.keyCode === 229) return;
            if (e.key === "Enter") commit();
            if (e.key === "Escape") setText(value);
          }}
        />
      )}
    </div>
  );
}

function DaysField({ label, value, onCommit }: { label: string; value: number | null; onCommit: (v: number | null) => void }) {
  const id = useId();
  const { t } = useTranslation();
  const [text, setText] = useState(value?.toString() ?? "");
  useEffect(() => setText(value?.toString() ?? ""), [value]);
  const commit = () => {
    const trimmed = text.trim();
    const parsed = trimmed === "" ? null : Number.parseInt(trimmed, 10);
    if (parsed !== null && (Number.isNaN(parsed) || parsed < 0)) {
      setText(value?.toString() ?? "");
      return;
    }
    if (parsed !== value) onCommit(parsed);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="with-unit">
        <input
          id={id}
          type="number"
          min={0}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === "Enter" && commit()}
        />
        <span>{t("props.days")}</span>
      </div>
    </div>
  );
}

function ChoiceField<T extends string>(props: {
  label: string;
  value: T | null | undefined;
  options: readonly T[];
  text: (o: T) => string;
  onChange: (v: T | null) => void;
}) {
  const id = useId();
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value ?? ""} onChange={(e) => props.onChange(e.target.value === "" ? null : (e.target.value as T))}>
        <option value="">{t("props.noneSelected")}</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.text(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Segmented<T extends string | number>(props: {
  label: string;
  value: T | null | undefined;
  options: readonly T[];
  text: (o: T) => string;
  onChange: (v: T) => void;
  className?: (o: T) => string;
}) {
  return (
    <fieldset className="field segmented">
      <legend>{props.label}</legend>
      <div className="segments">
        {props.options.map((o) => (
          <button
            key={String(o)}
            type="button"
            className={`${props.value === o ? "on" : ""} ${props.className?.(o) ?? ""}`}
            aria-pressed={props.value === o}
            onClick={() => props.value !== o && props.onChange(o)}
          >
            {props.text(o)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

function Checklist(props: {
  label: string;
  empty: string;
  items: { id: ElementId; label: string; detail?: string; checked: boolean; disabled?: boolean }[];
  onToggle: (id: ElementId, checked: boolean) => void;
}) {
  return (
    <fieldset className="field checklist">
      <legend>{props.label}</legend>
      {props.items.length === 0 && <p className="muted">{props.empty}</p>}
      {props.items.map((item) => (
        <label key={item.id} className="check">
          <input
            type="checkbox"
            checked={item.checked}
            disabled={item.disabled}
            onChange={(e) => props.onToggle(item.id, e.target.checked)}
          />
          <span>
            {item.label || "—"}
            {item.detail && <small>{item.detail}</small>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

interface Props {
  session: Session;
  map: JourneyMap | null;
  outline: Outline | null;
  selection: Selection | null;
}

export function Properties({ session, map, outline, selection }: Props) {
  const { t } = useTranslation();
  const element = selection ? findElement(map, outline, selection.id) : map ? map.journey : null;
  if (!element) {
    return (
      <aside className="properties" aria-label={t("props.title")}>
        <h2>{t("props.title")}</h2>
        <p className="muted">{t("props.nothing")}</p>
      </aside>
    );
  }
  return (
    <aside className="properties" aria-label={t("props.title")}>
      <div className="properties-kind">{t(`kinds.${element.data.kind}`)}</div>
      <ElementForm key={element.id} session={session} element={element} map={map} outline={outline} selection={selection} />
      {selection && (
        <div className="properties-footer">
          <button className="danger" onClick={() => void session.edit({ type: "delete", ids: [element.id] })}>
            {t("props.delete")}
          </button>
          <p className="muted small">{t("props.deleteHint")}</p>
        </div>
      )}
    </aside>
  );
}

function ElementForm({ session, element, map, outline, selection }: { session: Session; element: Element } & Omit<Props, "session">) {
  const { t } = useTranslation();
  const { id, data } = element;
  const update = (next: ElementData) => void session.edit({ type: "update", id, data: next });
  const link = (kind: RelationKind, from: ElementId, to: ElementId, on: boolean) => {
    const edit: Edit = on ? { type: "link", kind, from, to } : { type: "unlink", kind, from, to };
    void session.edit(edit);
  };
  const place = map && selection ? findCard(map, id, selection.stage) : null;
  const stageName = (s: Element) => labelOf(s.data);

  switch (data.kind) {
    case "journey":
      return (
        <>
          <TextField label={t("props.name")} value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />
          <TextField label={t("props.description")} multiline value={data.description ?? ""} onCommit={(description) => update({ ...data, description })} />
          {map && map.journey.id === id && outline && (
            <Checklist
              label={t("props.isFor")}
              empty={t("sidebar.empty")}
              items={[...outline.segments, ...outline.personas].map((e) => ({
                id: e.id,
                label: labelOf(e.data),
                detail: t(`kinds.${e.data.kind}`),
                checked: map.isFor.includes(e.id),
              }))}
              onToggle={(target, on) => link("isFor", id, target, on)}
            />
          )}
        </>
      );
    case "stage":
      return (
        <>
          <TextField label={t("props.name")} value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />
          <TextField label={t("props.goal")} multiline value={data.goal ?? ""} onCommit={(goal) => update({ ...data, goal })} />
          <TextField label={t("props.exitCriteria")} multiline value={data.exitCriteria ?? ""} onCommit={(exitCriteria) => update({ ...data, exitCriteria })} />
          <DaysField label={t("props.ttvTarget")} value={data.ttvTargetDays ?? null} onCommit={(ttvTargetDays) => update({ ...data, ttvTargetDays })} />
        </>
      );
    case "customerGoal":
    case "customerAction":
      return (
        <>
          <TextField label={t("props.text")} multiline value={data.text ?? ""} onCommit={(text) => update({ ...data, text })} />
          <TextField label={t("props.note")} multiline value={data.note ?? ""} onCommit={(note) => update({ ...data, note })} />
        </>
      );
    case "csAction":
      return (
        <>
          <TextField label={t("props.text")} multiline value={data.text ?? ""} onCommit={(text) => update({ ...data, text })} />
          <TextField label={t("props.note")} multiline value={data.note ?? ""} onCommit={(note) => update({ ...data, note })} />
          {map && (
            <Checklist
              label={t("props.addresses")}
              empty={t("props.noStumblingPoints")}
              items={stumblingPoints(map).map(({ card, stage }) => ({
                id: card.element.id,
                label: labelOf(card.element.data),
                detail: stageName(stage),
                checked: place?.card.links.includes(card.element.id) ?? false,
              }))}
              onToggle={(target, on) => link("addresses", id, target, on)}
            />
          )}
        </>
      );
    case "touchpoint":
      return (
        <>
          <TextField label={t("props.text")} multiline value={data.text ?? ""} onCommit={(text) => update({ ...data, text })} />
          <ChoiceField label={t("props.channel")} value={data.channel} options={CHANNELS} text={(o) => t(`channel.${o}`)} onChange={(channel) => update({ ...data, channel })} />
          <Segmented label={t("props.touch")} value={data.touch} options={TOUCHES} text={(o) => t(`touch.${o}`)} className={(o) => `touch-${o}`} onChange={(touch) => update({ ...data, touch })} />
          <TextField label={t("props.note")} multiline value={data.note ?? ""} onCommit={(note) => update({ ...data, note })} />
        </>
      );
    case "emotion":
      return (
        <>
          <TextField label={t("props.text")} multiline value={data.text ?? ""} onCommit={(text) => update({ ...data, text })} />
          <Segmented
            label={t("props.score")}
            value={data.score ?? 0}
            options={SCORES}
            text={(o) => (o > 0 ? `+${o}` : `${o}`)}
            className={(o) => `score${o}`}
            onChange={(score) => update({ ...data, score })}
          />
          <p className="muted small">{t(`emotion.${data.score ?? 0}`)}</p>
          <TextField label={t("props.note")} multiline value={data.note ?? ""} onCommit={(note) => update({ ...data, note })} />
        </>
      );
    case "stumblingPoint":
      return (
        <>
          <TextField label={t("props.text")} multiline value={data.text ?? ""} onCommit={(text) => update({ ...data, text })} />
          <Segmented
            label={t("props.polarity")}
            value={data.polarity ?? "negative"}
            options={["negative", "positive"] as const}
            text={(o) => t(`polarity.${o}`)}
            className={(o) => `polarity-${o}`}
            onChange={(polarity) => update({ ...data, polarity })}
          />
          <ChoiceField label={t("props.reason")} value={data.reason} options={REASONS} text={(o) => t(`reason.${o}`)} onChange={(reason) => update({ ...data, reason })} />
          <TextField label={t("props.note")} multiline value={data.note ?? ""} onCommit={(note) => update({ ...data, note })} />
          {map && (
            <Checklist
              label={t("props.addressedBy")}
              empty="—"
              items={csActions(map).map(({ card, stage }) => ({
                id: card.element.id,
                label: labelOf(card.element.data),
                detail: stageName(stage),
                checked: place?.card.links.includes(card.element.id) ?? false,
              }))}
              onToggle={(action, on) => link("addresses", action, id, on)}
            />
          )}
        </>
      );
    case "metric": {
      const measured = new Set([...(place ? [place.stage.id] : []), ...(place?.card.alsoIn ?? [])]);
      return (
        <>
          <TextField label={t("props.name")} value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />
          <TextField label={t("props.definition")} multiline value={data.definition ?? ""} onCommit={(definition) => update({ ...data, definition })} />
          <TextField label={t("props.dataSource")} value={data.dataSource ?? ""} onCommit={(dataSource) => update({ ...data, dataSource })} />
          <TextField label={t("props.target")} value={data.target ?? ""} onCommit={(target) => update({ ...data, target })} />
          {map && (
            <Checklist
              label={t("props.measures")}
              empty="—"
              items={map.stages.map((s) => ({
                id: s.stage.id,
                label: stageName(s.stage),
                checked: measured.has(s.stage.id),
                // A metric keeps at least one stage: it is shown in the stages it measures.
                disabled: measured.has(s.stage.id) && measured.size === 1,
              }))}
              onToggle={(stage, on) => link("measures", id, stage, on)}
            />
          )}
        </>
      );
    }
    case "segment":
      return (
        <>
          <TextField label={t("props.name")} value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />
          <ChoiceField label={t("props.size")} value={data.size} options={SIZES} text={(o) => t(`size.${o}`)} onChange={(size) => update({ ...data, size })} />
          <TextField label={t("props.industry")} value={data.industry ?? ""} onCommit={(industry) => update({ ...data, industry })} />
          <ChoiceField label={t("props.motivation")} value={data.motivation} options={LEVELS} text={(o) => t(`level.${o}`)} onChange={(motivation) => update({ ...data, motivation })} />
          <ChoiceField label={t("props.literacy")} value={data.literacy} options={LEVELS} text={(o) => t(`level.${o}`)} onChange={(literacy) => update({ ...data, literacy })} />
        </>
      );
    case "persona":
      return (
        <>
          <TextField label={t("props.name")} value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />
          <TextField label={t("props.role")} value={data.role ?? ""} onCommit={(role) => update({ ...data, role })} />
          <TextField label={t("props.description")} multiline value={data.description ?? ""} onCommit={(description) => update({ ...data, description })} />
        </>
      );
  }
}
