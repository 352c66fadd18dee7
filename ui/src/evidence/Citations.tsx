// The quotes behind an element, as the properties panel cites them: the customer's words, who said
// them and when (Rust's derive::evidence::quotes_behind). After a change they come with its answer
// (`Shown.cited`, for the element selected then): an edit stays one call. Only selecting another
// element asks for them on its own, and never for one the last edit created (it has none).

import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { type ElementId, type QuoteRow, commands } from "../bindings";
import { call } from "../app/api";
import { isoDay } from "../app/dates";
import type { Session } from "../app/session";
import { useStore } from "../app/store";

export function Citations({ session, element }: { session: Session; element: ElementId }) {
  const { t } = useTranslation();
  const { cited, created } = useStore(session);
  const [fetched, setFetched] = useState<{ element: ElementId; quotes: QuoteRow[] } | null>(null);
  const quotes =
    cited?.element === element ? cited.quotes : created.includes(element) ? [] : fetched?.element === element ? fetched.quotes : null;
  const missing = quotes === null;
  useEffect(() => {
    if (!missing) return;
    let live = true;
    session
      .enqueue(() => call(commands.quotesBehind(element)))
      .then((q) => live && setFetched({ element, quotes: q }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [session, element, missing]);
  if (!quotes) return null;
  return (
    <section className="properties-citations" data-testid="citations">
      <h3 className="small">{t("evidence.cited")}</h3>
      {quotes.length === 0 ? (
        <p className="muted small">{t("evidence.citedNone")}</p>
      ) : (
        <ul className="citations">
          {quotes.map((q) => (
            <li key={q.id} data-testid="citation">
              「{q.text}」
              <span className="muted small">
                {" "}
                {[q.account, q.date != null ? isoDay(q.date) : ""].filter(Boolean).join(", ")}
              </span>
            </li>
          ))}
        </ul>
      )}
      <button className="link-button small" onClick={() => void session.evidence.open(quotes[0]?.conversation ?? undefined)}>
        {t("evidence.openEvidence")}
      </button>
    </section>
  );
}
