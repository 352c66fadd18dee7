// The projector view's strip over the canvas: the agenda step and its timer in large type, and how
// to join. Everything else the facilitator uses is hidden until the normal view comes back.
import { useTranslation } from "react-i18next";

import type { Panel } from "../bindings";
import type { Session } from "../app/session";
import { clock, useRemaining } from "./clock";


export function ProjectorStrip({ session, panel }: { session: Session; panel: Panel }) {
  const { t } = useTranslation();
  const { timer } = panel.status.room;
  const left = useRemaining(timer);
  const step = timer.step !== null ? panel.board.agenda[timer.step] : undefined;
  const { board } = panel;
  const places = [...board.places.map((p) => ({ id: p.id as string | null, name: p.name })), { id: null, name: t("workshop.parkingLot") }];
  return (
    <>
      <div className="projector-strip" data-testid="projector-strip">
        <span className={`projector-timer${left < 0 ? " over" : ""}`}>
          {step ? t("workshop.projectorTimer", { step: step.name, time: clock(left) }) : t("workshop.noStep")}
        </span>
        <span className="projector-join">{t("workshop.projectorJoin", { url: panel.url, pin: panel.status.pin })}</span>
        <span className="projector-notes">{t("workshop.notes", { count: panel.board.notes.length })}</span>
        <button onClick={() => session.workshop.setProjector(false)}>{t("workshop.projectorOff")}</button>
      </div>
      {board.notes.length > 0 && (
        <div className="projector-notes-band" data-testid="projector-notes">
          {places.map((p) => {
            const here = board.notes.filter((n) => n.on === p.id);
            if (here.length === 0) return null;
            return (
              <div key={p.id ?? "parking"} className="projector-place">
                <div className="projector-place-name">{p.name}</div>
                {here.map((n) => (
                  <div key={n.id} className={`projector-sticky${n.masked ? " masked" : ""}`}>
                    {n.masked ? t("workshop.hidden") : n.text}
                    <span className="small">{n.author}</span>
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </>
  );
}
