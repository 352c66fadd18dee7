// The app's commands go through Tauri's ACL like plugin commands: each must be granted by a
// capability (see capabilities/main.json and permissions/app.toml). Keep this list in step with
// `specta_builder` in src/lib.rs; the IPC tests fail if a command is missing here.
const COMMANDS: &[&str] = &[
    "app_info",
    "set_language",
    "recent_files",
    "forget_recent_file",
    "new_workspace",
    "open_workspace",
    "save_workspace_as",
    "save_workspace_copy",
    "close_workspace",
    "current_workspace",
    "show",
    "outline",
    "edit",
    "undo",
    "redo",
    "fork_version",
    "switch_version",
    "rename_version",
    "delete_version",
    "take_back",
    "export_gaps",
    "quotes_behind",
    "export_evidence",
    "import_quotes_csv",
    "import_conversations",
    "workshop_addresses",
    "start_workshop",
    "stop_workshop",
    "workshop_panel",
    "workshop_control",
    "export_workshop_summary",
    "copy_shapes",
    "csv_preview",
    "import_state_csv",
    "import_bpmn",
    "export_bpmn",
    "rule_catalog",
    "export_lint_config",
    "import_lint_config",
    "catalog",
    "accounts_preview",
    "import_accounts_csv",
    "import_sample_accounts",
    "export_output",
    "export_pdf",
    "export_png",
    "export_svg",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
