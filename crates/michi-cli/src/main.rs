//! `michi`: headless access to Michi workspaces. Each subcommand is a few lines over the core and the
//! store; nothing here knows about the desktop app.
//!
//! Exit status: 0 on success, 2 when a file cannot be read or written; `michi lint` exits with 1 when
//! an error-level finding exists, as bpmnlint does.

mod lint;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use michi_core::{ElementKind, IdGen, Workspace, sample};
use michi_store::{CURRENT_VERSION, Store};

#[derive(Parser)]
#[command(name = "michi", version, about = "Michi workspaces from the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a workspace file.
    New {
        file: PathBuf,
        /// Fill it with the sample journeys (a B2B SaaS onboarding to renewal journey, in Japanese).
        #[arg(long)]
        sample: bool,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Import a BPMN 2.0 file into a new workspace.
    Import {
        file: PathBuf,
        /// The workspace to create.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the workspace if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export a workspace's process models as one BPMN 2.0 file with diagrams.
    Export {
        file: PathBuf,
        /// The BPMN file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Diagnose workspaces (`.michi`) and BPMN files (`.bpmn`): every finding of the rules the
    /// profile and configuration turn on. Exits with 1 when an error-level finding exists.
    Lint {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// `text` (one line per finding) or `json` (an array of {file, rule, severity, elements, message}).
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
        /// A diagnosis settings file (`{"profile": …, "rules": {…}}`), as exported from the app.
        #[arg(long)]
        config: Option<PathBuf>,
        /// A built-in profile: `documentation` or `bpmnlint-recommended`. A workspace's own settings
        /// are used when neither this nor --config is given.
        #[arg(long)]
        profile: Option<String>,
        /// The language of messages: `ja` or `en` (default: from LANG).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Derive the method's outputs from a workspace: each journey's playbook or metrics catalog, or
    /// the CS functions the model calls for (`org`).
    Derive {
        #[arg(value_parser = ["playbook", "metrics", "org"])]
        what: String,
        file: PathBuf,
        /// Only the journey with this name or id (default: every journey).
        #[arg(long)]
        journey: Option<String>,
        /// `md` (Markdown, each line with the ids it comes from), `html` (one self-contained
        /// document; name one journey) or `json`.
        #[arg(long, default_value = "md", value_parser = ["md", "html", "json"])]
        format: String,
        /// The language of the Markdown: `ja` or `en` (default: from LANG).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Draw a process diagram as an SVG picture.
    Picture {
        file: PathBuf,
        /// The diagram's name (default: the first process diagram).
        #[arg(long)]
        diagram: Option<String>,
        /// The SVG file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Show what a workspace holds: element counts by kind and the file format version.
    Info {
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Lint { files, format, config, profile, lang } = cli.command {
        return lint::run(&files, &format, config.as_deref(), profile.as_deref(), lang.as_deref());
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("michi: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::New { file, sample: with_sample, force } => {
            let initial = if with_sample { sample::sample() } else { Workspace::new() };
            let store = Store::create(&file, &initial, force).map_err(|e| e.to_string())?;
            println!("created {} ({} elements)", file.display(), store.workspace().element_count());
            Ok(())
        }
        Command::Import { file, output, force } => {
            let bytes = std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let mut ws = Workspace::new();
            let imported = michi_bpmn::import(&bytes, &ws, &mut IdGen::random(), &michi_bpmn::Limits::default())
                .map_err(|e| format!("{}: {e}", file.display()))?;
            michi_core::apply(&mut ws, imported.op).map_err(|e| format!("{}: {e}", file.display()))?;
            for warning in &imported.warnings {
                eprintln!("michi: warning: {warning}");
            }
            Store::create(&output, &ws, force).map_err(|e| e.to_string())?;
            println!(
                "imported {} into {} ({} elements, {} diagrams)",
                file.display(),
                output.display(),
                imported.element_count,
                imported.views.len()
            );
            Ok(())
        }
        Command::Export { file, output } => {
            let snapshot = Store::read(&file).map_err(|e| e.to_string())?;
            let mut models: Vec<_> =
                snapshot.workspace.elements_of_kind(ElementKind::ProcessModel).map(|e| e.id.clone()).collect();
            if models.is_empty() {
                return Err(format!("{} has no process model to export", file.display()));
            }
            models.sort();
            let xml = michi_bpmn::export(&snapshot.workspace, &models).map_err(|e| e.to_string())?;
            std::fs::write(&output, xml).map_err(|e| format!("cannot write {}: {e}", output.display()))?;
            println!("exported {} process model(s) to {}", models.len(), output.display());
            Ok(())
        }
        Command::Lint { .. } => unreachable!("handled in main"),
        Command::Derive { what, file, journey, format, lang } => {
            let snapshot = Store::read(&file).map_err(|e| e.to_string())?;
            let ws = &snapshot.workspace;
            let japanese = match lang {
                Some(l) => l.starts_with("ja"),
                None => std::env::var("LANG").is_ok_and(|l| l.starts_with("ja")),
            };
            let mut journeys: Vec<&michi_core::Element> = ws
                .elements_of_kind(ElementKind::Journey)
                .filter(|j| journey.as_deref().is_none_or(|n| j.id.as_str() == n || j.data.label() == n))
                .collect();
            journeys.sort_by(|a, b| a.data.label().cmp(b.data.label()).then(a.id.cmp(&b.id)));
            if journeys.is_empty() {
                return Err(format!(
                    "{} has no journey{}",
                    file.display(),
                    journey.map(|n| format!(" named {n}")).unwrap_or_default()
                ));
            }
            use michi_core::derive::{metrics, org, playbook};
            if what == "org" {
                let rec = org::recommend(ws);
                match format.as_str() {
                    "json" => println!("{}", serde_json::to_string_pretty(&rec).expect("derivations serialise")),
                    "html" => print!("{}", michi_core::derive::html::org(&rec, japanese)),
                    _ => print!("{}", org::markdown(&rec, japanese)),
                }
                return Ok(());
            }
            if format == "html" && journeys.len() != 1 {
                return Err(format!(
                    "{} has {} journeys: name one with --journey for an HTML document",
                    file.display(),
                    journeys.len()
                ));
            }
            let ids = journeys.iter().map(|j| &j.id);
            let (json, text): (serde_json::Value, String) = if what == "metrics" {
                let all: Vec<_> = ids.filter_map(|j| metrics::metrics(ws, j)).collect();
                let text = if format == "html" {
                    all.iter().map(|c| michi_core::derive::html::metrics(c, japanese)).collect()
                } else {
                    all.iter().map(|c| metrics::markdown(c, japanese)).collect()
                };
                (serde_json::json!(all), text)
            } else {
                let all: Vec<_> = ids.filter_map(|j| playbook::playbook(ws, j)).collect();
                let text = if format == "html" {
                    all.iter().map(|b| michi_core::derive::html::playbook(b, japanese)).collect()
                } else {
                    all.iter().map(|b| playbook::markdown(b, japanese)).collect()
                };
                (serde_json::json!(all), text)
            };
            if format == "json" {
                println!("{}", serde_json::to_string_pretty(&json).expect("derivations serialise"));
            } else {
                print!("{text}");
            }
            Ok(())
        }
        Command::Picture { file, diagram, output } => {
            let snapshot = Store::read(&file).map_err(|e| e.to_string())?;
            let ws = &snapshot.workspace;
            let mut views: Vec<&michi_core::View> =
                ws.views().filter(|v| matches!(v.kind, michi_core::ViewKind::Process { .. })).collect();
            views.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
            let view = views
                .into_iter()
                .find(|v| diagram.as_deref().is_none_or(|n| v.name == n || v.id.as_str() == n))
                .ok_or_else(|| {
                    format!(
                        "{} has no process diagram{}",
                        file.display(),
                        diagram.map(|n| format!(" named {n}")).unwrap_or_default()
                    )
                })?;
            let d = michi_core::process::read::process_diagram(ws, &view.id).ok_or("the diagram cannot be read")?;
            std::fs::write(&output, michi_core::derive::svg::process_diagram(&d))
                .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
            println!("drew {} ({} shapes) to {}", d.name, d.shapes.len(), output.display());
            Ok(())
        }
        Command::Info { file, json } => {
            let snapshot = Store::read(&file).map_err(|e| e.to_string())?;
            let ws = &snapshot.workspace;
            let counts = ws.count_by_kind();
            let count = |k: ElementKind| counts.get(&k).copied().unwrap_or(0);
            if json {
                let by_kind: serde_json::Map<String, serde_json::Value> =
                    ElementKind::ALL.iter().map(|&k| (k.as_str().to_string(), count(k).into())).collect();
                let out = serde_json::json!({
                    "file": file.display().to_string(),
                    "schemaVersion": snapshot.file_version,
                    "currentSchemaVersion": CURRENT_VERSION,
                    "elements": ws.element_count(),
                    "elementsByKind": by_kind,
                    "relations": ws.relation_count(),
                    "views": ws.views().count(),
                    "historySteps": snapshot.history_len,
                });
                println!("{}", serde_json::to_string_pretty(&out).expect("JSON values serialise"));
            } else {
                println!("file:       {}", file.display());
                let upgrade = if snapshot.file_version < CURRENT_VERSION {
                    format!(" (upgraded to {CURRENT_VERSION} when opened for editing)")
                } else {
                    String::new()
                };
                println!("schema:     version {}{upgrade}", snapshot.file_version);
                println!("elements:   {}", ws.element_count());
                for &kind in ElementKind::ALL.iter().filter(|&&k| count(k) > 0) {
                    println!("  {:<16}{}", kind.as_str(), count(kind));
                }
                println!("relations:  {}", ws.relation_count());
                println!("views:      {}", ws.views().count());
                println!("history:    {} steps", snapshot.history_len);
            }
            Ok(())
        }
    }
}
