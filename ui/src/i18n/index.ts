import i18next from "i18next";
import { initReactI18next } from "react-i18next";

import en from "./en";
import ja from "./ja";

export type Lang = "ja" | "en";
export const LANGUAGES: Lang[] = ["ja", "en"];

/**
 * The language to show: the user's choice if any, else the OS locale. Japanese users come first, so
 * a Japanese or unknown locale (C, POSIX, none) gives Japanese; any other gives English.
 */
export function pickLanguage(chosen: Lang | null, osLocale: string | null): Lang {
  if (chosen) return chosen;
  const locale = (osLocale ?? "").toLowerCase();
  if (locale === "" || locale.startsWith("ja") || locale === "c" || locale.startsWith("posix")) return "ja";
  return "en";
}

export function initI18n(lang: Lang) {
  return i18next.use(initReactI18next).init({
    resources: { ja: { translation: ja }, en: { translation: en } },
    lng: lang,
    fallbackLng: "ja",
    // React escapes text; strings are never inserted as HTML.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export { i18next };
