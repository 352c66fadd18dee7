import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { commands, type AppInfo } from "./bindings";
import { call } from "./app/api";
import { App } from "./app/App";
import { Session } from "./app/session";
import { initI18n, pickLanguage } from "./i18n";
import { CrashBoundary } from "./shell/Crash";
import "./styles.css";

async function boot() {
  const session = new Session();
  let info: AppInfo = { version: "", osLocale: null, language: null, launchFile: null };
  try {
    info = await call(commands.appInfo());
  } catch (e) {
    session.showError(e);
  }
  const lang = pickLanguage(info.language ?? null, info.osLocale ?? null);
  await initI18n(lang);
  document.documentElement.lang = lang;

  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <CrashBoundary>
        <App session={session} />
      </CrashBoundary>
    </StrictMode>,
  );

  // Open what the command line names; otherwise reopen the last workspace, as a desktop tool does.
  await session.loadRecent();
  if (info.launchFile) {
    await session.open(info.launchFile);
  } else {
    const last = session.getState().recent.find((r) => r.exists);
    if (last) await session.open(last.path);
  }
}

void boot();
