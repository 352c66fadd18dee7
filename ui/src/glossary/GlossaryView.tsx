// The glossary (共通言語): every term with its definitions in both languages and where it is used.
// A usage opens the diagram that shows the element, with the element selected.

import { useTranslation } from "react-i18next";

import type { ElementId, Glossary } from "../bindings";
import type { Session } from "../app/session";
import type { Selection } from "../journey/model";

interface Props {
  session: Session;
  glossary: Glossary;
  selection: Selection | null;
}

export function GlossaryView({ session, glossary, selection }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const select = (id: ElementId) => session.glossaryView.select({ id, stage: null });
  return (
    <div className="glossary-view" data-testid="glossary-view">
      <header className="glossary-header">
        <h1>{t("glossary.title")}</h1>
        <p className="muted">{t("glossary.intro")}</p>
      </header>
      {glossary.terms.length === 0 ? (
        <p className="map-empty">{t("glossary.empty")}</p>
      ) : (
        <table className="glossary-table">
          <thead>
            <tr>
              <th>{t("glossary.term")}</th>
              <th>{t("glossary.definition")}</th>
              <th>{t("glossary.usedBy")}</th>
            </tr>
          </thead>
          <tbody>
            {glossary.terms.map(({ term, usages }) => {
              const d = term.data.kind === "term" ? term.data : null;
              if (!d) return null;
              const name = en && d.termEn ? d.termEn : d.term;
              const other = en ? d.term : d.termEn;
              const definition = en && d.definitionEn ? d.definitionEn : d.definition;
              return (
                <tr
                  key={term.id}
                  className={selection?.id === term.id ? "selected" : ""}
                  data-testid="term-row"
                  onClick={() => select(term.id)}
                >
                  <td>
                    <div className="term-name">{name || "—"}</div>
                    {other && <div className="muted small">{other}</div>}
                  </td>
                  <td className="term-definition">{definition || <span className="placeholder">{t("glossary.noDefinition")}</span>}</td>
                  <td>
                    {usages.length === 0 ? (
                      <span className="muted small">{t("glossary.unused")}</span>
                    ) : (
                      <ul className="usage-list">
                        {usages.map((u) => (
                          <li key={u.element}>
                            <button
                              className="link"
                              data-testid="term-usage"
                              onClick={(e) => {
                                e.stopPropagation();
                                void session.reveal(u.element, u.views);
                              }}
                            >
                              {u.label || "—"}
                            </button>
                            <span className="muted small"> {t(`kinds.${u.kind}`)}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
