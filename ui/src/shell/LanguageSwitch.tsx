import { useTranslation } from "react-i18next";

import { LANGUAGES, type Lang } from "../i18n";

export function LanguageSwitch({ onLanguage, className }: { onLanguage: (lang: Lang) => void; className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={`language-switch ${className ?? ""}`} role="group" aria-label={t("menu.language")}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          data-testid={`lang-${lang}`}
          className={i18n.language === lang ? "on" : ""}
          aria-pressed={i18n.language === lang}
          onClick={() => onLanguage(lang)}
        >
          {t(`language.${lang}`)}
        </button>
      ))}
    </div>
  );
}
