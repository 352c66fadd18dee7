import { useTranslation } from "react-i18next";

import type { AppError } from "../bindings";

/** A failure in words the user understands (by code), with the technical message underneath. */
export function ErrorBanner({ error, onDismiss }: { error: AppError; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-code={error.code}>
      <div className="error-text">
        <strong>{t(`errors.${error.code}`, { defaultValue: t("errors.unexpected") })}</strong>
        {error.reason && <div data-testid="error-reason">{t(`refusal.${error.reason}`, { defaultValue: error.message })}</div>}
        {error.problems.length > 0 && (
          <ul className="small">
            {error.problems.slice(0, 5).map((p, i) => (
              <li key={i}>{t(`csv.problem.${p.kind}`, { line: p.line, column: p.column, value: p.value })}</li>
            ))}
          </ul>
        )}
        {error.path && <div className="error-path">{error.path}</div>}
        <details>
          <summary>{t("errors.details")}</summary>
          <code>{error.message}</code>
        </details>
      </div>
      <button onClick={onDismiss} aria-label={t("errors.dismiss")}>
        {t("errors.dismiss")}
      </button>
    </div>
  );
}
