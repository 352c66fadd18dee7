import { Citations } from "../evidence/Citations";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";

import type { Edit, Element, ElementData, ElementId, Glossary, JourneyMap, Outline, ProcessDiagram, RelationKind } from "../bindings";
import type { OverlayState, Session } from "../app/session";
import { type Selection, csActions, findCard, findElement, stumblingPoints } from "../journey/model";
import { labelOf } from "../app/elements";

const CHANNELS = ["onsite", "onlineMeeting", "phone", "email", "chat", "webinar", "inApp", "helpCenter", "community", "event", "other"] as const;
const TOUCHES = ["high", "low", "tech"] as const;
const REASONS = ["benefitUnclear", "notNow", "guidanceLacking", "noNeedBias", "other"] as const;
const SIZES = ["enterprise", "midMarket", "small"] as const;
const LEVELS = ["high", "medium", "low"] as const;
const SCORES = [-2, -1, 0, 1, 2] as const;
const PHASES = ["onboarding", "adoption", "expansion", "renewal"] as const;
const WORK_TAGS = ["teaching", "technical", "trouble", "productRequest", "domainKnowledge", "advocacy"] as const;
const REACHES = ["perAccount", "program"] as const;
type WorkTag = (typeof WORK_TAGS)[number];

/** What a card is about: the tags the org rules read (toggle buttons, several at once). */
function TagsField({ value, onChange }: { value: WorkTag[]; onChange: (tags: WorkTag[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field segmented tags" data-testid="work-tags">
      <legend>{t("props.workTags")}</legend>
      <div className="segments wrap">
        {WORK_TAGS.map((tag) => {
          const on = value.includes(tag);
          return (
            <button
              key={tag}
              type="button"
              className={on ? "on" : ""}
              aria-pressed={on}
              onClick={() => onChange(on ? value.filter((x) => x !== tag) : WORK_TAGS.filter((x) => x === tag || value.includes(x)))}
            >
              {t(`workTag.${tag}`)}
            </button>
          );
        })}
      </div>
      <p className="muted small">{t("props.workTagsHint")}</p>
    </fieldset>
  );
}

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

/** A number of 0 or more (empty: none, or the catalog's default), committed on leaving the field or Enter. */
function NumberField({ label, value, unit, whole, placeholder, testId, onCommit }: { label: string; value: number | null; unit?: string; whole?: boolean; placeholder?: string; testId?: string; onCommit: (v: number | null) => void }) {
  const id = useId();
  const [text, setText] = useState(value?.toString() ?? "");
  useEffect(() => setText(value?.toString() ?? ""), [value]);
  const commit = () => {
    const trimmed = text.trim();
    const parsed = trimmed === "" ? null : Number(trimmed);
    if (parsed !== null && (!Number.isFinite(parsed) || parsed < 0 || (whole && !Number.isInteger(parsed)))) {
      setText(value?.toString() ?? "");
      return;
    }
    if (parsed !== value) onCommit(parsed);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="with-unit">
        <input id={id} type="number" min={0} step={whole ? 1 : "any"} placeholder={placeholder} data-testid={testId} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()} />
        {unit && <span>{unit}</span>}
      </div>
    </div>
  );
}

const METRIC_ROLES = ["leading", "lagging"] as const;

function ChoiceField<T extends string>(props: {
  label: string;
  value: T | null | undefined;
  options: readonly T[];
  text: (o: T) => string;
  /** What "not set" means here (default: "Not set"). */
  none?: string;
  onChange: (v: T | null) => void;
}) {
  const id = useId();
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value ?? ""} onChange={(e) => props.onChange(e.target.value === "" ? null : (e.target.value as T))}>
        <option value="">{props.none ?? t("props.noneSelected")}</option>
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

const ACTIVITY_TYPES = ["task", "userTask", "manualTask", "serviceTask", "sendTask", "receiveTask", "scriptTask", "businessRuleTask", "subProcess", "callActivity", "transaction", "adHocSubProcess"] as const;
const EVENT_POSITIONS = ["start", "intermediateCatch", "intermediateThrow", "end", "boundary"] as const;
const GATEWAY_TYPES = ["exclusive", "parallel", "inclusive", "eventBased", "complex"] as const;
const SIDES = ["customer", "vendor", "partner"] as const;

interface Props {
  session: Session;
  map: JourneyMap | null;
  outline: Outline | null;
  selection: Selection | null;
  /** The open process diagram, when one is shown. */
  diagram: ProcessDiagram | null;
  glossary: Glossary | null;
  overlay: OverlayState | null;
  selectedCount: number;
  /** The workspace is open read-only: the fields show, but nothing can be changed. */
  readOnly?: boolean;
}

function findInDiagram(diagram: ProcessDiagram | null, id: ElementId): Element | null {
  if (!diagram) return null;
  if (diagram.root.id === id) return diagram.root;
  return diagram.shapes.find((s) => s.element.id === id)?.element ?? diagram.edges.find((e) => e.element.id === id)?.element ?? null;
}

export function Properties({ session, map, outline, selection, diagram, glossary, overlay, selectedCount, readOnly }: Props) {
  const { t } = useTranslation();
  const element = selection
    ? (findInDiagram(diagram, selection.id) ?? findElement(map, outline, selection.id))
    : map
      ? map.journey
      : diagram
        ? diagram.root
        : null;
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
      <div className="properties-kind">
        {t(`kinds.${element.data.kind}`)}
        {selectedCount > 1 && <span className="muted small"> · {t("props.selectedCount", { count: selectedCount })}</span>}
      </div>
      <fieldset className="properties-fields" disabled={readOnly}>
        <ElementForm key={element.id} session={session} element={element} map={map} outline={outline} selection={selection} diagram={diagram} glossary={glossary} overlay={overlay} selectedCount={selectedCount} />
        {element.data.kind !== "term" && element.data.kind !== "stateSnapshot" && glossary && (
          <TermsField session={session} element={element} glossary={glossary} />
        )}
      </fieldset>
      {selection && <Citations session={session} element={element.id} />}
      {selection && !readOnly && (
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

function ElementForm({ session, element, map, outline, selection, diagram, glossary, overlay }: { session: Session; element: Element } & Omit<Props, "session">) {
  const { t } = useTranslation();
  const { id, data } = element;
  const update = (next: ElementData) => void session.edit({ type: "update", id, data: next });
  const link = (kind: RelationKind, from: ElementId, to: ElementId, on: boolean) => {
    const edit: Edit = on ? { type: "link", kind, from, to } : { type: "unlink", kind, from, to };
    void session.edit(edit);
  };
  const place = map && selection ? findCard(map, id, selection.stage) : null;
  // A touchpoint or CS action drawn for some segments only (a segment variant of the playbook).
  const forSegments = outline && outline.segments.length > 0 && place && (
    <Checklist
      label={t("props.forSegments")}
      empty="—"
      items={outline.segments.map((e) => ({ id: e.id, label: labelOf(e.data), checked: place.card.segments.includes(e.id) }))}
      onToggle={(segment, on) => link("isFor", id, segment, on)}
    />
  );
  const stageName = (s: Element) => labelOf(s.data);
  // A touchpoint reaching many at once is costed per run, not per account (the read model says which).
  const program = (data.kind === "touchpoint" && data.reach === "program") || (data.kind === "touchpoint" && !data.reach && place?.card.reach === "program");
  const shape = diagram?.shapes.find((s) => s.element.id === id) ?? null;

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
          <ChoiceField label={t("props.phase")} value={data.phase} options={PHASES} text={(o) => t(`phase.${o}`)} onChange={(phase) => update({ ...data, phase })} />
          <TextField label={t("props.goal")} multiline value={data.goal ?? ""} onCommit={(goal) => update({ ...data, goal })} />
          <TextField label={t("props.exitCriteria")} multiline value={data.exitCriteria ?? ""} onCommit={(exitCriteria) => update({ ...data, exitCriteria })} />
          <NumberField whole unit={t("props.days")} label={t("props.ttvTarget")} value={data.ttvTargetDays ?? null} onCommit={(ttvTargetDays) => update({ ...data, ttvTargetDays })} />
          <NumberField whole unit={t("props.days")} label={t("props.stuckAfter")} value={data.stuckAfterDays ?? null} onCommit={(stuckAfterDays) => update({ ...data, stuckAfterDays })} />
          {overlay && <StatePanel session={session} overlay={overlay} element={id} outline={outline} />}
        </>
      );
    case "customerGoal":
    case "customerAction":
      return (
        <>
          <TextField label={t("props.text")} multiline value={data.text ?? ""} onCommit={(text) => update({ ...data, text })} />
          <TextField label={t("props.note")} multiline value={data.note ?? ""} onCommit={(note) => update({ ...data, note })} />
          <TagsField value={data.tags ?? []} onChange={(tags) => update({ ...data, tags })} />
        </>
      );
    case "csAction":
      return (
        <>
          <TextField label={t("props.text")} multiline value={data.text ?? ""} onCommit={(text) => update({ ...data, text })} />
          <TextField label={t("props.note")} multiline value={data.note ?? ""} onCommit={(note) => update({ ...data, note })} />
          <NumberField whole label={t("props.day")} unit={t("props.dayUnit")} placeholder={t("props.dayDefault")} testId="card-day" value={data.day ?? null} onCommit={(day) => update({ ...data, day })} />
          <TagsField value={data.tags ?? []} onChange={(tags) => update({ ...data, tags })} />
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
          {forSegments}
        </>
      );
    case "touchpoint":
      return (
        <>
          <TextField label={t("props.text")} multiline value={data.text ?? ""} onCommit={(text) => update({ ...data, text })} />
          <ChoiceField label={t("props.channel")} value={data.channel} options={CHANNELS} text={(o) => t(`channel.${o}`)} onChange={(channel) => update({ ...data, channel })} />
          <NumberField whole label={t("props.day")} unit={t("props.dayUnit")} placeholder={t("props.dayDefault")} testId="card-day" value={data.day ?? null} onCommit={(day) => update({ ...data, day })} />
          <Segmented label={t("props.touch")} value={data.touch} options={TOUCHES} text={(o) => t(`touch.${o}`)} className={(o) => `touch-${o}`} onChange={(touch) => update({ ...data, touch })} />
          <ChoiceField
            label={t("props.reach")}
            value={data.reach}
            options={REACHES}
            text={(o) => t(`reach.${o}`)}
            none={place?.card.reach ? t("props.reachAuto", { reach: t(`reach.${place.card.reach}`) }) : undefined}
            onChange={(reach) => update({ ...data, reach })}
          />
          <NumberField label={t(program ? "props.runsPerYear" : "props.perYear")} unit={t("props.timesUnit")} placeholder={t("props.catalogDefault")} testId="touch-per-year" value={data.perYear ?? null} onCommit={(perYear) => update({ ...data, perYear })} />
          <NumberField label={t(program ? "props.minutesPerRun" : "props.minutes")} unit={t("props.minutesUnit")} whole placeholder={t("props.catalogDefault")} testId="touch-minutes" value={data.minutes ?? null} onCommit={(minutes) => update({ ...data, minutes })} />
          <TagsField value={data.tags ?? []} onChange={(tags) => update({ ...data, tags })} />
          <TextField label={t("props.note")} multiline value={data.note ?? ""} onCommit={(note) => update({ ...data, note })} />
          {forSegments}
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
          <TagsField value={data.tags ?? []} onChange={(tags) => update({ ...data, tags })} />
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
          <ChoiceField
            label={t("props.metricRole")}
            value={data.role}
            options={METRIC_ROLES}
            text={(o) => t(`metricRole.${o}`)}
            onChange={(role) => update({ ...data, role })}
          />
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
          {map && data.role === "leading" && (
            <Checklist
              label={t("props.drives")}
              empty={t("props.noLagging")}
              items={map.stages.flatMap((s) =>
                s.cells
                  .flatMap((c) => c.cards)
                  .filter((c) => c.element.data.kind === "metric" && c.element.data.role === "lagging")
                  .map((c) => ({ id: c.element.id, label: labelOf(c.element.data), detail: stageName(s.stage), checked: place?.card.links.includes(c.element.id) ?? false })),
              ).filter((item, i, all) => all.findIndex((x) => x.id === item.id) === i)}
              onToggle={(target, on) => link("drives", id, target, on)}
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
          <NumberField label={t("props.accounts")} unit={t("props.accountsUnit")} whole testId="segment-accounts" value={data.accounts ?? null} onCommit={(accounts) => update({ ...data, accounts })} />
          <NumberField label={t("props.newPerYear")} unit={t("props.accountsUnit")} whole testId="segment-new" value={data.newPerYear ?? null} onCommit={(newPerYear) => update({ ...data, newPerYear })} />
          <NumberField label={t("props.renewalsPerYear")} unit={t("props.accountsUnit")} whole placeholder={t("props.renewalsDefault")} testId="segment-renewals" value={data.renewalsPerYear ?? null} onCommit={(renewalsPerYear) => update({ ...data, renewalsPerYear })} />
          <NumberField label={t("props.contactsPerAccount")} unit={t("props.timesUnit")} testId="segment-contacts" value={data.contactsPerAccount ?? null} onCommit={(contactsPerAccount) => update({ ...data, contactsPerAccount })} />
        </>
      );
    case "activity":
      return (
        <>
          <TextField label={t("props.name")} multiline value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />
          <ChoiceField
            label={t("props.activityType")}
            value={data.type ?? "task"}
            options={ACTIVITY_TYPES}
            text={(o) => t(`activityType.${o}`)}
            onChange={(type) => update({ ...data, type: type ?? "task" })}
          />
          <NumberField whole unit={t("props.days")} label={t("props.stuckAfter")} value={data.stuckAfterDays ?? null} onCommit={(stuckAfterDays) => update({ ...data, stuckAfterDays })} />
          {outline && (
            <Checklist
              label={t("props.serves")}
              empty={t("props.noStages")}
              items={outline.journeys.flatMap((j) =>
                j.stages.map((st) => ({ id: st.id, label: st.name, detail: j.name, checked: shape?.serves.includes(st.id) ?? false })),
              )}
              onToggle={(stage, on) => link("serves", id, stage, on)}
            />
          )}
          {overlay && <StatePanel session={session} overlay={overlay} element={id} outline={outline} />}
        </>
      );
    case "event":
      return (
        <>
          <TextField label={t("props.name")} value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />
          <ChoiceField
            label={t("props.eventPosition")}
            value={data.position ?? "start"}
            options={EVENT_POSITIONS}
            text={(o) => t(`eventPosition.${o}`)}
            onChange={(position) => update({ ...data, position: position ?? "start" })}
          />
        </>
      );
    case "gateway":
      return (
        <>
          <TextField label={t("props.name")} value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />
          <ChoiceField
            label={t("props.gatewayType")}
            value={data.type ?? "exclusive"}
            options={GATEWAY_TYPES}
            text={(o) => t(`gatewayType.${o}`)}
            onChange={(type) => update({ ...data, type: type ?? "exclusive" })}
          />
          <p className="muted small">{t("props.gatewayHint")}</p>
        </>
      );
    case "pool":
      return (
        <>
          <TextField label={t("props.name")} value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />
          <ChoiceField label={t("props.side")} value={data.side ?? null} options={SIDES} text={(o) => t(`side.${o}`)} onChange={(side) => update({ ...data, side })} />
        </>
      );
    case "sequenceFlow":
    case "messageFlow": {
      // Its ends: pick another shape to reconnect it (Rust refuses a pair that calls for another connector).
      const edge = diagram?.edges.find((e) => e.element.id === id);
      const ends = (diagram?.shapes ?? []).filter((x) => ["activity", "event", "gateway", "pool"].includes(x.element.data.kind));
      const name = (x: (typeof ends)[number]) => `${labelOf(x.element.data) || "—"} (${t(`kinds.${x.element.data.kind}`)})`;
      const end = (source: boolean) => {
        const current = source ? edge?.source : edge?.target;
        return (
          <ChoiceField
            label={t(source ? "props.from" : "props.to")}
            value={current ?? null}
            options={ends.map((x) => x.element.id)}
            text={(o) => name(ends.find((x) => x.element.id === o)!)}
            onChange={(to) => to && to !== current && diagram && void session.edit({ type: "reconnect", view: diagram.view, flow: id, source, to })}
          />
        );
      };
      return (
        <>
          <TextField label={t("props.name")} value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />
          {edge && diagram && (
            <>
              {end(true)}
              {end(false)}
            </>
          )}
        </>
      );
    }
    case "lane":
    case "collaboration":
    case "process":
    case "processModel":
    case "group":
    case "dataObject":
      return <TextField label={t("props.name")} value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />;
    case "system":
      return (
        <>
          <TextField label={t("props.name")} value={data.name ?? ""} onCommit={(name) => update({ ...data, name })} />
          <TextField label={t("props.description")} multiline value={data.description ?? ""} onCommit={(description) => update({ ...data, description })} />
        </>
      );
    case "annotation":
      return <TextField label={t("props.text")} multiline value={data.text ?? ""} onCommit={(text) => update({ ...data, text })} />;
    case "term": {
      const usages = glossary?.terms.find((x) => x.term.id === id)?.usages ?? [];
      return (
        <>
          <TextField label={t("props.termJa")} value={data.term ?? ""} onCommit={(term) => update({ ...data, term })} />
          <TextField label={t("props.termEn")} value={data.termEn ?? ""} onCommit={(termEn) => update({ ...data, termEn })} />
          <TextField label={t("props.definitionJa")} multiline value={data.definition ?? ""} onCommit={(definition) => update({ ...data, definition })} />
          <TextField label={t("props.definitionEn")} multiline value={data.definitionEn ?? ""} onCommit={(definitionEn) => update({ ...data, definitionEn })} />
          <div className="field">
            <span className="field-label">{t("glossary.usedBy")}</span>
            {usages.length === 0 ? (
              <p className="muted small">{t("glossary.unused")}</p>
            ) : (
              <ul className="usage-list">
                {usages.map((u) => (
                  <li key={u.element}>
                    {u.label || "—"} <span className="muted small">{t(`kinds.${u.kind}`)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      );
    }
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

/** The glossary terms an element uses (共通言語), ticked from the whole glossary. */
function TermsField({ session, element, glossary }: { session: Session; element: Element; glossary: Glossary }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  return (
    <Checklist
      label={t("props.terms")}
      empty={t("props.noTerms")}
      items={glossary.terms.map(({ term, usages }) => {
        const d = term.data.kind === "term" ? term.data : null;
        return {
          id: term.id,
          label: (en && d?.termEn ? d.termEn : d?.term) ?? "",
          detail: (en && d?.definitionEn ? d.definitionEn : d?.definition) ?? "",
          checked: usages.some((u) => u.element === element.id),
        };
      })}
      onToggle={(term, on) =>
        void session.edit(on ? { type: "link", kind: "usesTerm", from: element.id, to: term } : { type: "unlink", kind: "usesTerm", from: element.id, to: term })
      }
    />
  );
}

/** What the shown snapshot says about an activity; in a snapshot typed by hand, its count is edited here. */
function StatePanel({ session, overlay, element, outline }: { session: Session; overlay: OverlayState; element: ElementId; outline: Outline | null }) {
  const { t } = useTranslation();
  const node = overlay.data.nodes.find((n) => n.element === element);
  const manual = outline?.snapshots.find((s) => s.id === overlay.snapshot)?.manual ?? false;
  const hours = (h: number | null) => (h === null ? "—" : h >= 48 ? t("state.days", { n: (h / 24).toFixed(1) }) : t("state.hours", { n: h.toFixed(1) }));
  return (
    <fieldset className="field state-panel" data-testid="state-panel">
      <legend>{t("state.title")}</legend>
      {manual ? (
        <NumberField
          whole
          label={t("state.manualCount")}
          testId="manual-count"
          value={node?.present ?? null}
          onCommit={(present) => void session.edit({ type: "setManualCount", snapshot: overlay.snapshot, element, present })}
        />
      ) : null}
      {node ? (
        <dl className="state-facts">
          <dt>{t("state.present")}</dt>
          <dd data-testid="state-present">{node.present}</dd>
          {!manual && (
            <>
              {node.carried > 0 && (
                <>
                  <dt>{t("state.carried")}</dt>
                  <dd>{node.carried}</dd>
                </>
              )}
              <dt>{t("state.entered")}</dt>
              <dd>{node.entered}</dd>
              <dt>{t("state.completed")}</dt>
              <dd>{node.completed}</dd>
              <dt>{t("state.median")}</dt>
              <dd>{hours(node.medianHours)}</dd>
              <dt>{t("state.p90")}</dt>
              <dd>{hours(node.p90Hours)}</dd>
            </>
          )}
          {node.moved !== null && (
            <>
              <dt>{t("state.moved")}</dt>
              <dd>{node.moved > 0 ? `+${node.moved}` : node.moved}</dd>
            </>
          )}
        </dl>
      ) : (
        !manual && <p className="muted small">{t("state.noCases")}</p>
      )}
      {node && node.stuck.length > 0 && (
        <div className="stuck-list" data-testid="stuck-list">
          <strong>{t("state.stuckHeading", { days: node.stuckAfterDays ?? 0 })}</strong>
          <ul>
            {node.stuck.map((c) => (
              <li key={c.case}>
                {c.case}
                {c.account ? ` · ${c.account}` : ""} <span className="muted">{t("state.days", { n: (c.days ?? 0).toFixed(0) })}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}
