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
    assert!(out.contains("  journey         2"), "{out}");
    assert!(out.contains("  stage           6"), "{out}");

    let (code, out, _) = michi(&["info", f, "--json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["elementsByKind"]["journey"], 2);
    assert_eq!(json["historySteps"], 0);
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
    // A PDF goes to a file, never to the terminal.
    let (code, _, err) = michi(&args);
    assert_eq!(code, 2);
    assert!(err.contains("--output"), "{err}");
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
    assert!(text.contains("Sizing") && text.contains("1,485 h ÷ (1,800 h × 60%) = 1.38 FTE"), "{text}");
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
