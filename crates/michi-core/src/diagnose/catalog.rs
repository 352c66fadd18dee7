//! The rule catalog as a Markdown page (`docs/rules.md`), written from the rules themselves; a test
//! fails when the checked-in page differs, so the page cannot drift from the code.

use std::fmt::Write;

use super::{Category, Severity, rules};

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Off => "off",
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Journey => ("ジャーニー", "Journey"),
        Category::Process => ("業務プロセス", "Process"),
        Category::CrossModel => ("モデル間", "Cross-model"),
        Category::Org => ("組織", "Org design"),
        Category::Health => ("ヘルス", "Health"),
    }
}

pub fn markdown() -> String {
    let mut md = String::new();
    md.push_str("# Diagnosis rules / 診断ルール\n\n");
    md.push_str(
        "Generated from `crates/michi-core/src/diagnose/` by `UPDATE_DOCS=1 cargo test -p michi-core --test diagnose`;\n\
         do not edit by hand. Severities are those of the two built-in profiles: `documentation` (the default)\n\
         and `bpmnlint-recommended` (the ported bpmnlint rules with the severities of bpmnlint's recommended\n\
         configuration). A workspace can override any rule in its diagnosis settings.\n\n",
    );
    md.push_str("| id | category | documentation | bpmnlint-recommended | checks |\n|---|---|---|---|---|\n");
    for r in rules() {
        let _ = writeln!(
            md,
            "| [`{id}`](#{id}) | {cat} | {doc} | {rec} | {title} |",
            id = r.id,
            cat = category(r.category).1,
            doc = severity(r.documentation),
            rec = severity(r.recommended),
            title = r.title[1],
        );
    }
    for r in rules() {
        let (cat_ja, cat_en) = category(r.category);
        let _ = write!(
            md,
            "\n## {id}\n\n**{title_en}** / {title_ja}  \n{cat_en} / {cat_ja}; documentation: {doc}; bpmnlint-recommended: {rec}{ported}\n\n\
             - Why: {why_en}\n- なぜ: {why_ja}\n- Fix: {fix_en}\n- 直し方: {fix_ja}\n",
            id = r.id,
            title_en = r.title[1],
            title_ja = r.title[0],
            doc = severity(r.documentation),
            rec = severity(r.recommended),
            ported = if r.ported { " (ported from bpmnlint, same meaning)" } else { "" },
            why_en = r.why[1],
            why_ja = r.why[0],
            fix_en = r.fix[1],
            fix_ja = r.fix[0],
        );
    }
    md
}
