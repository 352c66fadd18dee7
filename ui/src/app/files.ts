// File dialogs. Picking a path is the UI's job; creating and opening files is Rust's.

import { open, save } from "./dialogs";
import type { TFunction } from "i18next";

import { commands } from "../bindings";
import { call } from "./api";
import type { Session } from "./session";

const EXTENSION = "michi";

function withExtension(path: string): string {
  return path.toLowerCase().endsWith(`.${EXTENSION}`) ? path : `${path}.${EXTENSION}`;
}

export async function openWithDialog(session: Session, t: TFunction) {
  try {
    const path = await open({ multiple: false, directory: false, filters: [{ name: t("dialog.filterName"), extensions: [EXTENSION] }] });
    if (typeof path === "string") await session.open(path);
  } catch (e) {
    session.showError(e);
  }
}

/** Asks where to create a workspace, then creates it (empty, or with the sample journeys). */
export async function createWithDialog(session: Session, t: TFunction, withSample: boolean) {
  try {
    const name = withSample ? t("welcome.sampleName") : t("welcome.untitled");
    const chosen = await save({ defaultPath: `${name}.${EXTENSION}`, filters: [{ name: t("dialog.filterName"), extensions: [EXTENSION] }] });
    if (!chosen) return;
    const path = withExtension(chosen);
    // The dialog asked before overwriting the exact path chosen; a path we extended was not asked about.
    await session.create(path, withSample, path === chosen);
  } catch (e) {
    session.showError(e);
  }
}

/** Save As (`copy`: false) goes on in the file chosen; Save a copy (`copy`: true) stays in this one. */
export async function saveAsWithDialog(session: Session, t: TFunction, copy: boolean) {
  try {
    const name = session.getState().workspace?.name ?? t("welcome.untitled");
    const suffix = copy ? t("dialog.copySuffix") : "";
    const chosen = await save({ defaultPath: `${name}${suffix}.${EXTENSION}`, filters: [{ name: t("dialog.filterName"), extensions: [EXTENSION] }] });
    if (!chosen) return;
    const path = withExtension(chosen);
    // The dialog asked before overwriting the exact path chosen; a path we extended was not asked about.
    if (copy) {
      if (await session.saveCopy(path, path === chosen)) session.showNotice(t("dialog.copied", { path }), []);
    } else {
      await session.saveAs(path, path === chosen);
    }
  } catch (e) {
    session.showError(e);
  }
}

/** Imports a BPMN 2.0 file into the open workspace (one undo step); Rust shows its first diagram
 * in the same answer. */
export async function importBpmnWithDialog(session: Session, t: TFunction) {
  try {
    const path = await open({ multiple: false, directory: false, filters: [{ name: t("dialog.bpmnFilter"), extensions: ["bpmn", "xml"] }] });
    if (typeof path !== "string") return;
    const result = await session.run((show) => call(commands.importBpmn(path, show)));
    if (result && result.warnings.length > 0) session.showNotice(t("dialog.importWarnings", { count: result.warnings.length }), result.warnings);
  } catch (e) {
    session.showError(e);
  }
}

/** Writes the workspace's process models as one BPMN 2.0 file. */
export async function exportBpmnWithDialog(session: Session, t: TFunction) {
  try {
    const outline = session.getState().outline;
    const models = [...new Set((outline?.diagrams ?? []).flatMap((d) => (d.model ? [d.model] : [])))];
    if (models.length === 0) return;
    const name = session.getState().workspace?.name ?? "process";
    const chosen = await save({ defaultPath: `${name}.bpmn`, filters: [{ name: t("dialog.bpmnFilter"), extensions: ["bpmn"] }] });
    if (!chosen) return;
    const path = chosen.toLowerCase().endsWith(".bpmn") ? chosen : `${chosen}.bpmn`;
    await call(commands.exportBpmn(path, models));
    session.showNotice(t("dialog.exported", { path }), []);
  } catch (e) {
    session.showError(e);
  }
}

/** Reads a shared diagnosis settings file into the workspace (one undo step). */
export async function importLintConfigWithDialog(session: Session, t: TFunction) {
  try {
    const path = await open({ multiple: false, directory: false, filters: [{ name: t("dialog.configFilter"), extensions: ["json"] }] });
    if (typeof path !== "string") return;
    await session.run((show) => call(commands.importLintConfig(path, show)));
  } catch (e) {
    session.showError(e);
  }
}

/** Writes the workspace's diagnosis settings as a JSON file to share with a team. */
export async function exportLintConfigWithDialog(session: Session, t: TFunction) {
  try {
    const name = session.getState().workspace?.name ?? "michi";
    const chosen = await save({ defaultPath: `${name}-diagnosis.json`, filters: [{ name: t("dialog.configFilter"), extensions: ["json"] }] });
    if (!chosen) return;
    const path = chosen.toLowerCase().endsWith(".json") ? chosen : `${chosen}.json`;
    await call(commands.exportLintConfig(path));
    session.showNotice(t("dialog.exported", { path }), []);
  } catch (e) {
    session.showError(e);
  }
}

/** Asks where to write a document named after the workspace and `what`: HTML, PDF, Markdown and
 * the `more` formats it also comes in (CSV for a table, …); a name without one of those extensions
 * becomes HTML. Null when cancelled. */
async function documentPath(session: Session, t: TFunction, what: string, more: ("csv" | "json" | "qdpx")[] = []): Promise<string | null> {
  const extensions = ["html", "pdf", "md", ...more];
  const names: Record<string, string> = { html: "dialog.htmlFilter", pdf: "dialog.pdfFilter", md: "dialog.markdownFilter", csv: "dialog.csvFilter", json: "dialog.jsonFilter", qdpx: "dialog.qdpxFilter" };
  const chosen = await save({
    defaultPath: `${session.getState().workspace?.name ?? "michi"}-${what}.html`,
    filters: extensions.map((ext) => ({ name: t(names[ext]!), extensions: [ext] })),
  });
  if (!chosen) return null;
  const known = new RegExp(`\\.(${extensions.join("|")}|htm)$`, "i");
  return known.test(chosen) ? chosen : `${chosen}.html`;
}

/** Writes the derived document on screen as Markdown or self-contained HTML (by the extension chosen). */
export async function exportOutputWithDialog(
  session: Session,
  t: TFunction,
  kind: "playbook" | "metrics" | "org",
  journey: string,
  segment: string | null,
  language: "ja" | "en",
) {
  try {
    const path = await documentPath(session, t, kind);
    if (!path) return;
    // A PDF is the document on screen, printed by the webview (its print style hides the app around it).
    if (/\.pdf$/i.test(path)) await call(commands.exportPdf(path));
    else await call(commands.exportOutput(kind, journey, segment, language, path));
    session.showNotice(t("dialog.exported", { path }), []);
  } catch (e) {
    session.showError(e);
  }
}

/** Writes a PNG of the diagram on screen (the part of the window `element` covers), as drawn, or
 * an SVG picture of the whole diagram (drawn by Rust). */
export async function exportPngWithDialog(session: Session, t: TFunction, element: HTMLElement | null, language: "ja" | "en") {
  if (!element) return;
  try {
    const name = session.getState().workspace?.name ?? "michi";
    const { mode } = session.getState();
    const svg = mode === "process" ? session.process.getState().view : mode === "journey" ? session.journey.getState().view : null;
    const filters = [{ name: t("dialog.pngFilter"), extensions: ["png"] }];
    if (svg) filters.push({ name: t("dialog.svgFilter"), extensions: ["svg"] });
    const chosen = await save({ defaultPath: `${name}.png`, filters });
    if (!chosen) return;
    if (svg && chosen.toLowerCase().endsWith(".svg")) {
      await call(commands.exportSvg(svg, language, chosen));
      session.showNotice(t("dialog.exported", { path: chosen }), []);
      return;
    }
    const path = chosen.toLowerCase().endsWith(".png") ? chosen : `${chosen}.png`;
    const r = element.getBoundingClientRect();
    // The picture is the diagram: the minimap, zoom buttons and search box are left out.
    document.body.classList.add("exporting-picture");
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    try {
      await call(commands.exportPng(path, { x: r.x, y: r.y, width: r.width, height: r.height }));
    } finally {
      document.body.classList.remove("exporting-picture");
    }
    session.showNotice(t("dialog.exported", { path }), []);
  } catch (e) {
    session.showError(e);
  }
}

/** Writes the gap list (against version `against`) as HTML, PDF, Markdown or CSV, by the extension
 * chosen; every format is written by Rust from the same document. */
export async function exportGapsWithDialog(session: Session, t: TFunction, against: number | null, language: "ja" | "en") {
  try {
    const path = await documentPath(session, t, "gaps", ["csv"]);
    if (!path) return;
    await call(commands.exportGaps(against, language, path));
    session.showNotice(t("dialog.exported", { path }), []);
  } catch (e) {
    session.showError(e);
  }
}

/** Writes the evidence (the coverage and the quotes behind each element) as HTML, PDF, Markdown,
 * CSV, JSON or a REFI-QDA project (.qdpx), by the extension chosen. */
export async function exportEvidenceWithDialog(session: Session, t: TFunction, language: "ja" | "en") {
  try {
    const path = await documentPath(session, t, "evidence", ["csv", "json", "qdpx"]);
    if (!path) return;
    await call(commands.exportEvidence(language, path));
    session.showNotice(t("dialog.exported", { path }), []);
  } catch (e) {
    session.showError(e);
  }
}

/** Writes the record of a workshop (the newest when `workshop` is null) as HTML, PDF or Markdown. */
export async function exportWorkshopSummaryWithDialog(session: Session, t: TFunction, workshop: string | null, language: "ja" | "en") {
  try {
    const path = await documentPath(session, t, "workshop");
    if (!path) return;
    await call(commands.exportWorkshopSummary(workshop, language, path));
    session.showNotice(t("dialog.exported", { path }), []);
  } catch (e) {
    session.showError(e);
  }
}

/** Imports quotes from a CSV file (date, account, perspective, quote, tags) as one undo step. */
export async function importQuotesWithDialog(session: Session, t: TFunction) {
  try {
    const path = await open({ multiple: false, directory: false, filters: [{ name: t("dialog.csvFilter"), extensions: ["csv", "tsv", "txt"] }] });
    if (typeof path !== "string") return;
    await session.run((show) => call(commands.importQuotesCsv(path, show)));
  } catch (e) {
    session.showError(e);
  }
}

/** Imports conversations from a Markdown file (a heading per perspective; a REFI-QDA project too) as one undo step. */
export async function importConversationsWithDialog(session: Session, t: TFunction) {
  try {
    const path = await open({ multiple: false, directory: false, filters: [{ name: t("dialog.conversationFilter"), extensions: ["md", "markdown", "txt", "qdpx"] }] });
    if (typeof path !== "string") return;
    const before = session.evidence.getState().data?.log.conversations.length ?? 0;
    const result = await session.run((show) => call(commands.importConversations(path, show)));
    const after = session.evidence.getState().data?.log.conversations.length ?? before;
    if (result) session.showNotice(t("evidence.imported", { count: after - before }), result.warnings);
  } catch (e) {
    session.showError(e);
  }
}

/** Imports skill assessments from a CSV file (long or wide; UTF-8 or CP932) as one undo step. */
export async function importAssessmentsWithDialog(session: Session, t: TFunction) {
  try {
    const path = await open({ multiple: false, directory: false, filters: [{ name: t("dialog.csvFilter"), extensions: ["csv", "tsv", "txt"] }] });
    if (typeof path !== "string") return;
    const result = await session.run((show) => call(commands.importAssessmentsCsv(path, show)));
    if (result) session.showNotice(t("skills.imported"), result.warnings);
  } catch (e) {
    session.showError(e);
  }
}

/** Writes the skill matrix's gaps as HTML, PDF, Markdown, CSV or JSON, by the extension chosen. */
export async function exportSkillGapsWithDialog(session: Session, t: TFunction, asOf: number | null, language: "ja" | "en") {
  try {
    const path = await documentPath(session, t, "skills", ["csv", "json"]);
    if (!path) return;
    await call(commands.exportSkillGaps(asOf, language, path));
    session.showNotice(t("dialog.exported", { path }), []);
  } catch (e) {
    session.showError(e);
  }
}

/** Writes the assessments as CSV: every one (long) or the matrix at the day shown (wide). */
export async function exportAssessmentsWithDialog(session: Session, t: TFunction, shape: "long" | "wide", asOf: number | null, language: "ja" | "en") {
  try {
    const chosen = await save({
      defaultPath: `${session.getState().workspace?.name ?? "michi"}-${shape === "long" ? "assessments" : "matrix"}.csv`,
      filters: [{ name: t("dialog.csvFilter"), extensions: ["csv"] }],
    });
    if (!chosen) return;
    const path = /\.csv$/i.test(chosen) ? chosen : `${chosen}.csv`;
    await call(commands.exportAssessments(shape, asOf, language, path));
    session.showNotice(t("dialog.exported", { path }), []);
  } catch (e) {
    session.showError(e);
  }
}
