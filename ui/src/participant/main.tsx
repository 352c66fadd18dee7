// The participant's page: join with the PIN and a name, then the live board of the workshop.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { initI18n, pickLanguage, type Lang } from "../i18n";
import { Participant } from "./Participant";
import "./participant.css";

const saved = localStorage.getItem("michi.workshop.lang");
const lang = pickLanguage(saved === "ja" || saved === "en" ? (saved as Lang) : null, navigator.language);
void initI18n(lang).then(() => {
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <Participant />
    </StrictMode>,
  );
});
