//! IPC contract tests: the real command set, capabilities and configuration on Tauri's mock runtime,
//! called with the JSON the UI sends (camelCase keys). They pin the wire format and the error codes;
//! the use cases behind the commands have their own tests in `michi-app`.

use std::fs;
use std::path::Path;

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let launch = michi_desktop::Launch { config_dir: Some(dir.path().join("config")), ..Default::default() };
    let app = michi_desktop::app_builder(mock_builder(), launch).build(tauri::generate_context!()).unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    Harness { _app: app, window, dir }
}

impl Harness {
    fn invoke(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        tauri::test::get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(body),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.into(),
            },
        )
        .map(|b| b.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, body: Value) -> Value {
        self.invoke(cmd, body).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn err(&self, cmd: &str, body: Value) -> Value {
        self.invoke(cmd, body).err().unwrap_or_else(|| panic!("{cmd} should fail"))
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// What a screen shows (what every change answers with, as `shown`).
    fn show(&self, screen: Value) -> Value {
        self.ok("show", json!({ "show": { "screen": screen, "overlay": null } }))
    }

    /// An edit seen from the first screen.
    fn edit(&self, edit: Value) -> Result<Value, Value> {
        self.invoke("edit", json!({ "edit": edit, "show": home() }))
    }
}

/// The first screen of a workspace, as the UI asks for when it opens one.
fn home() -> Value {
    json!({ "screen": { "type": "home" }, "overlay": null })
}

fn create(h: &Harness, name: &str, sample: bool) -> Value {
    h.ok("new_workspace", json!({ "path": h.path(name), "withSample": sample, "replace": false, "show": home() }))
}

#[test]
fn sample_workspace_round_trip_with_edits_undo_and_redo() {
    let h = harness();
    let path = h.path("sample.michi");
    let opened = h.ok("new_workspace", json!({ "path": path, "withSample": true, "replace": false, "show": home() }));
    let state = &opened["state"];
    assert_eq!(state["name"], "sample");
    assert_eq!(state["undo"], Value::Null);
    // The first screen comes with it: the first journey's map.
    assert_eq!(opened["shown"]["screen"]["type"], "journeyMap");

    let outline = h.ok("outline", json!({}));
    assert_eq!(outline["journeys"].as_array().unwrap().len(), 2);
    let journey = outline["journeys"].as_array().unwrap().iter().find(|j| j["stageCount"] == 4).unwrap().clone();
    let on_map = json!({ "screen": { "type": "journeyMap", "view": journey["view"] }, "overlay": null });
    let map = h.show(json!({ "type": "journeyMap", "view": journey["view"] }))["screen"]["map"].clone();
    assert_eq!(map["stages"][0]["stage"]["data"]["name"], "オンボーディング");
    assert_eq!(map["stages"][0]["stage"]["data"]["kind"], "stage");
    assert_eq!(map["lanes"].as_array().unwrap().len(), 7);
    assert_eq!(map["lanes"][2]["look"]["name"]["ja"], "タッチポイント");

    let result = h.ok(
        "edit",
        json!({ "edit": { "type": "addStage", "journey": journey["id"], "index": 1, "name": "導入準備" }, "show": on_map }),
    );
    // Undo names the edit in both languages.
    assert_eq!(result["state"]["undo"], json!({ "ja": "ステージの追加", "en": "add a stage" }));
    let stage = result["created"][0].as_str().unwrap().to_string();
    let result = h.ok(
        "edit",
        json!({ "edit": { "type": "addCard", "stage": stage, "index": null,
                          "data": { "kind": "touchpoint", "text": "キックオフ", "note": "", "channel": "onsite", "touch": "high" } },
                "show": on_map }),
    );
    assert_eq!(result["created"].as_array().unwrap().len(), 1);
    // The edit's result is what the map shows now: no second call to redraw.
    let map = &result["shown"]["screen"]["map"];
    assert_eq!(map["stages"][1]["stage"]["data"]["name"], "導入準備");
    assert_eq!(map["stages"][1]["cells"][2]["cards"][0]["element"]["data"]["text"], "キックオフ");

    let result = h.ok("undo", json!({ "show": on_map }));
    assert_eq!(result["state"]["undo"]["en"], "add a stage");
    assert_eq!(result["state"]["redo"]["en"], "add a card");
    assert!(result["shown"]["screen"]["map"]["stages"][1]["cells"][2]["cards"].as_array().unwrap().is_empty());
    let result = h.ok("redo", json!({ "show": on_map }));
    assert_eq!(result["state"]["redo"], Value::Null);

    // Reopening the same file from the recent list is allowed and lands on the same state.
    let recent = h.ok("recent_files", json!({}));
    assert_eq!(recent[0]["path"], path);
    assert_eq!(recent[0]["exists"], true);
    h.ok("close_workspace", json!({}));
    assert_eq!(h.ok("current_workspace", json!({})), Value::Null);
    let opened = h.ok("open_workspace", json!({ "path": path, "show": on_map }));
    assert_eq!(opened["state"]["undo"]["ja"], "カードの追加");
    assert_eq!(opened["shown"]["screen"]["map"]["stages"][1]["stage"]["data"]["name"], "導入準備");
}

#[test]
fn errors_reach_the_ui_as_code_and_message_and_leave_files_alone() {
    let h = harness();
    let notes = h.path("notes.michi");
    fs::write(&notes, "会議メモ").unwrap();
    let e = h.err("open_workspace", json!({ "path": notes, "show": home() }));
    assert_eq!(e["code"], "notAWorkspace");
    assert_eq!(e["path"], notes);
    assert!(e["message"].as_str().unwrap().contains("is not a Michi workspace"));
    assert_eq!(fs::read_to_string(&notes).unwrap(), "会議メモ");

    let e = h.err("open_workspace", json!({ "path": h.path("missing.michi"), "show": home() }));
    assert_eq!(e["code"], "notFound");

    let e = h.err("outline", json!({}));
    assert_eq!(e["code"], "noWorkspace");

    let path = h.path("a.michi");
    let opened = h.ok("new_workspace", json!({ "path": path, "withSample": false, "replace": false, "show": home() }));
    // An empty workspace has nothing to draw yet.
    assert_eq!(opened["shown"]["screen"]["type"], "empty");
    let e = h.err("new_workspace", json!({ "path": path, "withSample": false, "replace": false, "show": home() }));
    assert_eq!(e["code"], "alreadyExists");
    // A failed open keeps the current workspace open.
    h.err("open_workspace", json!({ "path": notes, "show": home() }));
    assert_eq!(h.ok("current_workspace", json!({}))["path"], path);

    let e = h.edit(json!({ "type": "delete", "ids": ["nothing-here"] })).unwrap_err();
    assert_eq!(e["code"], "invalidEdit");
    let e = h.err("undo", json!({ "show": home() }));
    assert_eq!(e["code"], "nothingToUndo");
    // A screen whose diagram is gone shows the first screen instead.
    assert_eq!(h.show(json!({ "type": "journeyMap", "view": "view-nope" }))["screen"]["type"], "empty");
}

#[test]
fn a_newer_file_is_refused_and_a_read_only_one_opens_read_only_unchanged() {
    let h = harness();
    let path = h.path("b.michi");
    h.ok("new_workspace", json!({ "path": path, "withSample": true, "replace": false, "show": home() }));
    h.ok("close_workspace", json!({}));

    let newer = h.path("newer.michi");
    let mut bytes = fs::read(&path).unwrap();
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    fs::write(&newer, &bytes).unwrap();
    let e = h.err("open_workspace", json!({ "path": newer, "show": home() }));
    assert_eq!(e["code"], "tooNew");
    assert_eq!(fs::read(&newer).unwrap(), bytes);

    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();
    let opened = h.ok("open_workspace", json!({ "path": path, "show": home() }));
    assert_eq!(opened["state"]["readOnly"], true);
    let e = h.err("undo", json!({ "show": home() }));
    assert_eq!(e["code"], "readOnly");
    // Save As goes on in an editable copy.
    let copy = h.path("b-copy.michi");
    let opened = h.ok("save_workspace_as", json!({ "path": copy, "replace": false, "show": home() }));
    assert_eq!((opened["state"]["readOnly"].clone(), opened["state"]["name"].clone()), (json!(false), json!("b-copy")));
    let copy2 = h.path("b-copy2.michi");
    h.ok("save_workspace_copy", json!({ "path": copy2, "replace": false }));
    assert!(Path::new(&copy2).is_file());
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn the_language_choice_is_kept_in_the_config_folder() {
    let h = harness();
    let info = h.ok("app_info", json!({}));
    assert_eq!(info["language"], Value::Null);
    h.ok("set_language", json!({ "language": "en" }));
    assert_eq!(h.ok("app_info", json!({}))["language"], "en");
    let saved = fs::read_to_string(Path::new(&h.path("config")).join("settings.json")).unwrap();
    assert!(saved.contains("\"en\""), "{saved}");
}

#[test]
fn wrongly_shaped_arguments_are_refused_by_the_contract() {
    let h = harness();
    // snake_case keys are not what the UI sends: the command refuses them.
    let e = h.err(
        "new_workspace",
        json!({ "path": h.path("c.michi"), "with_sample": true, "replace": false, "show": home() }),
    );
    assert!(e.as_str().unwrap_or_default().contains("withSample"), "{e}");
}

#[test]
fn an_unwritable_config_folder_does_not_stop_a_workspace_from_opening() {
    let h = harness();
    // The config folder's place is taken by a file, so settings cannot be saved.
    fs::write(h.path("config"), "not a folder").unwrap();
    let path = h.path("d.michi");
    let opened = h.ok("new_workspace", json!({ "path": path, "withSample": false, "replace": false, "show": home() }));
    assert_eq!(opened["state"]["path"], path);
    assert_eq!(h.ok("current_workspace", json!({}))["path"], path);
    // Choosing a language reports the failure, as it should: nothing else could.
    assert_eq!(h.err("set_language", json!({ "language": "en" }))["code"], "settings");
}

fn repo_data(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data").join(rel).display().to_string()
}

#[test]
fn process_diagram_edits_refusals_state_import_and_bpmn_interchange() {
    let h = harness();
    create(&h, "p.michi", true);
    let outline = h.ok("outline", json!({}));
    let diagram = &outline["diagrams"][0];
    let model = diagram["model"].as_str().unwrap().to_string();
    let screen = json!({ "type": "processDiagram", "view": diagram["view"] });
    let on_diagram = json!({ "screen": screen, "overlay": null });
    let d = h.show(screen.clone())["screen"]["diagram"].clone();
    let shapes = d["shapes"].as_array().unwrap();
    let named = |name: &str| {
        shapes
            .iter()
            .find(|s| s["element"]["data"]["name"] == name)
            .unwrap_or_else(|| panic!("no shape {name}"))
            .clone()
    };
    let kickoff = named("キックオフを実施");
    assert_eq!(kickoff["element"]["data"]["kind"], "activity");
    assert!(!kickoff["serves"].as_array().unwrap().is_empty(), "the sample's activities serve stages");

    // A node dropped in a lane: created, in that lane, undoable with its label.
    let lane = shapes.iter().find(|s| s["element"]["data"]["kind"] == "lane").unwrap();
    let at = json!({ "x": lane["bounds"]["x"].as_f64().unwrap() + 400.0, "y": lane["bounds"]["y"].as_f64().unwrap() + 40.0 });
    let r = h.ok(
        "edit",
        json!({ "edit": { "type": "addNode", "view": diagram["view"], "at": at,
            "data": { "kind": "event", "name": "開始", "position": "start" } }, "show": on_diagram }),
    );
    assert_eq!(r["state"]["undo"]["en"], "place an element");
    let start = r["created"][0].clone();
    let d = &r["shown"]["screen"]["diagram"];
    let placed = d["shapes"].as_array().unwrap().iter().find(|s| s["element"]["id"] == start).unwrap().clone();
    assert_eq!(placed["lane"], lane["element"]["id"]);

    // Joining into a start event is refused with a reason the UI translates; nothing changes.
    let same_lane = shapes
        .iter()
        .find(|s| s["lane"] == lane["element"]["id"] && s["element"]["data"]["kind"] == "activity")
        .expect("an activity in the first lane");
    let e = h
        .edit(json!({ "type": "connect", "view": diagram["view"], "from": same_lane["element"]["id"], "to": start }))
        .unwrap_err();
    assert_eq!(e["code"], "invalidEdit");
    assert_eq!(e["reason"], "connectIntoStart");
    assert_eq!(h.ok("current_workspace", json!({}))["undo"]["en"], "place an element");

    // Copy and paste: new ids, same names.
    // (A pasted activity would share its name with the original, and a CSV naming it would then
    // be ambiguous: the start event is copied here.)
    let clip = h.ok("copy_shapes", json!({ "view": diagram["view"], "ids": [start] }));
    let r = h.edit(json!({ "type": "paste", "view": diagram["view"], "clip": clip, "at": at })).unwrap();
    assert_eq!(r["created"].as_array().unwrap().len(), 1);
    assert_ne!(r["created"][0], start);

    // The state CSV: a preview with a guessed mapping, then a snapshot with the expected counts.
    let csv = repo_data("state/onboarding-cases.cp932.csv");
    let preview = h.ok("csv_preview", json!({ "path": csv }));
    assert_eq!(preview["encoding"], "Shift_JIS");
    assert_eq!(preview["headers"][2], "工程");
    let r = h.ok(
        "import_state_csv",
        json!({ "path": csv, "mapping": preview["guess"], "target": model, "name": "11月20日", "asOf": null, "show": on_diagram }),
    );
    assert_eq!(r["state"]["undo"]["en"], "import a state snapshot");
    let snapshot = r["created"][0].clone();
    // The state layer laid over the diagram comes with what the screen shows.
    let shown =
        h.ok("show", json!({ "show": { "screen": screen, "overlay": { "snapshot": snapshot, "compare": null } } }));
    let overlay = &shown["overlay"]["data"];
    let at_kickoff =
        overlay["nodes"].as_array().unwrap().iter().find(|n| n["element"] == kickoff["element"]["id"]).unwrap();
    assert_eq!(at_kickoff["present"], 3);
    assert_eq!(h.ok("outline", json!({}))["snapshots"][0]["name"], "11月20日");

    // A bad row: refused, naming the line and the column; no snapshot added.
    let e = h.err(
        "import_state_csv",
        json!({ "path": repo_data("state/onboarding-cases.bad-date.csv"), "mapping": preview["guess"], "target": model, "name": "x", "asOf": null, "show": home() }),
    );
    assert_eq!(e["code"], "badCsv");
    assert_eq!(e["problems"][0]["column"], "日時");
    assert_eq!(e["problems"][0]["kind"], "badDate");
    assert!(e["problems"][0]["line"].as_u64().unwrap() > 1);
    assert_eq!(h.ok("outline", json!({}))["snapshots"].as_array().unwrap().len(), 1);

    // BPMN: export the sample's model, import it back as a second model in one undo step.
    let bpmn = h.path("onboarding.bpmn");
    h.ok("export_bpmn", json!({ "path": bpmn, "models": [model] }));
    assert!(fs::read_to_string(&bpmn).unwrap().contains("キックオフを実施"));
    let r = h.ok("import_bpmn", json!({ "path": bpmn, "show": home() }));
    assert_eq!(r["state"]["undo"]["ja"], "BPMNの読み込み");
    assert_eq!(r["createdViews"].as_array().unwrap().len(), 1);
    assert_eq!(r["shown"]["outline"]["diagrams"].as_array().unwrap().len(), 2);
    let r = h.ok("undo", json!({ "show": home() }));
    assert_eq!(r["shown"]["outline"]["diagrams"].as_array().unwrap().len(), 1);

    // Not BPMN: a typed error naming the file.
    let not_bpmn = h.path("notes.bpmn");
    fs::write(&not_bpmn, "<html><body/></html>").unwrap();
    let e = h.err("import_bpmn", json!({ "path": not_bpmn, "show": home() }));
    assert_eq!(e["code"], "badBpmn");
    assert_eq!(e["path"], not_bpmn);
}

#[test]
fn the_diagnosis_comes_back_with_every_change_and_its_settings_travel_as_a_file() {
    let h = harness();
    let opened = create(&h, "d.michi", true);
    let state = &opened["state"];
    assert_eq!(state["diagnosis"]["type"], "whole", "{state}");
    let counts = &state["diagnosis"]["diagnosis"]["counts"];
    assert!(counts["warning"].as_u64().unwrap() > 0, "{state}");
    assert_eq!(state["diagnosis"]["diagnosis"]["config"]["profile"], "documentation");
    let finding = state["diagnosis"]["diagnosis"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "stage-ttv-target")
        .unwrap()
        .clone();
    assert!(finding["message"]["ja"].as_str().unwrap().contains("更新"), "{finding}");

    // Fix it: the finding is gone from the edit's result.
    let stage = finding["elements"][0].clone();
    let result = h
        .edit(
            json!({ "type": "update", "id": stage, "data": { "kind": "stage", "name": "更新", "ttvTargetDays": 30 } }),
        )
        .unwrap();
    let findings = result["state"]["diagnosis"]["diagnosis"]["findings"].as_array().unwrap();
    assert!(!findings.iter().any(|f| f["rule"] == "stage-ttv-target"), "{findings:?}");

    // A rule turned off and the profile changed, then shared as a file and read back into another workspace.
    let config = json!({ "profile": "documentation", "rules": { "stage-served": "off", "stage-metric": "error" } });
    let result = h.edit(json!({ "type": "setLintConfig", "config": config })).unwrap();
    let diagnosis = &result["state"]["diagnosis"]["diagnosis"];
    assert!(!diagnosis["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "stage-served"));
    assert_eq!(result["state"]["undo"]["en"], "diagnosis settings");
    let shared = h.path("team.json");
    h.ok("export_lint_config", json!({ "path": shared }));
    assert!(fs::read_to_string(&shared).unwrap().contains("\"stage-served\": \"off\""));

    create(&h, "e.michi", true);
    let result = h.ok("import_lint_config", json!({ "path": shared, "show": home() }));
    assert_eq!(result["state"]["diagnosis"]["diagnosis"]["config"], config);
    // Undo gives the default settings back.
    let result = h.ok("undo", json!({ "show": home() }));
    assert_eq!(result["state"]["diagnosis"]["diagnosis"]["config"]["rules"], json!({}));

    // A broken settings file is refused with its own code; nothing changes.
    fs::write(&shared, r#"{"rules": {"no-such-rule": "off"}}"#).unwrap();
    let err = h.err("import_lint_config", json!({ "path": shared, "show": home() }));
    assert_eq!(err["code"], "badConfig");
    assert!(err["message"].as_str().unwrap().contains("no-such-rule"), "{err}");

    let catalog = h.ok("rule_catalog", json!({}));
    let ids: Vec<&str> = catalog.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"label-required") && ids.contains(&"stumbling-point-addressed"), "{ids:?}");

    // A front end that says which diagnosis it holds gets what changed from it.
    let stamp = result["state"]["diagnosis"]["stamp"].clone();
    let show = json!({ "screen": { "type": "home" }, "overlay": null, "heldDiagnosis": stamp });
    let config = json!({ "profile": "documentation", "rules": { "stage-served": "off" } });
    let result = h.ok("edit", json!({ "edit": { "type": "setLintConfig", "config": config }, "show": show }));
    let sent = &result["state"]["diagnosis"];
    assert_eq!((&sent["type"], &sent["base"]), (&json!("patch"), &stamp), "{sent}");
    assert!(!sent["patch"]["removed"].as_array().unwrap().is_empty(), "{sent}");
    assert_eq!(sent["patch"]["config"], config);
}

#[test]
fn derived_outputs_are_read_and_exported_as_markdown_or_html() {
    let h = harness();
    create(&h, "o.michi", true);
    let outline = h.ok("outline", json!({}));
    let journey = outline["journeys"].as_array().unwrap().iter().find(|j| j["stageCount"] == 4).unwrap()["id"].clone();
    let outputs = h.show(json!({ "type": "outputs", "journey": journey, "segment": null }))["screen"].clone();
    assert_eq!(outputs["type"], "outputs");
    // The playbook as a document: a section per stage, each line traced.
    let sections = outputs["playbook"]["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 4);
    assert_eq!(sections[0]["role"], "playbook-stage");
    assert_eq!(sections[0]["heading"]["spans"][0]["text"]["ja"], "1. オンボーディング");
    assert!(sections[0]["heading"]["trace"][0].is_string());
    // The journey has a variant per segment; the enterprise one holds the factory visits.
    let variants = outputs["variants"].as_array().unwrap().clone();
    assert_eq!(variants.len(), 2);
    let ent = variants.iter().find(|v| v["name"] == "大手製造業").unwrap()["id"].clone();
    let variant = h.show(json!({ "type": "outputs", "journey": journey, "segment": ent }))["screen"].clone();
    assert_eq!(variant["segment"], ent);
    assert_eq!(variant["playbook"]["title"]["spans"][1]["role"], "playbook-segment");
    let md = h.path("variant.md");
    h.ok(
        "export_output",
        json!({ "kind": "playbook", "journey": journey, "segment": ent, "language": "ja", "path": md }),
    );
    assert!(fs::read_to_string(&md).unwrap().contains("（大手製造業）"));
    assert_eq!(outputs["metrics"]["sections"].as_array().unwrap().last().unwrap()["role"], "kpi-tree");
    assert!(outputs["design"]["recommended"].as_array().unwrap().len() >= 5);
    assert!(outputs["org"]["sections"].as_array().unwrap().iter().filter(|s| s["role"] == "org-function").count() >= 5);
    // Outputs of something that is not a journey give way to the first screen.
    assert_eq!(
        h.show(json!({ "type": "outputs", "journey": "stage-1", "segment": null }))["screen"]["type"],
        "journeyMap"
    );

    let md = h.path("playbook.md");
    h.ok(
        "export_output",
        json!({ "kind": "playbook", "journey": journey, "segment": null, "language": "ja", "path": md }),
    );
    assert!(fs::read_to_string(&md).unwrap().starts_with("# プレイブック — "));
    let page = h.path("metrics.html");
    h.ok(
        "export_output",
        json!({ "kind": "metrics", "journey": journey, "segment": null, "language": "en", "path": page }),
    );
    let text = fs::read_to_string(&page).unwrap();
    assert!(text.starts_with("<!DOCTYPE html>") && text.contains("Metrics catalog"), "{text}");
    assert!(!Path::new(&h.path("metrics.html.partial")).exists());
}

#[test]
fn printing_to_pdf_needs_the_real_window() {
    // The mock runtime has no webview to print: the command answers with a clear error, not a panic.
    let h = harness();
    let err = h.err("export_pdf", json!({ "path": h.path("x.pdf") }));
    assert_eq!(err["code"], "writeFailed");
    assert!(err["message"].as_str().unwrap().contains("not available"), "{err}");
}

#[test]
fn a_picture_needs_the_real_window() {
    let h = harness();
    let err =
        h.err("export_png", json!({ "path": h.path("x.png"), "rect": { "x": 0, "y": 0, "width": 10, "height": 10 } }));
    assert_eq!(err["code"], "writeFailed");
}

#[test]
fn a_process_diagram_is_written_as_svg() {
    let h = harness();
    create(&h, "s.michi", true);
    let outline = h.ok("outline", json!({}));
    let view = outline["diagrams"][0]["view"].clone();
    let out = h.path("p.svg");
    h.ok("export_svg", json!({ "view": view, "language": "ja", "path": out }));
    assert!(fs::read_to_string(&out).unwrap().starts_with("<svg"));
    assert_eq!(
        h.err("export_svg", json!({ "view": "view-none", "language": "ja", "path": out }))["code"],
        "unknownView"
    );
    // A journey map too, with its lanes named in the UI's language.
    let map = outline["journeys"][0]["view"].clone();
    h.ok("export_svg", json!({ "view": map, "language": "en", "path": out }));
    let svg = fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Touchpoints"), "{svg}");
}

#[test]
fn the_catalog_is_read_complete_and_edited_as_one_undoable_edit() {
    let h = harness();
    create(&h, "s.michi", true);
    let mut catalog = h.ok("catalog", json!({}));
    assert_eq!(catalog["interventions"].as_array().unwrap().len(), 5);
    assert_eq!(catalog["functions"].as_array().unwrap().len(), 12);
    assert_eq!(catalog["sizing"]["hoursPerFte"], 1800.0);
    catalog["sizing"]["hoursPerFte"] = json!(1500.0);
    let journey = h.ok("outline", json!({}))["journeys"][0]["id"].clone();
    let outputs = json!({ "screen": { "type": "outputs", "journey": journey, "segment": null }, "overlay": null });
    let result = h.ok("edit", json!({ "edit": { "type": "setCatalog", "catalog": catalog }, "show": outputs }));
    assert_eq!(result["state"]["undo"]["en"], "edit the catalog");
    assert_eq!(h.ok("catalog", json!({}))["sizing"]["hoursPerFte"], 1500.0);
    assert_eq!(result["shown"]["screen"]["design"]["sizing"]["assumptions"]["hoursPerFte"], 1500.0);
    // Unusable assumptions are refused with a message, and change nothing.
    catalog["sizing"]["customerShare"] = json!(0.0);
    let err = h.edit(json!({ "type": "setCatalog", "catalog": catalog })).unwrap_err();
    assert!(err["message"].as_str().unwrap().contains("share of customer work"), "{err}");
    h.ok("undo", json!({ "show": home() }));
    assert_eq!(h.ok("catalog", json!({}))["sizing"]["hoursPerFte"], 1800.0);
}

#[test]
fn accounts_are_imported_scored_judged_and_undone() {
    let h = harness();
    create(&h, "s.michi", true);
    let csv = concat!(env!("CARGO_MANIFEST_DIR"), "/../crates/michi-core/samples/accounts-2026-10.csv");
    let preview = h.ok("accounts_preview", json!({ "path": csv }));
    assert_eq!(preview["totalRows"], 40);
    assert_eq!(preview["missingColumns"].as_array().unwrap().len(), 0);
    let mapping = preview["guess"].clone();
    let health = |account: Option<&str>| json!({ "screen": { "type": "health", "query": { "sort": "verdict", "limit": 10 }, "account": account }, "overlay": null });
    let result = h.ok(
        "import_accounts_csv",
        json!({ "path": csv, "mapping": mapping, "journey": null, "name": "2026年10月", "asOf": 1_793_404_800.0, "show": health(None) }),
    );
    assert_eq!(result["state"]["undo"]["en"], "import accounts");
    let table = result["shown"]["screen"]["table"].clone();
    assert_eq!(table["total"], 40);
    assert_eq!(table["rows"].as_array().unwrap().len(), 10);
    assert_eq!(table["snapshots"].as_array().unwrap().len(), 1);
    let weak = table["rows"][0].clone();
    assert_eq!(weak["score"]["verdict"]["type"], "weak");
    let id = weak["id"].as_str().unwrap().to_string();
    let page = h.ok("show", json!({ "show": health(Some(&id)) }))["screen"]["account"].clone();
    assert!(!page["explanation"]["ja"].as_str().unwrap().is_empty());
    assert!(!page["nextActions"].as_array().unwrap().is_empty());
    // A judgement typed in the app changes the score.
    let before = page["line"]["score"]["links"][0].as_f64();
    let result = h.ok(
        "edit",
        json!({ "edit": { "type": "create", "data": {
            "kind": "judgement", "account": id, "indicator": "owner-named", "value": 1.0,
            "at": 1_793_500_000.0, "by": "佐藤", "note": "キックオフで推進担当が決まった" } }, "show": health(Some(&id)) }),
    );
    let after = result["shown"]["screen"]["account"].clone();
    let judged = after["indicators"].as_array().unwrap().iter().find(|i| i["key"] == "owner-named").unwrap().clone();
    assert_eq!(judged["judgement"]["by"], "佐藤");
    assert!(after["line"]["score"]["links"][0].as_f64() >= before, "{after}");
    // Undo the judgement, then the import (one step: snapshot and state together).
    h.ok("undo", json!({ "show": home() }));
    let result = h.ok("undo", json!({ "show": health(Some(&id)) }));
    assert_eq!(result["shown"]["screen"]["table"]["total"], 0);
    // The account is gone from the latest snapshot: its page closes.
    assert_eq!(result["shown"]["screen"]["account"], Value::Null);
    // A bad file is refused with its line and column, and nothing is imported.
    let bad = h.path("bad.csv");
    fs::write(&bad, "顧客ID,会社名,ログイン率\nC-1,山田製作所,たくさん\n").unwrap();
    let mapping = h.ok("accounts_preview", json!({ "path": bad }))["guess"].clone();
    let err = h.err(
        "import_accounts_csv",
        json!({ "path": bad, "mapping": mapping, "journey": null, "name": "x", "asOf": 0.0, "show": home() }),
    );
    assert!(err["message"].as_str().unwrap().contains("line 2, column ログイン率"), "{err}");
    let shown = h.show(json!({ "type": "health", "query": {}, "account": null }))["screen"].clone();
    assert_eq!(shown["table"]["total"], 0);
    assert_eq!(shown["model"]["stored"], true);
    assert_eq!(shown["model"]["model"]["links"].as_array().unwrap().len(), 4);
}

#[test]
fn the_sample_accounts_import_in_one_undoable_step_as_the_file_would() {
    let h = harness();
    create(&h, "s.michi", true);
    let health = json!({ "screen": { "type": "health", "query": { "limit": 5 }, "account": null }, "overlay": null });
    let result = h.ok("import_sample_accounts", json!({ "show": health }));
    let table = result["shown"]["screen"]["table"].clone();
    assert_eq!(table["total"], 40);
    let snapshot = table["snapshots"][0].clone();
    assert_eq!(snapshot["name"], "accounts-2026-10");
    // Dated the last day of October (UTC), with the journeys' state snapshot of the same import.
    let as_of = snapshot["asOf"].as_f64().unwrap();
    assert!((1_793_404_800.0..1_793_491_200.0).contains(&as_of), "{snapshot}");
    assert!(snapshot["state"].is_string(), "{snapshot}");
    // The same quadrant spread as the file imported through the dialog.
    assert_eq!(table["quadrants"], json!([15, 10, 7, 8, 0]));
    let result = h.ok("undo", json!({ "show": health }));
    assert_eq!(result["shown"]["screen"]["table"]["total"], 0);
}

/// The web view may call Michi's own commands, set the window's title, hear events and open the
/// file dialogs, and nothing else: no shell, no file system, no HTTP, no other window. A permission,
/// a capability file or a Tauri plugin added fails this test until it is listed here (and in
/// docs/security.md); every `allow-…` of permissions/app.toml names a command the app defines.
#[test]
fn the_web_view_is_granted_michis_commands_and_the_file_dialogs_only() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<String> = fs::read_dir(dir.join("capabilities"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["main.json"]);
    let cap: Value = serde_json::from_str(&fs::read_to_string(dir.join("capabilities/main.json")).unwrap()).unwrap();
    assert_eq!(cap["windows"], json!(["main"]));
    assert_eq!(
        cap["permissions"],
        json!([
            "allow-app-commands",
            "core:window:allow-set-title",
            "core:event:allow-listen",
            "core:event:allow-unlisten",
            "dialog:allow-open",
            "dialog:allow-save"
        ])
    );
    // The one plugin is the dialog.
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let plugins: Vec<&str> =
        manifest.lines().filter(|l| l.starts_with("tauri-plugin-")).map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(plugins, ["tauri-plugin-dialog"]);
    // The app's permission set grants its commands (build.rs), one by one.
    let build = fs::read_to_string(dir.join("build.rs")).unwrap();
    let list = &build[build.find("const COMMANDS").unwrap()..];
    let list = &list[..list.find("];").unwrap()];
    let commands: Vec<String> = list
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"')?.split('"').next())
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    let app = fs::read_to_string(dir.join("permissions/app.toml")).unwrap();
    let granted: Vec<String> = app
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\"allow-"))
        .map(|l| format!("allow-{}", l.trim_end_matches(['"', ','])))
        .collect();
    assert!(commands.len() > 40, "{commands:?}");
    assert_eq!(granted, commands);
}
