//! The derived documents and the pictures, in every format Michi writes: one path from the model to
//! the bytes, taken by the app's Export… and by `michi derive` / `michi picture` alike, so the same
//! workspace gives the same file from both.

use std::path::Path;

use michi_core::derive::document::Document;
use michi_core::derive::{metrics, org, playbook};
use michi_core::{ElementId, ElementKind, ViewId, ViewKind, Workspace};
use serde::Deserialize;

use crate::error::{AppError, ErrorCode};
use crate::files;
use crate::session::Session;
use crate::settings::Language;

/// Which derived document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum OutputKind {
    Playbook,
    Metrics,
    Org,
}

impl OutputKind {
    pub fn parse(s: &str) -> Option<OutputKind> {
        match s {
            "playbook" => Some(OutputKind::Playbook),
            "metrics" => Some(OutputKind::Metrics),
            "org" => Some(OutputKind::Org),
            _ => None,
        }
    }
}

/// A document's file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    /// The derivation's data, not its document.
    Json,
    /// A4 pages, set in the system's Japanese font (no browser).
    Pdf,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The format a file's extension names; Markdown for any other.
    pub fn of_path(path: &Path) -> Format {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        Format::parse(&ext).filter(|f| *f != Format::Json).unwrap_or(Format::Markdown)
    }
}

/// The file format of a document that is also a table (the gap list, the evidence): one of the
/// documents' formats, or CSV of its tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    Document(Format),
    Csv,
}

impl TableFormat {
    pub fn parse(s: &str) -> Option<TableFormat> {
        match s {
            "csv" => Some(TableFormat::Csv),
            other => Format::parse(other).map(TableFormat::Document),
        }
    }

    /// The format a file's extension names; Markdown for any other.
    pub fn of_path(path: &Path) -> TableFormat {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        TableFormat::parse(&ext).unwrap_or(TableFormat::Document(Format::Markdown))
    }
}

/// A document as a file's bytes in `format`; JSON is the derivation's data, which `json` gives.
pub fn document_bytes(
    doc: &Document,
    format: TableFormat,
    language: Language,
    json: impl FnOnce() -> serde_json::Value,
) -> Result<Vec<u8>, AppError> {
    Ok(match format {
        TableFormat::Csv => michi_render::csv(doc, language.is_japanese()).into_bytes(),
        TableFormat::Document(Format::Json) => {
            format!("{}\n", serde_json::to_string_pretty(&json()).expect("derivations serialise")).into_bytes()
        }
        TableFormat::Document(Format::Pdf) => {
            pdf(std::slice::from_ref(doc), &doc.title.plain_text(language.is_japanese()), language)?
        }
        TableFormat::Document(f) => text(doc, f, language).into_bytes(),
    })
}

/// The journeys named `name` (a label or an id), or every journey when `None`, in label order.
pub fn journeys(ws: &Workspace, name: Option<&str>) -> Vec<ElementId> {
    let mut found: Vec<&michi_core::Element> = ws
        .elements_of_kind(ElementKind::Journey)
        .filter(|j| name.is_none_or(|n| j.id.as_str() == n || j.data.label() == n))
        .collect();
    found.sort_by(|a, b| a.data.label().cmp(b.data.label()).then(a.id.cmp(&b.id)));
    found.into_iter().map(|j| j.id.clone()).collect()
}

/// The segment `name` (a label or an id) among the playbook variants of `journey`.
pub fn variant(ws: &Workspace, journey: &ElementId, name: &str) -> Result<ElementId, AppError> {
    playbook::variants(ws, journey)
        .into_iter()
        .find(|s| s.as_str() == name || ws.data(s).is_some_and(|d| d.label() == name))
        .ok_or_else(|| {
            let j = ws.data(journey).map(|d| d.label().to_string()).unwrap_or_default();
            AppError::not_found(format!("journey {j} has no variant for segment {name}"))
        })
}

/// One derived output.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// A journey's playbook, or a segment's variant of it.
    Playbook {
        journey: ElementId,
        segment: Option<ElementId>,
    },
    Metrics {
        journey: ElementId,
    },
    Org,
}

impl Output {
    /// The output of `kind` for `journey` (not read for the org).
    pub fn new(kind: OutputKind, journey: ElementId, segment: Option<ElementId>) -> Output {
        match kind {
            OutputKind::Playbook => Output::Playbook { journey, segment },
            OutputKind::Metrics => Output::Metrics { journey },
            OutputKind::Org => Output::Org,
        }
    }
}

fn no_journey(journey: &ElementId) -> AppError {
    AppError::not_found(format!("{journey} is not a journey"))
}

/// A derived output as a document.
pub fn document(ws: &Workspace, output: &Output) -> Result<Document, AppError> {
    Ok(match output {
        Output::Org => org::document(ws, &org::recommend(ws)),
        Output::Metrics { journey } => {
            metrics::document(ws, &metrics::metrics(ws, journey).ok_or_else(|| no_journey(journey))?)
        }
        Output::Playbook { journey, segment } => playbook::document(
            ws,
            &playbook::playbook_for(ws, journey, segment.as_ref()).ok_or_else(|| no_journey(journey))?,
        ),
    })
}

/// The derivation itself as JSON data (what `--format json` writes).
pub fn data(ws: &Workspace, output: &Output) -> Result<serde_json::Value, AppError> {
    Ok(match output {
        Output::Org => serde_json::json!(org::recommend(ws)),
        Output::Metrics { journey } => {
            serde_json::json!(metrics::metrics(ws, journey).ok_or_else(|| no_journey(journey))?)
        }
        Output::Playbook { journey, segment } => {
            serde_json::json!(playbook::playbook_for(ws, journey, segment.as_ref()).ok_or_else(|| no_journey(journey))?)
        }
    })
}

/// A document as Markdown or HTML text in `language`.
pub fn text(doc: &Document, format: Format, language: Language) -> String {
    match format {
        Format::Html => michi_render::html(doc, language.is_japanese()),
        _ => michi_render::markdown(doc, language.is_japanese()),
    }
}

/// Documents as one A4 PDF titled `title` (their Markdown, set in the system's Japanese font).
pub fn pdf(docs: &[Document], title: &str, language: Language) -> Result<Vec<u8>, AppError> {
    let md: String = docs.iter().map(|d| text(d, Format::Markdown, language)).collect();
    let fonts = michi_render::Fonts::system()?;
    let lang = if language.is_japanese() { "ja" } else { "en" };
    Ok(michi_render::markdown_pdf(&md, &fonts, title, lang)?)
}

/// The derived outputs of `kind` as one file's bytes in `format`: the org recommendation, or each
/// journey's playbook (a segment's variant with `segment`) or metrics catalog, for the journey named
/// `journey` (a label or an id) or every journey in label order. HTML is one document: it needs one
/// journey. JSON is the derivations' data; Markdown and PDF the documents one after another.
/// `source` names the workspace in messages.
pub fn derive(
    ws: &Workspace,
    source: &str,
    kind: OutputKind,
    journey: Option<&str>,
    segment: Option<&str>,
    format: Format,
    language: Language,
) -> Result<Vec<u8>, AppError> {
    let wanted: Vec<Output> = if kind == OutputKind::Org {
        vec![Output::Org]
    } else {
        let found = journeys(ws, journey);
        if found.is_empty() {
            let named = journey.map(|n| format!(" named {n}")).unwrap_or_default();
            return Err(AppError::not_found(format!("{source} has no journey{named}")));
        }
        if format == Format::Html && found.len() != 1 {
            return Err(AppError::invalid(format!(
                "{source} has {} journeys: name one with --journey for an HTML document",
                found.len()
            )));
        }
        let mut wanted = Vec::new();
        for j in found {
            let segment = segment.map(|s| variant(ws, &j, s)).transpose()?;
            wanted.push(Output::new(kind, j, segment));
        }
        wanted
    };
    if format == Format::Json {
        let all = wanted.iter().map(|o| data(ws, o)).collect::<Result<Vec<_>, _>>()?;
        let value = if kind == OutputKind::Org { all.into_iter().next().unwrap_or_default() } else { all.into() };
        return Ok(format!("{}\n", serde_json::to_string_pretty(&value).expect("derivations serialise")).into_bytes());
    }
    let docs = wanted.iter().map(|o| document(ws, o)).collect::<Result<Vec<_>, _>>()?;
    if format == Format::Pdf {
        let titles: Vec<String> = docs.iter().map(|d| d.title.plain_text(language.is_japanese())).collect();
        return pdf(&docs, &titles.join(", "), language);
    }
    Ok(docs.iter().map(|d| text(d, format, language)).collect::<String>().into_bytes())
}

/// What a diagram goes by: its name, or its journey's for a journey map without one.
fn diagram_name(ws: &Workspace, view: &michi_core::View) -> String {
    match &view.kind {
        ViewKind::JourneyMap { journey, .. } if view.name.is_empty() => {
            ws.data(journey).map(|d| d.label().to_string()).unwrap_or_default()
        }
        _ => view.name.clone(),
    }
}

/// The diagram named `name` (its name or view id), or the first process diagram when `None`;
/// with its name.
pub fn find_diagram(ws: &Workspace, name: Option<&str>) -> Result<(String, ViewId), AppError> {
    let mut views: Vec<(String, &michi_core::View)> = ws.views().map(|v| (diagram_name(ws, v), v)).collect();
    // Journey maps first, then process diagrams, each by name.
    views.sort_by_key(|(n, v)| (matches!(v.kind, ViewKind::Process { .. }), n.clone(), v.id.clone()));
    views
        .into_iter()
        .find(|(n, v)| match name {
            Some(wanted) => n == wanted || v.id.as_str() == wanted,
            None => matches!(v.kind, ViewKind::Process { .. }),
        })
        .map(|(n, v)| (n, v.id.clone()))
        .ok_or_else(|| {
            AppError::not_found(match name {
                Some(n) => format!("no diagram named {n}"),
                None => "no process diagram".into(),
            })
        })
}

/// A picture's file format, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureFormat {
    Svg,
    Png,
    Pdf,
}

impl PictureFormat {
    pub fn of_path(path: &Path) -> Option<PictureFormat> {
        match path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase().as_str() {
            "svg" => Some(PictureFormat::Svg),
            "png" => Some(PictureFormat::Png),
            "pdf" => Some(PictureFormat::Pdf),
            _ => None,
        }
    }
}

/// A diagram as an SVG picture, drawn as the canvas draws it.
pub fn svg(ws: &Workspace, view: &ViewId, language: Language) -> Result<String, AppError> {
    michi_render::svg::view(ws, view, language.is_japanese())
        .ok_or_else(|| AppError::new(ErrorCode::UnknownView, format!("{view} is not a diagram")))
}

/// A diagram as a picture file's bytes (PNG and PDF drawn without a browser).
pub fn picture(
    ws: &Workspace,
    view: &ViewId,
    format: PictureFormat,
    title: &str,
    language: Language,
) -> Result<Vec<u8>, AppError> {
    let svg = svg(ws, view, language)?;
    Ok(match format {
        PictureFormat::Svg => svg.into_bytes(),
        PictureFormat::Png => michi_render::svg_to_png(&svg, &michi_render::Fonts::system()?, 2.0)?,
        PictureFormat::Pdf => michi_render::svg_to_pdf(&svg, &michi_render::Fonts::system()?, title)?,
    })
}

/// Draws the diagram named `diagram` (the first process diagram when `None`) of the workspace file
/// `workspace` into `output`, as SVG, PNG or PDF by its extension; returns the diagram's name.
pub fn picture_file(
    workspace: &Path,
    diagram: Option<&str>,
    output: &Path,
    language: Language,
) -> Result<String, AppError> {
    let format = PictureFormat::of_path(output)
        .ok_or_else(|| AppError::invalid(format!("{}: write a .svg, .png or .pdf file", output.display())))?;
    let ws = crate::read(workspace)?.workspace;
    let (name, view) = find_diagram(&ws, diagram)
        .map_err(|e| AppError::not_found(format!("{} has {}", workspace.display(), e.message)))?;
    files::write_whole(output, picture(&ws, &view, format, &name, language)?)?;
    Ok(name)
}

impl Session {
    /// Writes a derived document as Markdown or self-contained HTML, by the file's extension, in
    /// `language`.
    pub fn export_output(&self, output: &Output, language: Language, path: &Path) -> Result<(), AppError> {
        let doc = document(self.workspace(), output)?;
        files::write_whole(path, text(&doc, Format::of_path(path), language))
    }

    /// Writes a diagram (a process diagram or a journey map) as an SVG picture.
    pub fn export_svg(&self, view: &ViewId, language: Language, path: &Path) -> Result<(), AppError> {
        files::write_whole(path, svg(self.workspace(), view, language)?)
    }
}
