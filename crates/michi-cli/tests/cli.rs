//! The `michi` binary, run as a script would run it.

use std::process::Command;

fn michi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_michi")).args(args).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn new_sample_then_info() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    let (code, out, _) = michi(&["new", f, "--sample"]);
    assert_eq!(code, 0);
    assert!(out.contains("created"));

    let (code, out, _) = michi(&["info", f]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("schema:     version {}\n", michi_store::CURRENT_VERSION)), "{out}");
    assert!(out.contains("versions:   現状 (edited), あるべき姿\n"), "{out}");
    assert!(out.contains("  journey         2"), "{out}");
    assert!(out.contains("  stage           6"), "{out}");

    let (code, out, _) = michi(&["info", f, "--json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["elementsByKind"]["journey"], 2);
    assert_eq!(json["historySteps"], 0);
    assert_eq!(json["version"], "現状");
    assert_eq!(json["versions"][0]["name"], "現状");
    assert_eq!(json["schemaVersion"], michi_store::CURRENT_VERSION);
    let total: u64 = json["elementsByKind"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(json["elements"].as_u64().unwrap(), total);
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.michi");
    let f = f.to_str().unwrap();
    assert_eq!(michi(&["new", f]).0, 0);
    let (code, _, err) = michi(&["new", f, "--sample"]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(michi(&["new", f, "--sample", "--force"]).0, 0);
}

#[test]
fn info_on_a_file_that_is_not_a_workspace_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("notes.txt");
    std::fs::write(&f, "hello").unwrap();
    let (code, _, err) = michi(&["info", f.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a Michi workspace"), "{err}");
}

fn data(path: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data").join(path).display().to_string()
}

#[test]
fn lint_a_workspace_and_a_bpmn_file_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    // The sample has warnings and infos, no errors: exit 0.
    let (code, out, _) = michi(&["lint", f, "--lang", "ja"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("stage-served") && out.contains("ステージ「拡大」を支える業務のアクティビティがありません"),
        "{out}"
    );
    assert!(out.contains("problems (0 errors"), "{out}");

    // A BPMN file under bpmnlint's recommended severities has errors: exit 1, as bpmnlint.
    let bpmn = data("bpmn/bpmnlint/test-rules/label-required/invalid-task.bpmn");
    let (code, out, _) = michi(&["lint", "--profile", "bpmnlint-recommended", "--format", "json", &bpmn, f]);
    assert_eq!(code, 1, "{out}");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let label = findings.iter().find(|x| x["rule"] == "label-required").expect("label-required is reported");
    assert_eq!(label["file"], bpmn.as_str());
    assert_eq!(label["severity"], "error");
    assert_eq!(label["elements"][0], "Element");
    assert!(label["message"].as_str().unwrap().contains("label"), "{label}");
    // The profile holds for every file: the workspace's CS rules are off under it.
    assert!(findings.iter().all(|x| x["rule"] != "stage-served"));
}

#[test]
fn lint_with_a_shared_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("team.json");
    std::fs::write(&config, r#"{"profile": "bpmnlint-recommended", "rules": {"label-required": "off"}}"#).unwrap();
    let bpmn = data("bpmn/bpmnlint/test-rules/label-required/invalid-task.bpmn");
    let (code, out, err) = michi(&["lint", "--config", config.to_str().unwrap(), "--format", "json", &bpmn]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    assert!(findings.iter().all(|x| x["rule"] != "label-required"), "{out}");
    assert!(code == 0 || code == 1);
    // A config naming a rule that does not exist is refused with the rule's name.
    std::fs::write(&config, r#"{"rules": {"lable-required": "off"}}"#).unwrap();
    let (code, _, err) = michi(&["lint", "--config", config.to_str().unwrap(), &bpmn]);
    assert_eq!(code, 2);
    assert!(err.contains("lable-required") && err.lines().count() == 1, "{err}");
}

#[test]
fn lint_exits_2_on_unreadable_input() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.bpmn");
    std::fs::write(&bad, "<definitions><process></definitions>").unwrap();
    let (code, out, err) = michi(&["lint", bad.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(err.starts_with("michi: ") && err.lines().count() == 1, "{err}");
    let (code, _, err) = michi(&["lint", "/no/such/file.michi"]);
    assert_eq!(code, 2);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn derive_the_samples_playbook_as_markdown_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let (code, out, err) =
        michi(&["derive", "playbook", f, "--journey", "中堅製造業 導入〜更新ジャーニー", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("# Playbook — 中堅製造業 導入〜更新ジャーニー"), "{out}");
    assert!(out.contains("## 4. 更新") && out.contains("When the customer enters the stage"), "{out}");
    let (code, out, _) = michi(&["derive", "playbook", f, "--format", "json"]);
    assert_eq!(code, 0);
    let books: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(books.len(), 2, "one playbook per journey");
    let (code, _, err) = michi(&["derive", "playbook", f, "--journey", "no such journey"]);
    assert_eq!(code, 2);
    assert!(err.contains("no journey named no such journey"), "{err}");
}

#[test]
fn derive_the_samples_metrics_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let (code, out, err) =
        michi(&["derive", "metrics", f, "--journey", "中堅製造業 導入〜更新ジャーニー", "--lang", "ja"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("# 指標カタログ — 中堅製造業 導入〜更新ジャーニー"), "{out}");
    // A metric's target, kind, definition and data source in their own columns.
    assert!(out.contains("| 週次アクティブ率 <!-- ") && out.contains(" | — | 80%以上 | 先行指標 | "), "{out}");
    assert!(out.contains(" | プロダクト利用ログ |"), "{out}");
    // The KPI tree: the weekly active rate drives the renewal outcome (GRR).
    assert!(out.contains("    - 遅行指標 グロス売上継続率（GRR） — 目標値: 95%"), "{out}");
    let (code, out, _) = michi(&["derive", "metrics", f, "--format", "json"]);
    assert_eq!(code, 0);
    let all: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(all[0]["tree"]["kind"], "journey");
}

#[test]
fn derive_the_cs_functions_the_sample_calls_for() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let (code, out, err) = michi(&["derive", "org", f, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("## Education") && out.contains("## Customer marketing / communications"), "{out}");
    let (code, out, _) = michi(&["derive", "org", f, "--format", "json"]);
    assert_eq!(code, 0);
    let rec: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(rec["recommended"].as_array().unwrap().iter().all(|r| !r["reasons"].as_array().unwrap().is_empty()));
}

#[test]
fn derive_self_contained_html_with_the_models_text_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let (code, out, err) = michi(&[
        "derive",
        "playbook",
        f,
        "--journey",
        "中堅製造業 導入〜更新ジャーニー",
        "--format",
        "html",
        "--lang",
        "ja",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("<!DOCTYPE html>") && out.contains("<html lang=\"ja\">") && out.contains("<style>"),
        "{out}"
    );
    assert!(!out.contains("<script") && !out.contains("<link"), "self-contained, no script");
    assert!(out.contains("<h2 data-source=\"stage-"), "{out}");
    for what in ["metrics", "org"] {
        let (code, out, err) =
            michi(&["derive", what, f, "--journey", "中堅製造業 導入〜更新ジャーニー", "--format", "html"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.trim_end().ends_with("</html>"), "{out}");
    }
    // Two journeys do not make one HTML document.
    let (code, _, err) = michi(&["derive", "playbook", f, "--format", "html"]);
    assert_eq!(code, 2);
    assert!(err.contains("--journey"), "{err}");
}

#[test]
fn picture_draws_the_samples_process_as_svg() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let out = dir.path().join("process.svg");
    let (code, _, err) = michi(&["picture", f, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("キックオフを実施") && svg.trim_end().ends_with("</svg>"));
    let (code, _, err) = michi(&["picture", f, "--diagram", "nothing", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("no diagram named nothing"), "{err}");
}

/// `michi args` with its standard output on a terminal (a pseudo-terminal `script` opens): the
/// exit status and what the terminal showed.
fn on_a_terminal(args: &[&str]) -> (i32, String) {
    let quote = |a: &str| format!("'{}'", a.replace('\'', "'\\''"));
    let line = std::iter::once(env!("CARGO_BIN_EXE_michi")).chain(args.iter().copied()).map(quote).collect::<Vec<_>>();
    let out = Command::new("script").args(["-qec", &line.join(" "), "/dev/null"]).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The text of a PDF as poppler reads it (`pdftotext`, installed by the test script).
fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext").args(["-enc", "UTF-8", path.to_str().unwrap(), "-"]).output().unwrap();
    assert!(out.status.success(), "pdftotext failed on {}", path.display());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn derive_writes_a_pdf_whose_japanese_text_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let pdf = dir.path().join("playbook.pdf");
    let journey = "中堅製造業 導入〜更新ジャーニー";
    let args = ["derive", "playbook", f, "--journey", journey, "--lang", "ja", "--format", "pdf"];
    // A PDF goes to a file or a redirected output (as `> out.pdf` gives), never to a terminal.
    let piped = Command::new(env!("CARGO_BIN_EXE_michi")).args(args).output().unwrap();
    assert_eq!(piped.status.code(), Some(0), "{}", String::from_utf8_lossy(&piped.stderr));
    assert!(piped.stdout.starts_with(b"%PDF-") && piped.stdout.len() > 10_000);
    let (code, out) = on_a_terminal(&args);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("a PDF is not shown on a terminal") && !out.contains("%PDF"), "{out}");
    let (code, _, err) = michi(&[&args[..], &["-o", pdf.to_str().unwrap()]].concat());
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    // Kanji read back as themselves (入 is not a compatibility radical), ids are left out.
    for expected in [
        "プレイブック — 中堅製造業 導入〜更新ジャーニー",
        "オンボーディング",
        "担当: サービス（導入・実装）（提案）",
        // The step with its touch and channel, and the segment it is for, as on screen.
        "工場ごとの立ち上げ支援（訪問）（ハイタッチ）（訪問）［大手製造業のみ］",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(!text.contains("<!--") && !text.contains("stage-"), "{text}");
    // The org document with its sizing, in English.
    let org = dir.path().join("org.pdf");
    let (code, _, err) = michi(&["derive", "org", f, "--lang", "en", "--format", "pdf", "-o", org.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let text = pdf_text(&org);
    assert!(text.contains("Sizing") && text.contains("1,541 h ÷ (1,800 h × 60%) = 1.43 FTE"), "{text}");
}

#[test]
fn a_playbooks_segment_variant_holds_only_that_segments_cards() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let journey = "中堅製造業 導入〜更新ジャーニー";
    let (code, ent, err) =
        michi(&["derive", "playbook", f, "--journey", journey, "--segment", "大手製造業", "--lang", "ja"]);
    assert_eq!(code, 0, "{err}");
    assert!(ent.starts_with("# プレイブック — 中堅製造業 導入〜更新ジャーニー（大手製造業）"), "{ent}");
    assert!(ent.contains("工場ごとの立ち上げ支援") && !ent.contains("週次の導入定例"), "{ent}");
    let (code, mid, _) =
        michi(&["derive", "playbook", f, "--journey", journey, "--segment", "中堅製造業", "--lang", "ja"]);
    assert_eq!(code, 0);
    assert!(!mid.contains("工場ごとの立ち上げ支援") && mid.contains("週次の導入定例"), "{mid}");
    let (code, _, err) = michi(&["derive", "playbook", f, "--journey", journey, "--segment", "中小サービス業"]);
    assert_eq!(code, 2);
    assert!(err.contains("no variant for segment 中小サービス業"), "{err}");
}

#[test]
fn picture_draws_a_journey_map_as_svg_png_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let journey = "中堅製造業 導入〜更新ジャーニー";
    let path = |ext: &str| dir.path().join(format!("journey.{ext}"));
    for ext in ["svg", "png", "pdf"] {
        let (code, _, err) =
            michi(&["picture", f, "--diagram", journey, "--lang", "ja", "-o", path(ext).to_str().unwrap()]);
        assert_eq!(code, 0, "{ext}: {err}");
    }
    let svg = std::fs::read_to_string(path("svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    for text in [
        "オンボーディング",
        "タッチポイント",
        "キックオフミーティング（訪問）",
        ">紙がなくなる期待<",
        "class=\"emotion-curve\"",
    ] {
        assert!(svg.contains(text), "{text} missing");
    }
    let png = std::fs::read(path("png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    // Twice the SVG's size: the PNG's width is in its header (bytes 16..20).
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let svg_width: f64 = svg.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    assert_eq!(width, (svg_width * 2.0).ceil() as u32);
    let text = pdf_text(&path("pdf"));
    assert!(text.contains("顧客のゴール") && text.contains("TTV 45日"), "{text}");
    // Another extension is refused with what to write instead.
    let (code, _, err) = michi(&["picture", f, "--diagram", journey, "-o", path("gif").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains(".svg, .png or .pdf"), "{err}");
}

#[test]
fn health_scores_an_accounts_file_as_csv_or_json_without_touching_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let before = std::fs::read(&file).unwrap();
    let cp932 = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/accounts/accounts-2026-11.cp932.csv");
    let (code, out, err) = michi(&["health", f, "--accounts", cp932, "--as-of", "2026-11-30", "--lang", "ja"]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("顧客ID,会社名,セグメント,ステージ,薪,種火,送風,焚き火の状態,総合,象限,弱い環,次の一手")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 40);
    // The Shift_JIS file's company names read back as themselves.
    assert!(rows[0].starts_with("C-1001,山田製作所,中堅製造業,"), "{}", rows[0]);
    for quadrant in ["成功", "解約リスク", "火はあるが薪が弱い", "薪はあるが火が弱い"] {
        assert!(rows.iter().any(|r| r.contains(quadrant)), "no account in {quadrant}");
    }
    assert!(rows.iter().any(|r| r.contains(",薪,決裁者に会い")), "a firewood account with its next action");
    let utf8 = concat!(env!("CARGO_MANIFEST_DIR"), "/../michi-core/samples/accounts-2026-11.csv");
    let (code, out, err) = michi(&["health", f, "--accounts", utf8, "--format", "json", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let all = json.as_array().unwrap();
    assert_eq!(all.len(), 40);
    let weak = all.iter().find(|a| a["verdict"]["type"] == "weak").unwrap();
    assert!(weak["explanation"].as_str().unwrap().contains("The first weak link of the chain is"));
    assert!(!weak["nextActions"].as_array().unwrap().is_empty());
    // 山田製作所 (C-1001) was heard in the sample's conversations: its page cites what was said.
    let yamada = all.iter().find(|a| a["id"] == "C-1001").unwrap();
    assert_eq!(yamada["quotes"].as_array().unwrap().len(), 3, "{yamada}");
    let other = all.iter().find(|a| a["id"] == "C-1040").unwrap();
    assert!(other["quotes"].as_array().unwrap().is_empty());
    // Nothing was stored.
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // A file with a bad cell is refused with its line and column.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "顧客ID,会社名,ログイン率\nC-1,山田製作所,たくさん\n").unwrap();
    let (code, _, err) = michi(&["health", f, "--accounts", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("line 2, column ログイン率"), "{err}");
}

/// The CLI and the app write a document through the same use case: the same bytes for the same
/// workspace, journey, format and language.
#[test]
fn derive_writes_the_same_markdown_and_html_as_the_apps_export() {
    use michi_app::outputs::{Output, OutputKind};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let journey = "中堅製造業 導入〜更新ジャーニー";
    let cases = [("playbook", "md", "ja"), ("playbook", "html", "en"), ("metrics", "html", "ja"), ("org", "md", "en")];
    for (what, ext, lang) in cases {
        let cli = dir.path().join(format!("cli-{what}.{ext}"));
        let args =
            ["derive", what, f, "--journey", journey, "--format", ext, "--lang", lang, "-o", cli.to_str().unwrap()];
        let (code, _, err) = michi(&args);
        assert_eq!(code, 0, "{err}");
        let session = michi_app::Session::open(&file).unwrap();
        let id = michi_app::outputs::journeys(session.workspace(), Some(journey)).remove(0);
        let app = dir.path().join(format!("app-{what}.{ext}"));
        let language = if lang == "ja" { michi_app::Language::Ja } else { michi_app::Language::En };
        let kind = OutputKind::parse(what).unwrap();
        session.export_output(&Output::new(kind, id, None), language, &app).unwrap();
        drop(session);
        let (a, b) = (std::fs::read(&cli).unwrap(), std::fs::read(&app).unwrap());
        assert!(!a.is_empty() && a == b, "{what}.{ext} ({lang}) differs between michi and the app");
    }
}

#[test]
fn lang_takes_ja_or_en_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    for sub in [&["derive", "org", f][..], &["lint", f], &["picture", f, "-o", "x.svg"]] {
        let (code, out, err) = michi(&[sub, &["--lang", "fr"]].concat());
        assert_eq!(code, 2, "{out}");
        assert!(err.contains("invalid value 'fr'") && err.contains("[possible values: ja, en]"), "{err}");
    }
    assert_eq!(michi(&["derive", "org", f, "--lang", "en"]).0, 0);
}

#[test]
fn derive_org_works_on_a_process_only_workspace_imported_from_bpmn() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("process.michi");
    let w = ws.to_str().unwrap();
    let (code, _, err) = michi(&["import", &data("bpmn/miwg/A.2.0.bpmn"), "-o", w]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = michi(&["derive", "org", w, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("# CS functions (recommended)") && out.contains("## Sizing"), "{out}");
    assert!(out.contains("No touchpoint or support contact takes people's time yet."), "{out}");
    assert!(out.contains("**Total 0 h/year · 0.00 FTE**") && !out.contains("-0"), "{out}");
    let (code, out, err) = michi(&["derive", "org", w, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["recommended"], serde_json::json!([]));
    // A playbook needs a journey: said plainly.
    let (code, _, err) = michi(&["derive", "playbook", w]);
    assert_eq!((code, err.trim()), (2, format!("michi: {w} has no journey").as_str()));
}

#[test]
fn lint_reports_the_readable_files_and_an_error_for_the_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.bpmn");
    std::fs::write(&broken, "<definitions><process></definitions>").unwrap();
    let (a, c) = (data("bpmn/bpmnlint/test-rules/label-required/invalid-task.bpmn"), data("bpmn/miwg/A.2.0.bpmn"));
    let (code, out, err) =
        michi(&["lint", "--profile", "bpmnlint-recommended", &a, broken.to_str().unwrap(), &c, "--lang", "en"]);
    assert_eq!(code, 2, "{out}");
    // The findings of the first file, the error of the second, and the third file read too.
    assert!(out.contains(&a) && out.contains("label-required"), "{out}");
    assert!(out.contains(&format!("{}\n  cannot be read: ", broken.display())), "{out}");
    assert!(out.contains("✖ 1 file(s) could not be read"), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("michi: ") && err.contains("broken.bpmn"), "{err}");
    let (code, out, _) =
        michi(&["lint", "--profile", "bpmnlint-recommended", &a, broken.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 2);
    let json: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(json.iter().any(|f| f["rule"] == "label-required"));
    assert!(json.iter().any(|f| f["file"] == broken.to_str().unwrap() && f["error"].is_string()), "{out}");
}

#[test]
fn health_names_missing_columns_reads_mapped_ones_and_lists_every_bad_cell() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    // A file naming the login rate its own way, and lacking every other indicator's column.
    let csv = dir.path().join("accounts.csv");
    std::fs::write(&csv, "顧客ID,会社名,ログイン%\nC-1,山田製作所,80%\nC-2,青葉食品,20%\n").unwrap();
    let c = csv.to_str().unwrap();
    let (code, _, err) = michi(&["health", f, "--accounts", c, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("michi: warning: ") && err.contains("lacks 11 column(s)"), "{err}");
    assert!(err.contains("ログイン率 (login-rate)") && err.contains("推進担当 (owner-named)"), "{err}");
    // Mapped: its values are read as the login rate, and one column fewer is missing.
    let (code, out, err) = michi(&["health", f, "--accounts", c, "--map", "ログイン%=login-rate", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("lacks 10 column(s)") && !err.contains("login-rate"), "{err}");
    let json: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(json[0]["scores"]["fire"].as_f64().is_some(), "{out}");
    // A mapping naming no indicator, or no column of the file.
    let (code, _, err) = michi(&["health", f, "--accounts", c, "--map", "ログイン%=happiness"]);
    assert_eq!(code, 2);
    assert!(err.contains("no indicator \"happiness\"") && err.contains("login-rate"), "{err}");
    let (code, _, err) = michi(&["health", f, "--accounts", c, "--map", "利用率=login-rate"]);
    assert!(code == 2 && err.contains("has no column \"利用率\""), "{err}");
    let (code, _, err) = michi(&["health", f, "--accounts", c, "--map", "login-rate"]);
    assert!(code == 2 && err.contains("--map takes 列名=indicator"), "{err}");
    // 25 bad cells: the first 20 listed by line and column, and the count of the rest.
    let rows: String = (0..25).map(|i| format!("C-{i},会社{i},たくさん\n")).collect();
    std::fs::write(&csv, format!("顧客ID,会社名,ログイン率\n{rows}")).unwrap();
    let (code, _, err) = michi(&["health", f, "--accounts", c]);
    assert_eq!(code, 2);
    assert!(err.starts_with(&format!("michi: {c}: 25 problem(s); nothing was read\n")), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with("  line ")).count(), 20, "{err}");
    assert!(err.contains("  line 2, column ログイン率: 「たくさん」 is not a number or yes/no"), "{err}");
    assert!(err.trim_end().ends_with("  and 5 more"), "{err}");
}

#[test]
fn health_asks_for_the_order_of_dates_that_read_either_way_and_takes_it_with_dates() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let csv = dir.path().join("accounts.csv");
    std::fs::write(&csv, "顧客ID,ステージ,ステージ開始日\nC-1,オンボーディング,3/4/2026\nC-2,拡大,5/6/2026\n").unwrap();
    let c = csv.to_str().unwrap();
    let (code, _, err) = michi(&["health", f, "--accounts", c, "--as-of", "2026-11-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("「ステージ開始日」") && err.contains("--dates day-first or --dates month-first"), "{err}");
    for order in ["day-first", "month-first"] {
        let (code, out, err) =
            michi(&["health", f, "--accounts", c, "--as-of", "2026-11-30", "--dates", order, "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(serde_json::from_str::<Vec<serde_json::Value>>(&out).unwrap().len(), 2, "{out}");
    }
    let (code, _, err) = michi(&["health", f, "--accounts", c, "--dates", "year-first"]);
    assert!(code == 2 && err.contains("year-first"), "{err}");
    // A day past the 12th decides the column: no question.
    std::fs::write(&csv, "顧客ID,ステージ,ステージ開始日\nC-1,オンボーディング,3/4/2026\nC-2,拡大,25/6/2026\n")
        .unwrap();
    let (code, _, err) = michi(&["health", f, "--accounts", c, "--as-of", "2026-11-30"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn import_and_export_failures_exit_2_with_a_message_and_leave_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.michi");
    let o = out.to_str().unwrap();
    // Not BPMN.
    let junk = dir.path().join("junk.bpmn");
    std::fs::write(&junk, "this is not XML").unwrap();
    let (code, _, err) = michi(&["import", junk.to_str().unwrap(), "-o", o]);
    assert_eq!(code, 2);
    assert!(err.starts_with("michi: ") && err.contains("malformed"), "{err}");
    assert!(!out.exists());
    // A missing input; an output in a folder that does not exist.
    let (code, _, err) = michi(&["import", "/no/such.bpmn", "-o", o]);
    assert!(code == 2 && err.contains("/no/such.bpmn"), "{err}");
    let good = data("bpmn/miwg/A.2.0.bpmn");
    let (code, _, err) = michi(&["import", &good, "-o", "/no/such/folder/out.michi"]);
    assert!(code == 2 && err.contains("/no/such/folder"), "{err}");
    // An existing workspace is not replaced without --force.
    assert_eq!(michi(&["import", &good, "-o", o]).0, 0);
    let (code, _, err) = michi(&["import", &good, "-o", o]);
    assert!(code == 2 && err.contains("already exists"), "{err}");
    // Export: to a folder that does not exist, onto a folder, and from a workspace with no process.
    let (code, _, err) = michi(&["export", o, "-o", "/no/such/folder/out.bpmn"]);
    assert!(code == 2 && err.contains("cannot write") && err.contains("/no/such/folder/out.bpmn"), "{err}");
    let (code, _, err) = michi(&["export", o, "-o", dir.path().to_str().unwrap()]);
    assert!(code == 2 && err.contains("cannot write"), "{err}");
    let empty = dir.path().join("empty.michi");
    assert_eq!(michi(&["new", empty.to_str().unwrap()]).0, 0);
    let bpmn = dir.path().join("out.bpmn");
    let (code, _, err) = michi(&["export", empty.to_str().unwrap(), "-o", bpmn.to_str().unwrap()]);
    assert!(code == 2 && err.contains("has no process model to export"), "{err}");
    assert!(!bpmn.exists());
    // Nothing half-written is left behind.
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial") || n.ends_with(".new"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // And a good export reads back.
    assert_eq!(michi(&["export", o, "-o", bpmn.to_str().unwrap()]).0, 0);
    assert!(std::fs::read_to_string(&bpmn).unwrap().contains("definitions"));
}

#[test]
fn diff_says_what_changed_between_two_bpmn_files_as_json_and_as_a_change_list() {
    let dir = tempfile::tempdir().unwrap();
    let base = data("diff/base.bpmn");
    let xml = std::fs::read_to_string(&base)
        .unwrap()
        .replacen(r#"name="初期設定""#, r#"name="初期設定と権限付与""#, 1)
        .replacen("<timeDuration>P7D</timeDuration>", "<timeDuration>P14D</timeDuration>", 1)
        .replacen(r#"<userTask id="kickoff" name="キックオフ">"#, r#"<task id="kickoff" name="キックオフ">"#, 1)
        .replacen("</userTask>", "</task>", 1)
        .replacen(r#"sourceRef="split" targetRef="setup""#, r#"sourceRef="split" targetRef="end""#, 1);
    let changed = dir.path().join("to-be.bpmn");
    std::fs::write(&changed, xml).unwrap();
    let c = changed.to_str().unwrap();

    let (code, out, err) = michi(&["diff", &base, c, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["added"], serde_json::json!([]));
    assert_eq!(json["removed"], serde_json::json!([]));
    assert_eq!(
        json["changed"],
        serde_json::json!([
            {"id": "setup", "attrs": {"name": {"old": "初期設定", "new": "初期設定と権限付与"}}},
            {"id": "wait", "attrs": {"definitions.0.raw": {
                "old": json["changed"][1]["attrs"]["definitions.0.raw"]["old"],
                "new": json["changed"][1]["attrs"]["definitions.0.raw"]["new"]}}},
        ])
    );
    assert!(json["changed"][1]["attrs"]["definitions.0.raw"]["new"].as_str().unwrap().contains("P14D"), "{out}");
    assert_eq!(
        json["typeChanged"],
        serde_json::json!([{"id": "kickoff", "old": "activity/userTask", "new": "activity/task"}])
    );
    assert_eq!(json["reconnected"], serde_json::json!([{"id": "f4", "target": {"old": ["setup"], "new": ["end"]}}]));
    assert_eq!(json["layoutChanged"], serde_json::json!([]));
    // What the derived outputs gain: setup, no longer reached by f4, starts the process implicitly.
    assert_eq!(
        json["outputs"]["findingsAdded"],
        serde_json::json!([{"rule": "no-implicit-start", "elements": ["setup"]}])
    );
    assert_eq!(json["outputs"]["findingsRemoved"], serde_json::json!([]));

    let (code, out, err) = michi(&["diff", &base, c, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("# Changes\n\n4 change(s).\n"), "{out}");
    assert!(
        out.contains("## Renamed (1)\n\n- 初期設定と権限付与 `setup` — name: 「初期設定」 → 「初期設定と権限付与」\n"),
        "{out}"
    );
    assert!(out.contains("## Reconnected (1)\n\n- Sequence flow `f4` — target: setup → end\n"), "{out}");
    assert!(out.contains("## Derived outputs\n\n- Findings added (1): no-implicit-start"), "{out}");
    let (code, out, _) = michi(&["diff", &base, &base, "--lang", "ja"]);
    assert_eq!((code, out.as_str()), (0, "# 変更点\n\n違いはありません。\n"));
    let (code, _, err) = michi(&["diff", &base, "/no/such.bpmn"]);
    assert!(code == 2 && err.contains("/no/such.bpmn"), "{err}");
}

#[test]
fn diff_compares_two_versions_of_one_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    // Another to-be: a copy of the as-is with its first stage renamed.
    let mut store = michi_store::Store::open(&file).unwrap();
    let to_be = store.fork_version(1, "案B").unwrap();
    store.switch_version(to_be).unwrap();
    let stage = store.workspace().elements().find(|e| e.data.label() == "オンボーディング").unwrap().clone();
    let michi_core::ElementData::Stage(mut s) = stage.data.clone() else { panic!() };
    s.name = "導入".into();
    store.edit(michi_core::Edit::Update { id: stage.id.clone(), data: michi_core::ElementData::Stage(s) }).unwrap();
    drop(store);

    let (_, out, _) = michi(&["info", f]);
    assert!(out.contains("versions:   現状, あるべき姿, 案B (edited)\n"), "{out}");
    let (code, out, err) = michi(&["diff", f, "--from", "現状", "--to", "案B", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["changed"],
        serde_json::json!([{"id": stage.id.as_str(), "attrs": {"name": {"old": "オンボーディング", "new": "導入"}}}])
    );
    // --to defaults to the version being edited (the to-be); the other way round, the old name comes back.
    let (_, out, _) = michi(&["diff", f, "--from", "現状", "--format", "json"]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap()["changed"], json["changed"]);
    let (_, out, _) = michi(&["diff", f, "--from", "案B", "--to", "現状", "--lang", "en"]);
    assert!(out.contains("name: 「導入」 → 「オンボーディング」"), "{out}");
    // Refusals: no version named, an unknown one, versions of a BPMN file.
    let (code, _, err) = michi(&["diff", f]);
    assert!(code == 2 && err.contains("--from"), "{err}");
    let (code, _, err) = michi(&["diff", f, "--from", "案C"]);
    assert!(code == 2 && err.contains("no version named 「案C」 (its versions: 現状, あるべき姿, 案B)"), "{err}");
    let base = data("diff/base.bpmn");
    let (code, _, err) = michi(&["diff", &base, &base, "--from", "現状"]);
    assert!(code == 2 && err.contains("has no versions"), "{err}");
}

#[test]
fn gaps_lists_the_samples_to_be_against_its_as_is_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    // The to-be against the as-is it was made from: four items, by impact; the CS action that
    // answers a stumbling point first (a warning gone, in the third of four stages: (1 + 2) × 1.5).
    let (code, out, err) = michi(&["gaps", f, "--version", "あるべき姿", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = json["rows"].as_array().unwrap();
    let titles: Vec<&str> = rows.iter().map(|r| r["title"]["en"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles[0].starts_with("Added: 工場長に"), "{titles:?}");
    assert_eq!(rows[0]["impact"]["score"], 4.5);
    assert_eq!(rows[0]["impact"]["warningsRemoved"], 1);
    assert!(titles.contains(&"Added: 利用データでヘルスチェック"), "{titles:?}");
    assert!(titles.contains(&"Attributes changed: 活用・定着"), "{titles:?}");
    // Markdown and CSV carry the same rows; CSV opens in a spreadsheet (a BOM, a header row).
    let (_, md, _) = michi(&["gaps", f, "--version", "あるべき姿", "--lang", "ja"]);
    assert!(md.starts_with("# ギャップ一覧（現状 → あるべき姿）"), "{md}");
    assert!(md.contains("影響度 = (1 + 顧客数"), "{md}");
    let csv_path = dir.path().join("gaps.csv");
    let (code, _, err) =
        michi(&["gaps", f, "--version", "あるべき姿", "-o", csv_path.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with("\u{feff}#,Item,Where,Impact,Made of,Effort,Owner,Status,Customer voices\r\n"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + rows.len(), "{csv}");
    // The as-is was made from nothing: say which version to compare it with.
    let (code, _, err) = michi(&["gaps", f]);
    assert!(code == 2 && err.contains("--against") && err.contains("あるべき姿"), "{err}");
    let (code, out, _) = michi(&["gaps", f, "--against", "あるべき姿", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(out.contains("Removed: 利用データでヘルスチェック"), "{out}");
}

#[test]
fn evidence_prints_the_coverage_and_the_quotes_behind_each_element() {
    use michi_core::element::{Conversation, ElementData, Quote};
    use michi_core::{Edit, RelationKind};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    // The sample's five conversations, and one more (2026-01-01, an account it has not heard) with
    // one quote behind a stumbling point none of them supports.
    let mut store = michi_store::Store::open(&file).unwrap();
    let point =
        store.workspace().elements().find(|e| e.data.label() == "他工場の担当者が決まらない").unwrap().id.clone();
    let talk = ElementData::Conversation(Box::new(Conversation {
        date: Some(1_767_225_600.0),
        account: "A-001".into(),
        account_name: "山田製作所".into(),
        ..Default::default()
    }));
    let talk = store.edit(Edit::Create { data: talk }).unwrap().created[0].clone();
    let quote = ElementData::Quote(Quote {
        text: "他の工場は誰が見るのか決まっていない".into(), perspective: None
    });
    let quote = store.edit(Edit::Create { data: quote }).unwrap().created[0].clone();
    store.edit(Edit::Link { kind: RelationKind::QuoteOf, from: quote.clone(), to: talk }).unwrap();
    store.edit(Edit::Link { kind: RelationKind::Supports, from: quote, to: point.clone() }).unwrap();
    drop(store);

    let (code, out, err) = michi(&["evidence", f, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (json["conversations"].as_u64(), json["accountsHeard"].as_u64(), json["target"].as_u64()),
        (Some(6), Some(6), Some(20))
    );
    let behind = json["elements"].as_array().unwrap().iter().find(|e| e["element"] == point.as_str()).unwrap();
    assert_eq!(behind["quotes"][0]["text"], "他の工場は誰が見るのか決まっていない");
    let unheard: Vec<&str> = json["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["conversations"] == 0)
        .map(|c| c["segment"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(unheard, ["大手製造業"]);
    let (_, csv, _) = michi(&["evidence", f, "--format", "csv", "--lang", "en"]);
    assert!(csv.contains("Kind,Element,Quotes,Customers,Segments,Newest\r\n"), "{csv}");
    assert!(csv.contains("他工場の担当者が決まらない,1,1,0,2026-01-01\r\n"), "{csv}");
    let (_, md, _) = michi(&["evidence", f, "--lang", "ja"]);
    assert!(md.contains("会話 6 件、聞いた顧客 6 社（目標 20 社）"), "{md}");
    // Each element's quotes are cited under it.
    assert!(md.contains("- 「他の工場は誰が見るのか決まっていない」（山田製作所, 2026-01-01）"), "{md}");

    // The REFI-QDA project: a zip with project.qde and a source per conversation.
    let qdpx = dir.path().join("evidence.qdpx");
    let (code, _, err) = michi(&["evidence", f, "--format", "qdpx", "-o", qdpx.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&qdpx).unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let back = michi_qda::import(&bytes, &michi_core::Workspace::new()).unwrap();
    assert_eq!(back.conversations.len(), 6);
    let (code, _, err) = michi(&["evidence", f, "--format", "qdpx"]);
    assert!(code != 0 && err.contains("-o"), "{err}");
}

#[test]
fn skills_prints_the_gaps_and_the_assessments() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let (code, out, err) = michi(&["skills", f, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    for needle in
        ["# Skills and team gaps", "| Account management <!-- function-", "| 3 | 1 (too few) | 2 | 6 | Train |"]
    {
        assert!(out.contains(needle), "{needle} missing from:\n{out}");
    }
    let (code, csv, _) = michi(&["skills", f, "--format", "csv", "--lang", "ja"]);
    assert_eq!(code, 0);
    assert!(csv.starts_with("\u{feff}機能,必要な人数,要件を満たす人,不足（人）,不足（レベル）,判断\r\n"), "{csv}");
    let (code, json, _) = michi(&["skills", f, "--format", "json"]);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["functions"][0]["call"], "train");
    assert_eq!(value["people"].as_array().unwrap().len(), 4);
    // As of a day in May: 鈴木's risk was still 1.
    let (code, wide, _) = michi(&["skills", f, "--assessments", "wide", "--as-of", "2026-05-01", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(
        wide.lines().any(|l| l.starts_with("鈴木 健太,アカウントマネージャー,2026-05-01,") && l.contains("1→3")),
        "{wide}"
    );
    let (code, _, err) = michi(&["skills", f, "--as-of", "someday"]);
    assert_eq!(code, 2);
    assert!(err.contains("「someday」 is not a date"), "{err}");
}

#[test]
fn push_and_pull_carry_a_workspace_through_a_team_database() {
    let cluster = michi_store_pg::testing::Cluster::start();
    let url = cluster.database("cli");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    assert_eq!(michi(&["new", f, "--sample"]).0, 0);
    let (code, out, err) = michi(&["push", f, &url, "--name", "チームA"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), format!("pushed {f} as チームA"));
    let back = dir.path().join("back.michi");
    let (code, _, err) = michi(&["pull", &url, "チームA", "-o", back.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(michi_store::Store::archive(&back).unwrap(), michi_store::Store::archive(&file).unwrap());
    // Twice under one name: refused, exit 2, the reason said.
    let (code, _, err) = michi(&["push", f, &url, "--name", "チームA"]);
    assert_eq!(code, 2);
    assert!(err.contains("already: pick another name"), "{err}");
    // Access given by role: a role that does not exist is named; a reader is let in, read-only.
    let mut admin = michi_store_pg::connect(&url).unwrap();
    admin.batch_execute("CREATE ROLE reader_r LOGIN").unwrap();
    let (code, _, err) = michi(&["grant", &url, "チームA", "nobody", "--access", "read"]);
    assert_eq!(code, 2);
    assert!(err.contains("no role named nobody"), "{err}");
    let (code, out, err) = michi(&["grant", &url, "チームA", "reader_r", "--access", "read"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "reader_r may now read チームA");
    let as_reader = url.replace("user=michi", "user=reader_r");
    assert_eq!(michi_store_pg::list(&as_reader).unwrap(), ["チームA"]);
}
