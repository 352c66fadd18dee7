//! `michi`: headless access to Michi workspaces. Each subcommand parses its arguments and calls one
//! use case of `michi-app`; what it prints is what the use case returns.
//!
//! Exit status: 0 on success, 2 when a file cannot be read or written (or a request makes no sense);
//! `michi lint` exits with 1 when an error-level finding exists, as bpmnlint does.

// The allocator the benches measure with (see the workspace Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use michi_app::outputs::{self, Format, OutputKind, TableFormat};
use michi_app::{AppError, Language, Session, bpmn, files, health, info, lint};

#[derive(Parser)]
#[command(name = "michi", version, about = "Michi workspaces from the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where and how a document that is also a table is written (`michi gaps`, `michi evidence`).
#[derive(Args)]
struct TableOut {
    /// `md`, `csv`, `json`, `html` or `pdf`, and for the evidence `qdpx` (default: by the
    /// extension of -o, else md).
    #[arg(long, value_parser = ["md", "csv", "json", "html", "pdf", "qdpx"])]
    format: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The language: `ja` or `en` (default: from LANG).
    #[arg(long, value_parser = ["ja", "en"])]
    lang: Option<String>,
}

impl TableOut {
    /// The format: named, else by the output's extension, else Markdown; a PDF needs a file.
    fn format(&self) -> Result<TableFormat, AppError> {
        let format = match (&self.format, &self.output) {
            (Some(f), _) => TableFormat::parse(f)
                .ok_or_else(|| AppError::invalid(format!("--format {f} is for michi evidence only")))?,
            (None, Some(path)) => TableFormat::of_path(path),
            (None, None) => TableFormat::Document(Format::Markdown),
        };
        if format == TableFormat::Document(Format::Pdf) && self.output.is_none() {
            return Err(AppError::invalid("a PDF goes to a file: name it with -o"));
        }
        Ok(format)
    }
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
    /// Run a workshop: participants on the LAN open the printed URL in a browser and join with the
    /// PIN. Every note and vote is saved to FILE as it arrives. Ctrl+C stops the host.
    Workshop {
        file: PathBuf,
        /// The address and port to listen on (an address of this machine that participants reach;
        /// port 0 picks a free one).
        #[arg(long, default_value = "127.0.0.1:0")]
        bind: std::net::SocketAddr,
        /// The workshop's name (the newest workshop, or a new one, when not given).
        #[arg(long)]
        name: Option<String>,
        /// The journey or process diagram worked on, by name (the first journey map by default).
        #[arg(long)]
        view: Option<String>,
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
        #[arg(long, value_parser = ["ja", "en"])]
        lang: Option<String>,
    },
    /// Derive the method's outputs from a workspace: each journey's playbook or metrics catalog, or
    /// the CS functions the model calls for (`org`).
    Derive {
        /// `workshop` is the record of a workshop (the newest, or the one named by --workshop).
        #[arg(value_parser = ["playbook", "metrics", "org", "workshop"])]
        what: String,
        file: PathBuf,
        /// The workshop's name or id, for `workshop` (default: the newest).
        #[arg(long)]
        workshop: Option<String>,
        /// Only the journey with this name or id (default: every journey).
        #[arg(long)]
        journey: Option<String>,
        /// A playbook's segment variant: the segment's name or id.
        #[arg(long)]
        segment: Option<String>,
        /// `md` (Markdown, each line with the ids it comes from), `html` (one self-contained
        /// document; name one journey), `json`, or `pdf` (A4 pages: to --output or a redirected
        /// standard output, never a terminal).
        #[arg(long, default_value = "md", value_parser = ["md", "html", "json", "pdf"])]
        format: String,
        /// The language of the documents: `ja` or `en` (default: from LANG).
        #[arg(long, value_parser = ["ja", "en"])]
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
        #[arg(long, value_parser = ["ja", "en"])]
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
        #[arg(long, value_parser = ["ja", "en"])]
        lang: Option<String>,
        /// Read a column of the file as an indicator of the model: `列名=indicator` (the
        /// indicator's key, name or column). Repeat for several.
        #[arg(long = "map", value_name = "列名=INDICATOR")]
        map: Vec<String>,
        /// How dates written year last (3/4/2026) order day and month, when the file's dates do
        /// not show it (no day above 12): `day-first` or `month-first`.
        #[arg(long, value_parser = ["day-first", "month-first"])]
        dates: Option<String>,
    },
    /// What changed from OLD to NEW: two BPMN files, two workspaces, or two versions of one workspace
    /// (`michi diff FILE.michi --from 現状 --to あるべき姿`). Elements are matched by id, then by
    /// content (a re-created element is matched, not removed and added); each change is classed:
    /// added, removed, renamed or attribute changed (old and new values), type changed, reconnected,
    /// moved, reordered, layout changed. Exit 0 whether or not they differ.
    Diff {
        old: PathBuf,
        new: Option<PathBuf>,
        /// The version of OLD to compare (default: the one being edited).
        #[arg(long)]
        from: Option<String>,
        /// The version of NEW (or of OLD, when NEW is not given) to compare (default: the one being edited).
        #[arg(long)]
        to: Option<String>,
        /// `md` (a change list) or `json` ({"added", "removed", "changed", "typeChanged",
        /// "reconnected", "moved", "reordered", "layoutChanged"}, ids as in the files).
        #[arg(long, default_value = "md", value_parser = ["md", "json"])]
        format: String,
        /// The language of the change list: `ja` or `en` (default: from LANG).
        #[arg(long, value_parser = ["ja", "en"])]
        lang: Option<String>,
    },
    /// The gap list of a workspace's version against another (as-is → to-be): an item per element
    /// that differs beyond its layout and each item kept or added in the app, by impact.
    Gaps {
        file: PathBuf,
        /// The version whose gaps to list (default: the one being edited).
        #[arg(long)]
        version: Option<String>,
        /// The version to compare it with (default: the one it was made from).
        #[arg(long)]
        against: Option<String>,
        #[command(flatten)]
        out: TableOut,
    },
    /// The evidence behind a workspace: the customers heard in each segment against the target,
    /// and the quotes, accounts and segments behind each element of the model.
    Evidence {
        file: PathBuf,
        #[command(flatten)]
        out: TableOut,
    },
    /// The skill matrix's gaps: per adopted function the people it needs against those who meet
    /// its required skill levels, the call to train or to hire, the plays short of people, each
    /// person's development plan. With --assessments, the assessments themselves instead (CSV that
    /// the app imports back).
    Skills {
        file: PathBuf,
        /// The day to read the matrix at, as 2026-10-15 (default: the newest assessment's).
        #[arg(long)]
        as_of: Option<String>,
        /// Print the assessments: `long` (every assessment, one row each) or `wide` (the matrix).
        #[arg(long, value_parser = ["long", "wide"])]
        assessments: Option<String>,
        #[command(flatten)]
        out: TableOut,
    },
    /// Copy a workspace file into a team database (PostgreSQL), every version and the history
    /// with it, as a new team workspace.
    Push {
        file: PathBuf,
        /// The database: a connection string (`host=… dbname=…`) or a `postgresql://` URL.
        url: String,
        /// The team workspace's name (default: the file's name without .michi).
        #[arg(long)]
        name: Option<String>,
    },
    /// Copy a team workspace out of a team database into a new workspace file.
    Pull {
        url: String,
        name: String,
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Give a PostgreSQL role (a user or a group) access to a team workspace: read it, edit it, or
    /// nothing any more. Only the workspace's owner (who pushed it) may; the database enforces it.
    Grant {
        url: String,
        name: String,
        role: String,
        #[arg(long, value_parser = ["read", "edit", "none"])]
        access: String,
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
    match run(Cli::parse().command) {
        Ok(code) => code,
        Err(e) => {
            report(&e);
            ExitCode::from(2)
        }
    }
}

/// An error on the standard error: its message, then every bad cell of a table it lists, and how
/// many more there are.
fn report(e: &AppError) {
    if e.problems.is_empty() {
        eprintln!("michi: {e}");
        return;
    }
    let total = e.problems.len() as u32 + e.more_problems;
    let file = e.path.as_deref().map(|p| format!("{p}: ")).unwrap_or_default();
    eprintln!("michi: {file}{total} problem(s); nothing was read");
    for p in &e.problems {
        eprintln!("  line {}, column {}: {}", p.line, p.column, p.message);
    }
    if e.more_problems > 0 {
        eprintln!("  and {} more", e.more_problems);
    }
}

/// `--lang`, else the LANG environment variable.
fn language(lang: Option<&str>) -> Language {
    Language::from_locale(&lang.map(str::to_string).unwrap_or_else(|| std::env::var("LANG").unwrap_or_default()))
}

/// Writes to the standard output; a reader that stops early (`| head`) is not an error.
fn print(bytes: &[u8]) -> Result<(), AppError> {
    match std::io::stdout().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(AppError::new(michi_app::ErrorCode::Io, format!("cannot write the output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Writes to `output` (whole or not at all), or to the standard output.
fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<(), AppError> {
    match output {
        Some(path) => {
            files::write_whole(path, bytes)?;
            println!("wrote {} ({} bytes)", path.display(), bytes.len());
            Ok(())
        }
        None => print(bytes),
    }
}

fn run(command: Command) -> Result<ExitCode, AppError> {
    match command {
        Command::New { file, sample, force } => {
            let session = Session::create(&file, sample, force)?;
            println!("created {} ({} elements)", file.display(), session.workspace().element_count());
        }
        Command::Workshop { file, bind, name, view } => {
            let mut session = Session::open(&file)?;
            let host = michi_app::workshop::Host::start_named(&mut session, name.as_deref(), view.as_deref())?;
            let session: std::sync::Arc<std::sync::Mutex<Session>> =
                std::sync::Arc::new(std::sync::Mutex::new(session));
            let running = michi_workshop::start(session, host, bind, michi_app::Language::Ja, None)?;
            println!("url: {}", running.url());
            println!("pin: {}", running.host.pin());
            println!("Participants open the URL and enter the PIN. Every note is saved as it arrives; Ctrl+C stops.");
            use std::io::Write as _;
            let _ = std::io::stdout().flush();
            loop {
                std::thread::park();
            }
        }
        Command::Import { file, output, force } => {
            let imported = bpmn::import_into_new(&file, &output, force)?;
            for warning in &imported.warnings {
                eprintln!("michi: warning: {warning}");
            }
            println!(
                "imported {} into {} ({} elements, {} diagrams)",
                file.display(),
                output.display(),
                imported.elements,
                imported.diagrams
            );
        }
        Command::Export { file, output } => {
            let models = bpmn::export_all(&file, &output)?;
            println!("exported {models} process model(s) to {}", output.display());
        }
        Command::Lint { files, format, config, profile, lang } => {
            let config = lint::choose_config(config.as_deref(), profile.as_deref())?;
            let results = lint::lint(&files, config.as_ref());
            let japanese = language(lang.as_deref()).is_japanese();
            let text = if format == "json" { lint::json(&results, japanese) } else { lint::text(&results, japanese) };
            print(text.as_bytes())?;
            for r in &results {
                if let Err(e) = &r.outcome {
                    eprintln!("michi: {e}");
                }
            }
            return Ok(if lint::has_unreadable(&results) {
                ExitCode::from(2)
            } else if lint::has_errors(&results) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::Derive { what, file, workshop, journey, segment, format, lang, output } => {
            let format = Format::parse(&format).expect("clap checks the format");
            if format == Format::Pdf && output.is_none() && std::io::stdout().is_terminal() {
                return Err(AppError::invalid(
                    "a PDF is not shown on a terminal: redirect it (> out.pdf) or give a file with --output",
                ));
            }
            let ws = michi_app::read(&file)?.workspace;
            let source = file.display().to_string();
            let language = language(lang.as_deref());
            let bytes = match OutputKind::parse(&what) {
                Some(kind) => {
                    outputs::derive(&ws, &source, kind, journey.as_deref(), segment.as_deref(), format, language)?
                }
                None => {
                    let id = michi_app::workshop::find(&ws, workshop.as_deref())?;
                    michi_app::workshop::summary_bytes(&ws, &id, format, language)?
                }
            };
            emit(output.as_deref(), &bytes)?;
        }
        Command::Picture { file, diagram, output, lang } => {
            let name = outputs::picture_file(&file, diagram.as_deref(), &output, language(lang.as_deref()))?;
            println!("drew {name} to {}", output.display());
        }
        Command::Health { file, accounts, format, as_of, lang, map, dates } => {
            let as_of = match as_of {
                Some(d) => michi_app::tables::parse_date(&d)?,
                None => std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs_f64())
                    .unwrap_or(0.0),
            };
            let format = if format == "json" { health::Format::Json } else { health::Format::Csv };
            let map = map.iter().map(|m| health::parse_map(m)).collect::<Result<Vec<_>, _>>()?;
            let date_order = dates.map(|d| match d.as_str() {
                "day-first" => health::DateOrder::DayFirst,
                _ => health::DateOrder::MonthFirst,
            });
            let scored = health::score_file(
                &file,
                &accounts,
                &health::Scoring { as_of, format, japanese: language(lang.as_deref()).is_japanese(), map, date_order },
            )?;
            for warning in &scored.warnings {
                eprintln!("michi: warning: {warning}");
            }
            print(&scored.bytes)?;
        }
        Command::Diff { old, new, from, to, format, lang } => {
            let (o, n, d) = michi_app::diff::diff_files(&old, new.as_deref(), from.as_deref(), to.as_deref())?;
            let outputs = michi_app::diff::outputs(&o, &n);
            let format =
                if format == "json" { michi_app::diff::Format::Json } else { michi_app::diff::Format::Markdown };
            print(michi_app::diff::write(&d, &outputs, format, language(lang.as_deref()).is_japanese()).as_bytes())?;
        }
        Command::Evidence { file, out } => {
            // `qdpx`: a REFI-QDA project for QualCoder, MAXQDA, ATLAS.ti or NVivo.
            let to_qdpx = out.format.as_deref() == Some("qdpx")
                || out.output.as_ref().is_some_and(|o| o.extension().is_some_and(|e| e.eq_ignore_ascii_case("qdpx")));
            let bytes = if to_qdpx {
                let Some(path) = out.output.as_deref() else {
                    return Err(AppError::invalid("a REFI-QDA project goes to a file: name it with -o"));
                };
                let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("Michi");
                michi_app::evidence::qdpx_file(&file, name)?
            } else {
                michi_app::evidence::evidence_file(&file, out.format()?, language(out.lang.as_deref()))?
            };
            emit(out.output.as_deref(), &bytes)?;
        }
        Command::Gaps { file, version, against, out } => {
            let (list, base, name) = michi_app::gaps::gaps_file(&file, version.as_deref(), against.as_deref())?;
            let bytes = michi_app::gaps::write(&list, &base, &name, out.format()?, language(out.lang.as_deref()))?;
            emit(out.output.as_deref(), &bytes)?;
        }
        Command::Skills { file, as_of, assessments, out } => {
            let as_of = as_of.as_deref().map(michi_app::skills::parse_day).transpose()?;
            let bytes = michi_app::skills::skills_file(
                &file,
                as_of,
                assessments.as_deref(),
                out.format()?,
                language(out.lang.as_deref()),
            )?;
            emit(out.output.as_deref(), &bytes)?;
        }
        Command::Push { file, url, name } => {
            let name = michi_app::team::push(&file, &url, name.as_deref())?;
            println!("pushed {} as {name}", file.display());
        }
        Command::Pull { url, name, output, force } => {
            michi_app::team::pull(&url, &name, &output, force)?;
            println!("pulled {name} into {}", output.display());
        }
        Command::Grant { url, name, role, access } => {
            michi_app::team::grant(&url, &name, &role, &access)?;
            println!(
                "{role} may now {} {name}",
                if access == "none" { "not open".to_string() } else { access.clone() }
            );
        }
        Command::Info { file, json } => print(info::info(&file, json)?.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
