//! The document a derivation is read as: a title, sections and blocks of text in both languages,
//! each line traced to the elements it comes from. The outputs view, HTML, Markdown and PDF only
//! render it, so they say the same thing (`michi-render` draws the files; the UI draws the screen).
//!
//! A [`Role`] says what a section, line or span is (a play, its owner, a sizing line), for the front
//! end's controls and tests and for styling; renderers need not read it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::element::CsFunction;
use crate::id::{ElementId, ViewId};
use crate::text::Text;
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Document {
    pub title: Line,
    /// Blocks before the first section (who it is for, where values come from).
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
    /// The views showing each traced element, to go there from a line.
    pub views: BTreeMap<ElementId, Vec<ViewId>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Section {
    pub heading: Line,
    pub role: Option<DocRole>,
    /// The CS function the section is about (an org recommendation, an adopted function, a load).
    pub function: Option<CsFunction>,
    /// The element the section is about, when the front end edits it there (an adopted function).
    pub element: Option<ElementId>,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    /// Blocks after the sub-sections (a total after the lines it sums).
    pub closing: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Block {
    Paragraph {
        line: Line,
        style: Style,
    },
    /// Labelled facts (a definition list).
    Facts {
        facts: Vec<Fact>,
    },
    List {
        ordered: bool,
        items: Vec<Line>,
    },
    Table {
        columns: Vec<Text>,
        rows: Vec<Row>,
    },
    Tree {
        root: TreeNode,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Style {
    Normal,
    /// Secondary: an explanation, a source.
    Muted,
    /// A total or a conclusion.
    Strong,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Fact {
    pub label: Text,
    pub value: Line,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Row {
    pub cells: Vec<Line>,
    pub trace: Vec<ElementId>,
    pub role: Option<DocRole>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TreeNode {
    pub line: Line,
    pub children: Vec<TreeNode>,
}

/// A line of text made of spans, traced to the elements it comes from (the first is the one to
/// show).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Line {
    pub spans: Vec<Span>,
    pub trace: Vec<ElementId>,
    pub role: Option<DocRole>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Span {
    pub text: Text,
    pub kind: SpanKind,
    pub role: Option<DocRole>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SpanKind {
    Plain,
    /// Secondary words within a line (an element kind before its name).
    Muted,
    /// A value not given in the model yet (shown as such, not left out).
    Missing,
    /// A tag after the text.
    Chip,
    /// A tag for a default the model does not say: a suggestion.
    Suggested,
    /// A tag naming the segments a line is for.
    Segment,
}

/// What a part of a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum DocRole {
    PlaybookSegment,
    PlaybookStage,
    Play,
    PlayOwner,
    Step,
    StepSegments,
    MetricsStage,
    AttachedMetric,
    Gaps,
    KpiTree,
    OrgFunction,
    Reason,
    OrgDesign,
    AdoptedFunction,
    Owned,
    UnownedStages,
    Sizing,
    SizingSummary,
    SizingFunction,
    SizingSegments,
    SizingFte,
    SizingLine,
    SizingTotal,
    UnknownAccounts,
    NotRecommended,
    /// A row of the gap list.
    GapItem,
    /// A function's row of the skill gaps.
    SkillGap,
    /// A play with how many people can run it.
    PlayCoverage,
    /// A customer's words cited (「…」 with the account and the date).
    Citation,
}

impl Span {
    pub fn plain(text: Text) -> Span {
        Span { text, kind: SpanKind::Plain, role: None }
    }

    pub fn of(kind: SpanKind, text: Text) -> Span {
        Span { text, kind, role: None }
    }

    pub fn with_role(mut self, role: DocRole) -> Span {
        self.role = Some(role);
        self
    }
}

impl Line {
    pub fn new(spans: Vec<Span>) -> Line {
        Line { spans, trace: Vec::new(), role: None }
    }

    pub fn text(text: Text) -> Line {
        Line::new(vec![Span::plain(text)])
    }

    /// Words from the model, the same in both languages.
    pub fn words(s: &str) -> Line {
        Line::text(Text::same(s))
    }

    pub fn traced(mut self, ids: impl IntoIterator<Item = ElementId>) -> Line {
        self.trace.extend(ids);
        self
    }

    pub fn with_role(mut self, role: DocRole) -> Line {
        self.role = Some(role);
        self
    }

    pub fn push(mut self, span: Span) -> Line {
        self.spans.push(span);
        self
    }

    /// The line's words in one language, tags in brackets (what a plain-text reader sees).
    pub fn plain_text(&self, japanese: bool) -> String {
        self.spans.iter().map(|s| s.plain_text(japanese)).collect()
    }
}

impl Span {
    /// The span as plain text: tags in brackets, as in the Markdown document.
    pub fn plain_text(&self, japanese: bool) -> String {
        let t = self.text.pick(japanese);
        match (self.kind, japanese) {
            (SpanKind::Plain | SpanKind::Muted | SpanKind::Missing, _) => t.to_string(),
            (SpanKind::Segment, true) => format!("［{t}］"),
            (SpanKind::Segment, false) => format!(" [{t}]"),
            (_, true) => format!("（{t}）"),
            (_, false) => format!(" ({t})"),
        }
    }
}

impl Section {
    pub fn new(heading: Line) -> Section {
        Section {
            heading,
            role: None,
            function: None,
            element: None,
            blocks: Vec::new(),
            sections: Vec::new(),
            closing: Vec::new(),
        }
    }

    pub fn with_role(mut self, role: DocRole) -> Section {
        self.role = Some(role);
        self
    }
}

impl Block {
    pub fn paragraph(line: Line) -> Block {
        Block::Paragraph { line, style: Style::Normal }
    }

    pub fn muted(line: Line) -> Block {
        Block::Paragraph { line, style: Style::Muted }
    }

    pub fn strong(line: Line) -> Block {
        Block::Paragraph { line, style: Style::Strong }
    }
}

impl Document {
    pub fn new(title: Line) -> Document {
        Document { title, intro: Vec::new(), sections: Vec::new(), views: BTreeMap::new() }
    }

    /// Every element the document traces to.
    pub fn traced(&self) -> Vec<&ElementId> {
        fn line<'a>(l: &'a Line, out: &mut Vec<&'a ElementId>) {
            out.extend(&l.trace);
        }
        fn block<'a>(b: &'a Block, out: &mut Vec<&'a ElementId>) {
            match b {
                Block::Paragraph { line: l, .. } => line(l, out),
                Block::Facts { facts } => facts.iter().for_each(|f| line(&f.value, out)),
                Block::List { items, .. } => items.iter().for_each(|l| line(l, out)),
                Block::Table { rows, .. } => rows.iter().for_each(|r| {
                    out.extend(&r.trace);
                    r.cells.iter().for_each(|l| line(l, out));
                }),
                Block::Tree { root } => tree(root, out),
            }
        }
        fn tree<'a>(n: &'a TreeNode, out: &mut Vec<&'a ElementId>) {
            line(&n.line, out);
            n.children.iter().for_each(|c| tree(c, out));
        }
        fn section<'a>(s: &'a Section, out: &mut Vec<&'a ElementId>) {
            line(&s.heading, out);
            s.blocks.iter().for_each(|b| block(b, out));
            s.sections.iter().for_each(|c| section(c, out));
            s.closing.iter().for_each(|b| block(b, out));
        }
        let mut out = Vec::new();
        line(&self.title, &mut out);
        self.intro.iter().for_each(|b| block(b, &mut out));
        self.sections.iter().for_each(|s| section(s, &mut out));
        out
    }

    /// Fills [`Document::views`] with the views showing each traced element.
    pub fn with_views(mut self, ws: &Workspace) -> Document {
        let mut views = BTreeMap::new();
        for id in self.traced() {
            if !views.contains_key(id) {
                views.insert(id.clone(), ws.views_showing(id));
            }
        }
        self.views = views;
        self
    }
}
