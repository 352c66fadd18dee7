//! What a person asks for, as the front ends send it: the [`Edit`] intents, why one is refused
//! ([`EditError`]), what performing one gives back ([`Performed`]), and what each is called in the
//! history ("Undo: add a stage").

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::element::{ElementData, ElementKind, LintConfig};
use crate::id::{ElementId, ViewId};
use crate::op::{Changes, Op, OpError};
use crate::process::clip::Clip;
use crate::process::edit::{NewPool, ProcessError, ShapeMove};
use crate::relation::RelationKind;
use crate::text::Text;
use crate::view::{Lane, Point};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Edit {
    /// A new journey with its journey-map view.
    CreateJourney {
        name: String,
    },
    /// A new stage at `index` among the journey's stages (at the end when absent or too large).
    AddStage {
        journey: ElementId,
        index: Option<u32>,
        name: String,
    },
    MoveStage {
        stage: ElementId,
        index: u32,
    },
    /// A new card in a stage, at `index` among the stage's cards of the same kind.
    AddCard {
        stage: ElementId,
        index: Option<u32>,
        data: ElementData,
    },
    /// Copies of cards in `stage` (a paste, a duplicate): each in its lane, right after `after` when
    /// that card is in the same lane, else at the lane's end; each drawn for the segments its clip
    /// names that still exist.
    PasteCards {
        stage: ElementId,
        after: Option<ElementId>,
        cards: Vec<CardClip>,
    },
    /// Moves a card to `index` among the cards of its kind in `to`; `from` is the stage it leaves
    /// (a metric can measure several stages, so the stage it leaves must be named).
    MoveCard {
        card: ElementId,
        from: ElementId,
        to: ElementId,
        index: u32,
    },
    /// A new element that stands on its own: a segment, a persona, a metric, a glossary term, a
    /// state snapshot, a skill of the capability model, a team member…
    Create {
        data: ElementData,
    },
    /// Replaces an element's properties.
    Update {
        id: ElementId,
        data: ElementData,
    },
    /// Deletes elements with what they own: a journey's stages and views, a stage's cards.
    Delete {
        ids: Vec<ElementId>,
    },
    Link {
        kind: RelationKind,
        from: ElementId,
        to: ElementId,
    },
    Unlink {
        kind: RelationKind,
        from: ElementId,
        to: ElementId,
    },
    SetLaneHidden {
        view: ViewId,
        lane: Lane,
        hidden: bool,
    },
    /// A new process diagram: a model with a collaboration of `pools`, each with its process and lanes.
    CreateProcessDiagram {
        name: String,
        pools: Vec<NewPool>,
    },
    /// A pool below the others in a collaboration diagram.
    AddPool {
        view: ViewId,
        pool: NewPool,
    },
    /// A lane at the bottom of a pool.
    AddLane {
        view: ViewId,
        pool: ElementId,
        name: String,
    },
    /// A node centred at `at`, in the pool and lane it lands in.
    AddNode {
        view: ViewId,
        data: ElementData,
        at: Point,
    },
    /// Moves shapes' top-left corners; pools bring what they hold, lanes follow their content.
    MoveShapes {
        view: ViewId,
        moves: Vec<ShapeMove>,
    },
    /// An automatic layout's result: shapes move but keep their pool and lane, and lanes grow
    /// (pushing the lanes below down) to hold them.
    Arrange {
        view: ViewId,
        moves: Vec<ShapeMove>,
    },
    ResizeShape {
        view: ViewId,
        id: ElementId,
        width: f64,
        height: f64,
    },
    /// Joins two shapes with the connector their kinds call for.
    Connect {
        view: ViewId,
        from: ElementId,
        to: ElementId,
    },
    /// Moves one end of a connector (its source if `source`, else its target) to another shape.
    Reconnect {
        view: ViewId,
        flow: ElementId,
        source: bool,
        to: ElementId,
    },
    /// Pastes a clip with its top-left corner at `at`.
    Paste {
        view: ViewId,
        clip: Clip,
        at: Point,
    },
    /// Sets the count typed by hand for an element in a manual snapshot (`None` clears it).
    SetManualCount {
        snapshot: ElementId,
        element: ElementId,
        present: Option<u32>,
    },
    /// Adopts a recommended CS function into the org design: the function, owning the stages and
    /// activities its recommendation's reasons point at.
    AcceptFunction {
        function: crate::element::CsFunction,
    },
    /// A new role (people) in an adopted function.
    AddRole {
        function: ElementId,
        name: String,
    },
    /// Replaces the workspace's diagnosis settings (profile and per-rule severities).
    SetLintConfig {
        config: LintConfig,
    },
    /// Replaces the workspace's catalog (default interventions, function texts, sizing assumptions).
    SetCatalog {
        catalog: crate::element::Catalog,
    },
    /// Replaces the workspace's health model (creating it the first time).
    SetHealthModel {
        model: crate::health::HealthModel,
    },
    /// A new gap item: one standing for a difference between versions, or one added by hand;
    /// linked to the elements it concerns and, if given, owned by an org function.
    AddGapItem {
        data: crate::element::GapItem,
        concerns: Vec<ElementId>,
        owner: Option<ElementId>,
    },
    /// Gives a gap item another owner (an org function), or none.
    SetGapOwner {
        item: ElementId,
        owner: Option<ElementId>,
    },
    /// Replaces the workspace's evidence settings (creating them the first time).
    SetEvidenceSettings {
        settings: crate::element::EvidenceSettings,
    },
    /// Quotes from a file, one step: a conversation for each account and date, each quote under its
    /// conversation, its tags found by path (`定着/朝礼`) or made.
    ImportQuotes {
        quotes: Vec<QuoteImport>,
    },
    /// Conversations from a file, one step: each with its quotes, their tags found by path or
    /// made, and the segments and elements named that exist.
    ImportConversations {
        conversations: Vec<ConversationImport>,
    },
    /// A new quote: under a conversation (or typed on its own), with its tags and what it supports.
    AddQuote {
        conversation: Option<ElementId>,
        quote: crate::element::Quote,
        #[serde(default)]
        tags: Vec<ElementId>,
        #[serde(default)]
        supports: Vec<ElementId>,
    },
    /// A new tag, under `parent` or at the top, given at once to `quotes`.
    AddTag {
        name: String,
        parent: Option<ElementId>,
        #[serde(default)]
        quotes: Vec<ElementId>,
    },
    /// Merges tag `from` into `into`: its quotes and the tags under it move to `into`, and it goes.
    MergeTags {
        from: ElementId,
        into: ElementId,
    },
    /// Takes one change from another version back into this one: the element as that version has
    /// it (or gone, when that version does not have it), some of its relations, its placements.
    TakeBack {
        restore: Box<Restore>,
    },
    /// A sticky note from a workshop participant (or the facilitator), on a stage or a process
    /// lane or in the parking lot; its id comes from `client`, so a note sent twice is added once.
    /// A note with a perspective is a customer's words and becomes a quote at once.
    AddNote {
        workshop: ElementId,
        client: String,
        note: crate::element::StickyNote,
        on: Option<ElementId>,
    },
    /// Moves a note to a stage (and a row of the journey map), a process lane or the parking lot.
    MoveNote {
        note: ElementId,
        on: Option<ElementId>,
        row: Option<ElementKind>,
    },
    /// Shows the notes added in private mode to everyone.
    RevealNotes {
        workshop: ElementId,
    },
    /// Turns a note into an element where it sits: a card of `kind` (the note's row by default) on
    /// a stage, an activity on a process lane. The note is kept, linked to what it became.
    PromoteNote {
        note: ElementId,
        kind: Option<ElementKind>,
        reason: Option<crate::element::StumblingReason>,
    },
    /// A new dot vote in a workshop, open at once.
    StartVote {
        workshop: ElementId,
        vote: crate::element::Vote,
    },
    /// One more dot of `voter` on `target`.
    CastVote {
        vote: ElementId,
        voter: String,
        target: ElementId,
    },
    /// Takes one dot of `voter` off `target`.
    RetractVote {
        vote: ElementId,
        voter: String,
        target: ElementId,
    },
    /// Closes a vote (its results show) or opens it again.
    SetVoteOpen {
        vote: ElementId,
        open: bool,
    },
    /// Starts the capability model from the default one (the skills of the default model not yet
    /// in the workspace) and gives each adopted function of the method that requires nothing yet
    /// its default requirements: one step.
    SeedSkills {},
    /// A new person of the CS team, holding `roles`.
    AddMember {
        name: String,
        #[serde(default)]
        roles: Vec<ElementId>,
    },
    /// A person's levels on a skill at a date: replaces their assessment of that skill on the same
    /// day, else adds one (the earlier ones stay: the matrix has a history).
    Assess {
        member: ElementId,
        skill: ElementId,
        assessment: Box<crate::element::Assessment>,
    },
    /// The level of `skill` a function or a role requires (`None`: none).
    SetRequirement {
        holder: ElementId,
        skill: ElementId,
        level: Option<u8>,
    },
    /// Assessments from a file, one step, all or nothing: people found by name or added (with the
    /// roles given), each row assessed as `Assess` does.
    ImportAssessments {
        rows: Vec<AssessmentImport>,
    },
    /// Several edits as one undo step, all or nothing.
    Batch {
        edits: Vec<Edit>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("{id} is a {found:?}, where a {expected:?} is needed")]
    WrongKind { id: ElementId, expected: ElementKind, found: ElementKind },
    #[error("row {row}: {reason}")]
    BadRow { row: usize, reason: String },
    #[error("a {0:?} cannot be placed in a stage")]
    NotACard(ElementKind),
    #[error("a {0:?} cannot be created on its own; use the edit that places it")]
    NotFreeStanding(ElementKind),
    #[error("{card} is not in stage {stage}")]
    NotInStage { card: ElementId, stage: ElementId },
    #[error("stage {0} belongs to no journey")]
    NoJourney(ElementId),
    #[error("view {0} is not a journey map")]
    NotAJourneyMap(ViewId),
    #[error(transparent)]
    Process(#[from] ProcessError),
    #[error(transparent)]
    Workshop(#[from] WorkshopError),
    #[error(transparent)]
    Op(#[from] OpError),
}

/// Why a workshop edit is refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum WorkshopError {
    #[error("a client id is 1 to 64 letters, digits or dashes, not {0:?}")]
    BadClientId(String),
    #[error("the vote is closed")]
    VoteClosed,
    #[error("all {0} dots are placed")]
    NoDotsLeft(u32),
    #[error("a {0:?} cannot take dots in this vote")]
    NotACandidate(ElementKind),
    #[error("no dot of this participant is on it")]
    NoDot,
    #[error("the note is in the parking lot: put it on a stage or a lane first")]
    NotPlaced,
    #[error("a note on a {on:?} cannot become a {kind:?}")]
    CannotBecome { on: ElementKind, kind: ElementKind },
    #[error("the note has already become an element")]
    AlreadyBecame,
}

impl WorkshopError {
    /// The key the UI translates.
    pub fn reason_key(&self) -> &'static str {
        match self {
            WorkshopError::BadClientId(_) => "badClientId",
            WorkshopError::VoteClosed => "voteClosed",
            WorkshopError::NoDotsLeft(_) => "noDotsLeft",
            WorkshopError::NotACandidate(_) => "notACandidate",
            WorkshopError::NoDot => "noDot",
            WorkshopError::NotPlaced => "notPlaced",
            WorkshopError::CannotBecome { .. } => "cannotBecome",
            WorkshopError::AlreadyBecame => "alreadyBecame",
        }
    }
}

/// An element as another version has it, to take back into this one (the diff view's "take this
/// change back"). Ids are this version's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Restore {
    pub element: ElementId,
    /// Its properties there, when they are taken back; `None` keeps them (or, with `gone`, deletes
    /// the element).
    pub data: Option<ElementData>,
    /// That version does not have the element: it is deleted here with what it owns.
    #[serde(default)]
    pub gone: bool,
    /// The relation kinds taken back: the element's relations of these kinds here (leaving or
    /// arriving) are replaced by those of `relations` whose other end is here.
    #[serde(default)]
    pub kinds: Vec<RelationKind>,
    #[serde(default)]
    pub relations: Vec<crate::relation::Relation>,
    /// Only the order is taken back: each of `relations` that is here gets its rank there (the
    /// siblings of a reordered element, whichever of them moved); none is added or removed.
    #[serde(default)]
    pub ranks_only: bool,
    /// Where it is drawn there, in views this version has; each replaces its placement here.
    #[serde(default)]
    pub placements: Vec<(ViewId, crate::view::Placement)>,
}

/// One conversation to import (`Edit::ImportConversations`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConversationImport {
    pub conversation: crate::element::Conversation,
    /// The segments it is in (`isFor`).
    #[serde(default)]
    pub segments: Vec<ElementId>,
    #[serde(default)]
    pub quotes: Vec<QuoteIn>,
}

/// A quote of an imported conversation: its tags by path (`定着/朝礼`) and what it supports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QuoteIn {
    pub quote: crate::element::Quote,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub supports: Vec<ElementId>,
}

/// One assessment to import (`Edit::ImportAssessments`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AssessmentImport {
    /// The person's name: the team member of that name, else a new one.
    pub member: String,
    /// Roles the person holds (added to those they have).
    #[serde(default)]
    pub roles: Vec<ElementId>,
    pub skill: ElementId,
    pub assessment: crate::element::Assessment,
}

/// One quote to import (`Edit::ImportQuotes`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QuoteImport {
    pub date: Option<f64>,
    pub account: String,
    pub perspective: Option<crate::element::Perspective>,
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A card as copied: its properties and the segments it is drawn for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardClip {
    pub data: ElementData,
    #[serde(default)]
    pub segments: Vec<ElementId>,
}

/// The result of [`perform`]: what to record so that the edit can be undone and redone.
#[derive(Clone, Debug, PartialEq)]
pub struct Performed {
    pub forward: Op,
    pub inverse: Op,
    pub changes: Changes,
    /// Ids of the elements the edit created, in the order of creation.
    pub created: Vec<ElementId>,
    /// Ids of the views (diagrams) the edit created.
    pub created_views: Vec<ViewId>,
}

/// Declares each edit's history label (a stable key stored with its history entry) and its name in
/// both languages, for "Undo …"; one row per variant, so a new edit cannot go without a name.
macro_rules! edit_names {
    ($($variant:ident => $key:literal, $ja:literal, $en:literal;)*) => {
        impl Edit {
            /// The key naming the edit in the history.
            pub fn label(&self) -> &'static str {
                match self {
                    $(Edit::$variant { .. } => $key,)*
                }
            }
        }

        const EDIT_NAMES: &[(&str, &str, &str)] = &[$(($key, $ja, $en),)*];
    };
}

edit_names! {
    CreateJourney => "createJourney", "ジャーニーの作成", "create a journey";
    AddStage => "addStage", "ステージの追加", "add a stage";
    MoveStage => "moveStage", "ステージの移動", "move a stage";
    AddCard => "addCard", "カードの追加", "add a card";
    PasteCards => "pasteCards", "カードの貼り付け", "paste cards";
    MoveCard => "moveCard", "カードの移動", "move a card";
    Create => "create", "要素の作成", "create an element";
    Update => "update", "編集", "edit";
    Delete => "delete", "削除", "delete";
    Link => "link", "関連付け", "link";
    Unlink => "unlink", "関連付けの解除", "unlink";
    SetLaneHidden => "setLaneHidden", "レーンの表示切替", "show or hide a lane";
    SetLintConfig => "setLintConfig", "診断の設定", "diagnosis settings";
    SetCatalog => "setCatalog", "カタログの編集", "edit the catalog";
    SetHealthModel => "setHealthModel", "ヘルスモデルの編集", "edit the health model";
    AcceptFunction => "acceptFunction", "組織への機能の追加", "adopt a function";
    AddRole => "addRole", "役割の追加", "add a role";
    CreateProcessDiagram => "createProcessDiagram", "プロセス図の作成", "create a process diagram";
    AddPool => "addPool", "プールの追加", "add a pool";
    AddLane => "addLane", "レーンの追加", "add a lane";
    AddNode => "addNode", "要素の配置", "place an element";
    MoveShapes => "moveShapes", "移動", "move";
    Arrange => "arrange", "自動レイアウト", "auto layout";
    ResizeShape => "resizeShape", "サイズ変更", "resize";
    Connect => "connect", "接続", "connect";
    Paste => "paste", "貼り付け", "paste";
    Reconnect => "reconnect", "つなぎ替え", "reconnect";
    SetManualCount => "setManualCount", "件数の入力", "enter a count";
    AddGapItem => "addGapItem", "ギャップの追加", "add a gap item";
    SetGapOwner => "setGapOwner", "ギャップの担当の変更", "change a gap item's owner";
    TakeBack => "takeBack", "変更の取り込み", "take a change back";
    SetEvidenceSettings => "setEvidenceSettings", "エビデンスの設定", "evidence settings";
    MergeTags => "mergeTags", "タグの統合", "merge tags";
    AddQuote => "addQuote", "引用の追加", "add a quote";
    AddTag => "addTag", "タグの追加", "add a tag";
    ImportQuotes => "importQuotes", "引用の取り込み", "import quotes";
    ImportConversations => "importConversations", "会話の取り込み", "import conversations";
    AddNote => "addNote", "付箋の追加", "add a sticky note";
    MoveNote => "moveNote", "付箋の移動", "move a sticky note";
    RevealNotes => "revealNotes", "付箋の公開", "reveal the notes";
    PromoteNote => "promoteNote", "付箋から要素へ", "turn a note into an element";
    StartVote => "startVote", "投票の開始", "start a vote";
    CastVote => "castVote", "投票", "vote";
    RetractVote => "retractVote", "投票の取り消し", "take a dot back";
    SetVoteOpen => "setVoteOpen", "投票の締め切り", "close or reopen a vote";
    SeedSkills => "seedSkills", "標準のスキルモデルの追加", "start from the default skill model";
    AddMember => "addMember", "メンバーの追加", "add a team member";
    Assess => "assess", "スキルの評価", "assess a skill";
    SetRequirement => "setRequirement", "必要なレベルの変更", "change a required level";
    ImportAssessments => "importAssessments", "スキル評価の取り込み", "import assessments";
    Batch => "batch", "まとめて編集", "several edits";
}

/// History labels of steps that are not edits: files imported as one step.
const IMPORT_NAMES: &[(&str, &str, &str)] = &[
    ("importBpmn", "BPMNの読み込み", "import a BPMN file"),
    ("importState", "状態の取り込み", "import a state snapshot"),
    ("importAccounts", "アカウントの取り込み", "import accounts"),
];

/// What a history step is called ("Undo: add a stage"), from its label; a label this version does
/// not know (written by a newer one) is shown as it is.
pub fn history_name(label: &str) -> Text {
    EDIT_NAMES
        .iter()
        .chain(IMPORT_NAMES)
        .find(|(key, _, _)| *key == label)
        .map(|(_, ja, en)| Text::new(*ja, *en))
        .unwrap_or_else(|| Text::same(label))
}
