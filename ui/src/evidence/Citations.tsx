// The quotes behind an element, as the properties panel cites them: the customer's words, who said
// them and when (Rust's derive::evidence::quotes_behind), asked again after every change.

import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { type ElementId, type QuoteRow, commands } from "../bindings";
import { call } from "../app/api";
import { isoDay } from "../app/dates";
import type { Session } from "../app/session";
import { useStore } from "../app/store";

export function Citations({ session, element }: { session: Session; element: ElementId }) {
  const { t } = useTranslation();
  // A new workspace state follows every change: the quotes are asked for again then.
  const { workspace } = useStore(session);
  const [quotes, setQuotes] = useState<QuoteRow[] | null>(null);
  useEffect(() => {
    let live = true;
    session
      .enqueue(() => call(commands.quotesBehind(element)))
      .then((q) => live && setQuotes(q))
      .catch(() => live && setQuotes(null));
    return () => {
      live = false;
    };
  }, [session, element, workspace]);
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
