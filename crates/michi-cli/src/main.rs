//! `michi`: headless access to Michi workspaces. Each subcommand is a few lines over the core and the
//! store; nothing here knows about the desktop app.
//!
//! Exit status: 0 on success, 2 when a file cannot be read or written; `michi lint` exits with 1 when
//! an error-level finding exists, as bpmnlint does.

mod health;
mod lint;

// The allocator the benches measure with (see the workspace Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// A playbook's segment variant: the segment's name or id.
        #[arg(long)]
        segment: Option<String>,
        /// `md` (Markdown, each line with the ids it comes from), `html` (one self-contained
        /// document; name one journey), `json`, or `pdf` (A4 pages, needs --output).
        #[arg(long, default_value = "md", value_parser = ["md", "html", "json", "pdf"])]
        format: String,
        /// The language of the documents: `ja` or `en` (default: from LANG).
        #[arg(long)]
        lang: Option<String>,
        /// Write to this file instead of the standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Draw a diagram (a journey map or a process diagram) as a picture: SVG, PNG or PDF, by the
    /// output's extension.
    Picture {
        file: PathBuf,
        /// The diagram's name or view id (default: the first process diagram).
        #[arg(long)]
        diagram: Option<String>,
        /// The file to write: `.svg`, `.png` or `.pdf`.
        #[arg(short, long)]
        output: PathBuf,
        /// The language of a journey map's lane names: `ja` or `en` (default: from LANG).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Score an accounts CSV on the workspace's health model (the bonfire: firewood, ember, wind,
    /// fire), without changing the workspace: each account's scores, weakest link and next action.
    Health {
        file: PathBuf,
        /// The accounts file (UTF-8 with or without BOM, or Shift_JIS/CP932).
        #[arg(long)]
        accounts: PathBuf,
        /// `csv` (one row per account) or `json` (with each account's explanation).
        #[arg(long, default_value = "csv", value_parser = ["csv", "json"])]
        format: String,
        /// The date the file describes (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// The language of the text: `ja` or `en` (default: from LANG).
        #[arg(long)]
        lang: Option<String>,
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

/// Whether documents are in Japanese: `--lang`, else the LANG environment variable.
fn japanese(lang: Option<&str>) -> bool {
    match lang {
        Some(l) => l.starts_with("ja"),
        None => std::env::var("LANG").is_ok_and(|l| l.starts_with("ja")),
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
        Command::Derive { what, file, journey, segment, format, lang, output } => {
            let snapshot = Store::read(&file).map_err(|e| e.to_string())?;
            let ws = &snapshot.workspace;
            let japanese = japanese(lang.as_deref());
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
            if format == "pdf" && output.is_none() {
                return Err("a PDF is written to a file: give it with --output".into());
            }
            use michi_core::derive::{html, metrics, org, playbook};
            // What to write: JSON, the HTML document, or Markdown (printed, or set as a PDF).
            let (json, text, title): (serde_json::Value, String, String) = if what == "org" {
                let rec = org::recommend(ws);
                let text = if format == "html" { html::org(&rec, japanese) } else { org::markdown(&rec, japanese) };
                let title = if japanese { "CS組織の機能" } else { "CS functions" };
                (serde_json::json!(rec), text, title.into())
            } else {
                if format == "html" && journeys.len() != 1 {
                    return Err(format!(
                        "{} has {} journeys: name one with --journey for an HTML document",
                        file.display(),
                        journeys.len()
                    ));
                }
                let title = journeys.iter().map(|j| j.data.label()).collect::<Vec<_>>().join(", ");
                if what == "metrics" {
                    let all: Vec<_> = journeys.iter().filter_map(|j| metrics::metrics(ws, &j.id)).collect();
                    let text = if format == "html" {
                        all.iter().map(|c| html::metrics(c, japanese)).collect()
                    } else {
                        all.iter().map(|c| metrics::markdown(c, japanese)).collect()
                    };
                    (serde_json::json!(all), text, title)
                } else {
                    let mut all = Vec::new();
                    for j in &journeys {
                        let seg = match &segment {
                            None => None,
                            Some(name) => Some(
                                playbook::variants(ws, &j.id)
                                    .into_iter()
                                    .find(|s| s.as_str() == name || ws.data(s).is_some_and(|d| d.label() == name))
                                    .ok_or_else(|| {
                                        format!("journey {} has no variant for segment {name}", j.data.label())
                                    })?,
                            ),
                        };
                        all.extend(playbook::playbook_for(ws, &j.id, seg.as_ref()));
                    }
                    let text = if format == "html" {
                        all.iter().map(|b| html::playbook(b, japanese)).collect()
                    } else {
                        all.iter().map(|b| playbook::markdown(b, japanese)).collect()
                    };
                    (serde_json::json!(all), text, title)
                }
            };
            let bytes = match format.as_str() {
                "json" => {
                    format!("{}\n", serde_json::to_string_pretty(&json).expect("derivations serialise")).into_bytes()
                }
                "pdf" => {
                    let fonts = michi_render::Fonts::system().map_err(|e| e.to_string())?;
                    let lang = if japanese { "ja" } else { "en" };
                    michi_render::markdown_pdf(&text, &fonts, &title, lang).map_err(|e| e.to_string())?
                }
                _ => text.into_bytes(),
            };
            match output {
                Some(path) => {
                    std::fs::write(&path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    println!("wrote {} ({} bytes)", path.display(), bytes.len());
                }
                None => {
                    use std::io::Write;
                    std::io::stdout().write_all(&bytes).map_err(|e| format!("cannot write the output: {e}"))?;
                }
            }
            Ok(())
        }
        Command::Picture { file, diagram, output, lang } => {
            let snapshot = Store::read(&file).map_err(|e| e.to_string())?;
            let ws = &snapshot.workspace;
            // A journey map is named by its journey.
            let name_of = |v: &michi_core::View| match &v.kind {
                michi_core::ViewKind::JourneyMap { journey, .. } if v.name.is_empty() => {
                    ws.data(journey).map(|d| d.label().to_string()).unwrap_or_default()
                }
                _ => v.name.clone(),
            };
            let mut views: Vec<(String, &michi_core::View)> = ws.views().map(|v| (name_of(v), v)).collect();
            // Journey maps first, then process diagrams, each by name.
            views.sort_by_key(|(name, v)| {
                (matches!(v.kind, michi_core::ViewKind::Process { .. }), name.clone(), v.id.clone())
            });
            let (name, view) = views
                .into_iter()
                .find(|(name, v)| match diagram.as_deref() {
                    Some(n) => name == n || v.id.as_str() == n,
                    None => matches!(v.kind, michi_core::ViewKind::Process { .. }),
                })
                .ok_or_else(|| {
                    format!(
                        "{} has no {}",
                        file.display(),
                        diagram.map(|n| format!("diagram named {n}")).unwrap_or("process diagram".into())
                    )
                })?;
            let svg = michi_core::derive::svg::view(ws, &view.id, japanese(lang.as_deref()))
                .ok_or("the diagram cannot be read")?;
            let ext = output.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            let bytes = match ext.as_str() {
                "svg" => svg.into_bytes(),
                "png" | "pdf" => {
                    let fonts = michi_render::Fonts::system().map_err(|e| e.to_string())?;
                    if ext == "png" {
                        michi_render::svg_to_png(&svg, &fonts, 2.0)
                    } else {
                        michi_render::svg_to_pdf(&svg, &fonts, &name)
                    }
                    .map_err(|e| e.to_string())?
                }
                _ => return Err(format!("{}: write a .svg, .png or .pdf file", output.display())),
            };
            std::fs::write(&output, &bytes).map_err(|e| format!("cannot write {}: {e}", output.display()))?;
            println!("drew {name} to {}", output.display());
            Ok(())
        }
        Command::Health { file, accounts, format, as_of, lang } => {
            health::run(&file, &accounts, &format, as_of.as_deref(), japanese(lang.as_deref()))
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
