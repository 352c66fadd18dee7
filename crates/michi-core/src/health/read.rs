//! What the health views draw: the accounts table (sorted, filtered, a page at a time), the
//! firewood × fire plot, and one account's page with its explanation, next actions and trend.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::score::{AccountScore, Quadrant, Scorer, Verdict};
use crate::derive::playbook::{PlayTrigger, Ref};
use crate::element::{AccountRow, AccountSnapshot, Judgement};
use crate::element::{Bonfire, HealthModel, IndicatorKind};
use crate::element::{ElementData, ElementKind, StumblingReason};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::text::Text;
use crate::workspace::Workspace;

/// The workspace's health model, if it has one.
pub fn model(ws: &Workspace) -> Option<(&ElementId, &HealthModel)> {
    ws.elements_of_kind(ElementKind::HealthModel).find_map(|e| match &e.data {
        ElementData::HealthModel(m) => Some((&e.id, m)),
        _ => None,
    })
}

/// The account snapshots, oldest first.
pub fn snapshots(ws: &Workspace) -> Vec<(&ElementId, &AccountSnapshot)> {
    let mut all: Vec<(&ElementId, &AccountSnapshot)> = ws
        .elements_of_kind(ElementKind::AccountSnapshot)
        .filter_map(|e| match &e.data {
            ElementData::AccountSnapshot(s) => Some((&e.id, s)),
            _ => None,
        })
        .collect();
    all.sort_by(|a, b| a.1.as_of.total_cmp(&b.1.as_of).then(a.0.cmp(b.0)));
    all
}

/// The judgements, oldest first, by account.
fn judgements(ws: &Workspace) -> Judged<'_> {
    let mut by: HashMap<&str, Vec<(&ElementId, &Judgement)>> = HashMap::new();
    for e in ws.elements_of_kind(ElementKind::Judgement) {
        if let ElementData::Judgement(j) = &e.data {
            by.entry(j.account.as_str()).or_default().push((&e.id, j));
        }
    }
    for list in by.values_mut() {
        list.sort_by(|a, b| a.1.at.total_cmp(&b.1.at).then(a.0.cmp(b.0)));
    }
    by
}

/// The judgements that take the place of a row's values as of `as_of` (`None`: every one): those
/// newer than the snapshot, or of an indicator the row has no value for. Oldest first.
fn overrides(
    model: &HealthModel,
    snapshot: &AccountSnapshot,
    row: Option<&AccountRow>,
    judged: &[(&ElementId, &Judgement)],
    as_of: Option<f64>,
) -> Vec<(usize, f64)> {
    let keys: Vec<(&str, &str)> = model.indicators().map(|(_, i)| (i.key.as_str(), i.column.as_str())).collect();
    judged
        .iter()
        .filter(|(_, j)| as_of.is_none_or(|d| j.at <= d))
        .filter_map(|(_, j)| {
            let ix = keys.iter().position(|(k, _)| *k == j.indicator)?;
            let has_value = row
                .and_then(|r| {
                    let c = snapshot.columns.iter().position(|c| c == keys[ix].1)?;
                    r.values.get(c).copied().flatten()
                })
                .is_some();
            (j.at >= snapshot.as_of || !has_value).then_some((ix, j.value))
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SnapshotRef {
    pub id: ElementId,
    pub name: String,
    pub as_of: f64,
    pub accounts: u32,
    /// The state snapshot made by the same import (where the accounts were on the journeys).
    pub state: Option<ElementId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LinkInfo {
    pub element: Bonfire,
    pub name: Text,
    pub weak_below: f64,
}

/// One account in the table.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AccountLine {
    pub id: String,
    pub name: String,
    pub segment: String,
    pub stage: Option<Ref>,
    pub score: AccountScore,
    pub quadrant: Option<Quadrant>,
    /// The weakest link's next action (the model's; the account page adds the playbook's plays).
    pub next_action: Option<Text>,
}

impl AccountLine {
    /// The line of `row` with its `score`: quadrant, stage and the weak link's next action.
    fn of(ws: &Workspace, model: &HealthModel, row: &AccountRow, score: AccountScore) -> AccountLine {
        AccountLine {
            id: row.id.clone(),
            name: row.name.clone(),
            segment: row.segment.clone(),
            stage: row.stage.as_ref().filter(|s| ws.contains(s)).map(|s| Ref::of(ws, s)),
            quadrant: Quadrant::of(&score, model),
            next_action: score.verdict.link().and_then(|l| model.link(l)).map(|l| l.next_action.clone()),
            score,
        }
    }
}

/// How the table is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SortBy {
    #[default]
    Name,
    Overall,
    Firewood,
    Ember,
    Wind,
    Fire,
    /// The weakest link in chain order (firewood first), then the overall score.
    Verdict,
}

/// Which page of which accounts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct TableQuery {
    /// Only accounts of this segment (as the file names it); empty for all.
    pub segment: String,
    /// Only accounts whose name or id contains this.
    pub search: String,
    pub quadrant: Option<Quadrant>,
    pub sort: SortBy,
    pub descending: bool,
    pub offset: u32,
    /// At most this many rows (0: 200).
    pub limit: u32,
}

/// A dot of the firewood × fire plot.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Dot {
    pub id: String,
    pub name: String,
    pub firewood: f64,
    pub fire: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HealthTable {
    pub model: Option<ElementId>,
    pub links: Vec<LinkInfo>,
    /// The snapshot the table is as of (the latest), and every snapshot.
    pub snapshot: Option<SnapshotRef>,
    pub snapshots: Vec<SnapshotRef>,
    /// The segments the accounts name, for the filter.
    pub segments: Vec<String>,
    /// Accounts matching the query (before paging).
    pub total: u32,
    pub rows: Vec<AccountLine>,
    /// Accounts per quadrant (success, kindling, at risk, churn risk) and with no quadrant.
    pub quadrants: [u32; 5],
    /// The plot's dots (every account matching the segment filter, at most `MAX_DOTS`).
    pub dots: Vec<Dot>,
    /// Accounts of the segment filter whose links dropped since the previous snapshot, the
    /// largest fall first (at most `MAX_DROPPED`), and how many there are in all.
    pub dropped: Vec<DroppedAccount>,
    pub dropped_total: u32,
}

/// An account whose links dropped since the previous snapshot.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DroppedAccount {
    pub id: String,
    pub name: String,
    pub drops: Vec<LinkDrop>,
}

/// The dropped accounts listed at most.
pub const MAX_DROPPED: usize = 100;

/// More dots than this are thinned evenly (a plot of 100,000 dots says no more than 5,000 do).
pub const MAX_DOTS: usize = 5_000;

fn snapshot_ref(ws: &Workspace, id: &ElementId, s: &AccountSnapshot) -> SnapshotRef {
    // The import names, sources and dates both snapshots alike.
    let state = ws
        .elements_of_kind(ElementKind::StateSnapshot)
        .find(|e| match &e.data {
            ElementData::StateSnapshot(st) => st.name == s.name && st.source == s.source && st.as_of == s.as_of,
            _ => false,
        })
        .map(|e| e.id.clone());
    SnapshotRef { id: id.clone(), name: s.name.clone(), as_of: s.as_of, accounts: s.accounts.len() as u32, state }
}

/// The accounts table as of the latest snapshot, with every judgement since.
pub fn table(ws: &Workspace, query: &TableQuery) -> HealthTable {
    let snaps = snapshots(ws);
    let snapshots = snaps.iter().map(|(id, s)| snapshot_ref(ws, id, s)).collect();
    let Some((model_id, model)) = model(ws) else {
        return HealthTable { snapshots, ..Default::default() };
    };
    let links = model
        .links
        .iter()
        .map(|l| LinkInfo { element: l.element, name: l.element.name(), weak_below: l.weak_below })
        .collect();
    let mut out = HealthTable {
        model: Some(model_id.clone()),
        links,
        snapshot: snaps.last().map(|(id, s)| snapshot_ref(ws, id, s)),
        snapshots,
        ..Default::default()
    };
    let Some((_, snap)) = snaps.last() else { return out };
    let judged = judgements(ws);
    let scorer = Scorer::new(model, &snap.columns);
    let search = query.search.trim().to_lowercase();
    let mut segments: Vec<&str> = Vec::new();
    // Scores first (cheap); lines are made for the page only.
    let mut scored: Vec<(usize, AccountScore, Option<Quadrant>)> = Vec::new();
    for (i, row) in snap.accounts.iter().enumerate() {
        if !row.segment.is_empty() && !segments.contains(&row.segment.as_str()) {
            segments.push(&row.segment);
        }
        if !query.segment.is_empty() && row.segment != query.segment {
            continue;
        }
        let over = judged.get(row.id.as_str()).map(|j| overrides(model, snap, Some(row), j, None)).unwrap_or_default();
        let score = scorer.score(&row.values, &over);
        let quadrant = Quadrant::of(&score, model);
        out.quadrants[quadrant.map(|q| q as usize).unwrap_or(4)] += 1;
        scored.push((i, score, quadrant));
    }
    let mut segments: Vec<String> = segments.into_iter().map(str::to_string).collect();
    segments.sort();
    out.segments = segments;
    // Drops since the previous snapshot, scored as of its date (as the account page's trend).
    if let [.., (_, prev), _] = snaps.as_slice() {
        let prev_scorer = Scorer::new(model, &prev.columns);
        let at: HashMap<&str, &AccountRow> = prev.accounts.iter().map(|r| (r.id.as_str(), r)).collect();
        let mut dropped: Vec<DroppedAccount> = scored
            .iter()
            .filter_map(|(i, score, _)| {
                let row = &snap.accounts[*i];
                let before = at.get(row.id.as_str())?;
                let judged_here = judged.get(row.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
                let over = overrides(model, prev, Some(before), judged_here, Some(prev.as_of));
                let then = prev_scorer.score(&before.values, &over);
                let drops = drops_between(&then.links, &score.links, &prev.name);
                (!drops.is_empty()).then(|| DroppedAccount { id: row.id.clone(), name: row.name.clone(), drops })
            })
            .collect();
        let fall = |d: &DroppedAccount| d.drops.iter().map(|x| x.from - x.to).fold(0.0, f64::max);
        dropped.sort_by(|a, b| fall(b).total_cmp(&fall(a)).then_with(|| a.name.cmp(&b.name)));
        out.dropped_total = dropped.len() as u32;
        dropped.truncate(MAX_DROPPED);
        out.dropped = dropped;
    }
    // The plot: every account of the segment with both scores, thinned evenly past MAX_DOTS.
    let plotted: Vec<&(usize, AccountScore, Option<Quadrant>)> =
        scored.iter().filter(|h| h.1.links[0].is_some() && h.1.links[3].is_some()).collect();
    let step = (plotted.len() as f64 / MAX_DOTS as f64).max(1.0);
    let mut k = 0.0;
    while (k as usize) < plotted.len() {
        let (i, s, _) = plotted[k as usize];
        let r = &snap.accounts[*i];
        out.dots.push(Dot {
            id: r.id.clone(),
            name: r.name.clone(),
            firewood: s.links[0].unwrap_or(0.0),
            fire: s.links[3].unwrap_or(0.0),
        });
        k += step;
    }
    let mut hits: Vec<(usize, AccountScore, Option<Quadrant>)> = scored
        .into_iter()
        .filter(|h| query.quadrant.is_none() || h.2 == query.quadrant)
        .filter(|h| {
            let r = &snap.accounts[h.0];
            search.is_empty() || r.name.to_lowercase().contains(&search) || r.id.to_lowercase().contains(&search)
        })
        .collect();
    let key = |h: &(usize, AccountScore, Option<Quadrant>)| -> f64 {
        let v = match query.sort {
            SortBy::Name | SortBy::Verdict => None,
            SortBy::Overall => h.1.overall,
            SortBy::Firewood => h.1.links[0],
            SortBy::Ember => h.1.links[1],
            SortBy::Wind => h.1.links[2],
            SortBy::Fire => h.1.links[3],
        };
        v.unwrap_or(-1.0)
    };
    let verdict_rank = |s: &AccountScore| match s.verdict {
        Verdict::Weak(b) => b.index(),
        Verdict::Unknown(b) => 4 + b.index(),
        Verdict::Healthy => 8,
    };
    let row_of = |h: &(usize, AccountScore, Option<Quadrant>)| &snap.accounts[h.0];
    hits.sort_by(|a, b| {
        let by_name = || row_of(a).name.cmp(&row_of(b).name).then(row_of(a).id.cmp(&row_of(b).id));
        let order = match query.sort {
            SortBy::Name => by_name(),
            SortBy::Verdict => verdict_rank(&a.1)
                .cmp(&verdict_rank(&b.1))
                .then(a.1.overall.unwrap_or(-1.0).total_cmp(&b.1.overall.unwrap_or(-1.0))),
            _ => key(a).total_cmp(&key(b)).then_with(by_name),
        };
        if query.descending { order.reverse() } else { order }
    });
    out.total = hits.len() as u32;
    let limit = if query.limit == 0 { 200 } else { query.limit } as usize;
    out.rows = hits
        .into_iter()
        .skip(query.offset as usize)
        .take(limit)
        .map(|(i, score, _)| AccountLine::of(ws, model, &snap.accounts[i], score))
        .collect();
    out
}

/// One indicator of one account: its value, score and where the value came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct IndicatorValue {
    pub link: Bonfire,
    pub key: String,
    pub name: Text,
    pub kind: IndicatorKind,
    pub column: String,
    pub value: Option<f64>,
    pub score: Option<f64>,
    /// The judgement the value comes from (else the snapshot's file), with who and when.
    pub judgement: Option<JudgementRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JudgementRef {
    pub id: ElementId,
    pub by: String,
    pub at: f64,
    pub note: String,
}

/// What to do next, with the element of the playbook it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NextAction {
    pub text: Text,
    /// The play's element (a stumbling point, the stage…); `None` for the model's own action.
    pub source: Option<ElementId>,
    pub views: Vec<crate::id::ViewId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TrendPoint {
    pub as_of: f64,
    /// The snapshot, or `None` for the judgements made after the latest one.
    pub snapshot: Option<ElementId>,
    pub links: [Option<f64>; 4],
    pub overall: Option<f64>,
    /// Each indicator's score at this point, in model order (as `AccountPage::indicators`);
    /// `None` where it had no value.
    pub indicators: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AccountPage {
    pub line: AccountLine,
    pub size: Option<crate::element::CompanySize>,
    pub industry: String,
    pub motivation: Option<crate::element::Level>,
    pub literacy: Option<crate::element::Level>,
    pub indicators: Vec<IndicatorValue>,
    pub explanation: Text,
    /// The links that fell by `DROP_POINTS` or more since the previous snapshot.
    pub drops: Vec<LinkDrop>,
    pub next_actions: Vec<NextAction>,
    pub trend: Vec<TrendPoint>,
    /// What the account's people said in conversations, newest first: the explanation's evidence.
    pub quotes: Vec<crate::derive::evidence::QuoteRow>,
}

/// One account's page, as of the latest snapshot with every judgement since; `None` when the
/// latest snapshot does not have it or there is no model.
pub fn account(ws: &Workspace, id: &str) -> Option<AccountPage> {
    let (_, model) = model(ws)?;
    let snaps = snapshots(ws);
    let (_, snap) = *snaps.last()?;
    let row = snap.accounts.iter().find(|r| r.id == id)?;
    let judged = judgements(ws);
    let find = |s: &AccountSnapshot, id: &str| s.accounts.iter().position(|r| r.id == id);
    let quotes = crate::derive::evidence::quotes_by_account(ws);
    Some(page(ws, model, &snaps, &judged, row, &find, &mut |l, stage| next_actions(ws, model, l, stage), &quotes))
}

/// Every account's page, as `account` gives one, in the latest snapshot's order; the snapshots are
/// indexed and the next actions computed once per link and stage, so a whole file is read in one go.
pub fn accounts(ws: &Workspace) -> Vec<AccountPage> {
    let Some((_, model)) = model(ws) else { return Vec::new() };
    let snaps = snapshots(ws);
    let Some((_, snap)) = snaps.last().copied() else { return Vec::new() };
    let judged = judgements(ws);
    let index: Vec<HashMap<&str, usize>> =
        snaps.iter().map(|(_, s)| s.accounts.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect()).collect();
    let find = |s: &AccountSnapshot, id: &str| {
        let at = snaps.iter().position(|(_, x)| std::ptr::eq(*x, s))?;
        index[at].get(id).copied()
    };
    let mut cache: HashMap<(Bonfire, Option<ElementId>), Vec<NextAction>> = HashMap::new();
    let mut actions = |l: Bonfire, stage: Option<&ElementId>| {
        cache.entry((l, stage.cloned())).or_insert_with(|| next_actions(ws, model, l, stage)).clone()
    };
    let quotes = crate::derive::evidence::quotes_by_account(ws);
    snap.accounts.iter().map(|row| page(ws, model, &snaps, &judged, row, &find, &mut actions, &quotes)).collect()
}

type Judged<'a> = HashMap<&'a str, Vec<(&'a ElementId, &'a Judgement)>>;

/// The page of `row` of the latest snapshot; `find` locates an account in a snapshot (for the
/// trend), `actions` gives the next actions of a weak link at a stage.
#[allow(clippy::too_many_arguments)] // what one page reads, each shared by every page of a file
fn page(
    ws: &Workspace,
    model: &HealthModel,
    snaps: &[(&ElementId, &AccountSnapshot)],
    judged_all: &Judged,
    row: &AccountRow,
    find: &dyn Fn(&AccountSnapshot, &str) -> Option<usize>,
    actions: &mut dyn FnMut(Bonfire, Option<&ElementId>) -> Vec<NextAction>,
    quotes: &HashMap<String, Vec<crate::derive::evidence::QuoteRow>>,
) -> AccountPage {
    let id = row.id.as_str();
    let (_, snap) = snaps[snaps.len() - 1];
    let judged = judged_all.get(id).map(Vec::as_slice).unwrap_or(&[]);
    let scorer = Scorer::new(model, &snap.columns);
    let over = overrides(model, snap, Some(row), judged, None);
    let score = scorer.score(&row.values, &over);

    // Each indicator's value and where it came from.
    let values = indicator_values(model, snap, row, &over);
    let mut indicators = Vec::new();
    for (ix, ((link, ind), value)) in model.indicators().zip(values).enumerate() {
        let judgement = over.iter().rposition(|(i, _)| *i == ix).and_then(|_| {
            judged.iter().rev().find(|(_, j)| j.indicator == ind.key).map(|(jid, j)| JudgementRef {
                id: (*jid).clone(),
                by: j.by.clone(),
                at: j.at,
                note: j.note.clone(),
            })
        });
        indicators.push(IndicatorValue {
            link: link.element,
            key: ind.key.clone(),
            name: ind.name.clone(),
            kind: ind.kind,
            column: ind.column.clone(),
            value,
            score: value.map(|v| ind.scoring.score(v)),
            judgement,
        });
    }
    let next_actions = score.verdict.link().map(|l| actions(l, row.stage.as_ref())).unwrap_or_default();

    // The trend: each snapshot with the judgements up to its date, then the judgements since.
    let mut trend = Vec::new();
    for (sid, s) in snaps {
        let Some(r) = find(s, id).map(|i| &s.accounts[i]) else { continue };
        let sc = Scorer::new(model, &s.columns);
        let o = overrides(model, s, Some(r), judged, Some(s.as_of));
        let p = sc.score(&r.values, &o);
        trend.push(TrendPoint {
            as_of: s.as_of,
            snapshot: Some((*sid).clone()),
            links: p.links,
            overall: p.overall,
            indicators: indicator_scores(model, indicator_values(model, s, r, &o)),
        });
    }
    if let Some(last) = judged.iter().map(|(_, j)| j.at).reduce(f64::max)
        && last > snap.as_of
    {
        trend.push(TrendPoint {
            as_of: last,
            snapshot: None,
            links: score.links,
            overall: score.overall,
            indicators: indicators.iter().map(|i| i.score).collect(),
        });
    }
    // Drops: the current scores against the previous snapshot's (the trend's point before the
    // latest snapshot's).
    let snapshot_points: Vec<&TrendPoint> = trend.iter().filter(|p| p.snapshot.is_some()).collect();
    let drops = match snapshot_points.len() {
        n if n >= 2 => {
            let prev = snapshot_points[n - 2];
            let since = snaps
                .iter()
                .find(|(sid, _)| Some(*sid) == prev.snapshot.as_ref())
                .map(|(_, s)| s.name.clone())
                .unwrap_or_default();
            drops_between(&prev.links, &score.links, &since)
        }
        _ => Vec::new(),
    };
    let explanation = explain(model, &score, &indicators, &drops);
    AccountPage {
        drops,
        line: AccountLine::of(ws, model, row, score),
        size: row.size,
        industry: row.industry.clone(),
        motivation: row.motivation,
        literacy: row.literacy,
        indicators,
        explanation,
        next_actions,
        trend,
        quotes: crate::derive::evidence::quotes_of_account(quotes, &row.id, &row.name),
    }
}

/// Each indicator's value in `row` of `snapshot` (model order), a judgement in `overrides` taking
/// the place of the row's value.
fn indicator_values(
    model: &HealthModel,
    snapshot: &AccountSnapshot,
    row: &AccountRow,
    overrides: &[(usize, f64)],
) -> Vec<Option<f64>> {
    model
        .indicators()
        .enumerate()
        .map(|(ix, (_, ind))| match overrides.iter().rev().find(|(i, _)| *i == ix) {
            Some((_, v)) => Some(*v),
            None => snapshot
                .columns
                .iter()
                .position(|c| c == &ind.column)
                .and_then(|c| row.values.get(c).copied().flatten()),
        })
        .collect()
}

/// The scores of `values` (model order) under each indicator's scoring function.
fn indicator_scores(model: &HealthModel, values: Vec<Option<f64>>) -> Vec<Option<f64>> {
    model.indicators().zip(values).map(|((_, ind), v)| v.map(|v| ind.scoring.score(v))).collect()
}

fn points(x: f64) -> String {
    format!("{}", x.round())
}

/// A fall of a link's score by this many points or more since the previous snapshot is a drop.
pub const DROP_POINTS: f64 = 10.0;

/// A link that fell since the previous snapshot.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LinkDrop {
    pub link: Bonfire,
    pub from: f64,
    pub to: f64,
    /// The previous snapshot's name.
    pub since: String,
}

/// The links of `now` that fell by `DROP_POINTS` or more from `before` (the previous snapshot).
fn drops_between(before: &[Option<f64>; 4], now: &[Option<f64>; 4], since: &str) -> Vec<LinkDrop> {
    Bonfire::CHAIN
        .iter()
        .filter_map(|&l| match (before[l.index()], now[l.index()]) {
            (Some(from), Some(to)) if from - to >= DROP_POINTS => {
                Some(LinkDrop { link: l, from, to, since: since.to_string() })
            }
            _ => None,
        })
        .collect()
}

/// An indicator's value as people read it: はい/いいえ, a judgement out of 5, a rate as a
/// percentage (a scale within 0–1), else the number.
pub fn value_text(ind: &IndicatorValue, model: &HealthModel) -> Text {
    let Some(v) = ind.value else { return Text::new("値なし", "no value") };
    match ind.kind {
        IndicatorKind::YesNo if v >= 0.5 => Text::new("はい", "yes"),
        IndicatorKind::YesNo => Text::new("いいえ", "no"),
        IndicatorKind::Judgement => Text::same(format!("{}/5", trim(v))),
        IndicatorKind::Number => {
            let rate = model.indicators().find(|(_, i)| i.key == ind.key).is_some_and(|(_, i)| match &i.scoring {
                crate::element::Scoring::Linear { from, to } => from.abs() <= 1.0 && to.abs() <= 1.0,
                crate::element::Scoring::Thresholds { steps } => steps.iter().all(|s| s.at_least.abs() <= 1.0),
            });
            if rate && (0.0..=1.0).contains(&v) {
                Text::same(format!("{}%", trim(v * 100.0)))
            } else {
                Text::same(trim(v))
            }
        }
    }
}

/// A number with at most one decimal, without a trailing ".0".
fn trim(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 { format!("{}", r as i64) } else { format!("{r}") }
}

/// Why the diagnosis says what it says, in both languages: the weak link with its score and
/// threshold, the indicators that pulled it down with their values and scores, where it stands in
/// the chain, the links that dropped since the previous snapshot, and what is missing.
pub fn explain(model: &HealthModel, score: &AccountScore, indicators: &[IndicatorValue], drops: &[LinkDrop]) -> Text {
    let name = |l: Bonfire| l.name();
    let threshold = |l: Bonfire| model.link(l).map(|x| x.weak_below).unwrap_or(50.0);
    let (mut ja, mut en) = match score.verdict {
        Verdict::Weak(l) => {
            let s = score.links[l.index()].unwrap_or(0.0);
            let limit = threshold(l);
            let mut ja = format!("鎖の最初の弱い環は「{}」です（{}点／基準{}点）。", name(l).ja, points(s), points(limit));
            let mut en = format!(
                "The first weak link of the chain is {} ({} of 100, threshold {}).",
                name(l).en.to_lowercase(),
                points(s),
                points(limit)
            );
            // The indicators of the link below its threshold, the lowest first.
            let mut low: Vec<&IndicatorValue> =
                indicators.iter().filter(|i| i.link == l && i.score.is_some_and(|x| x < limit)).collect();
            low.sort_by(|a, b| a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0)));
            if !low.is_empty() {
                let each = |i: &IndicatorValue, ja: bool| {
                    let v = value_text(i, model);
                    let sc = points(i.score.unwrap_or(0.0));
                    if ja {
                        format!("「{}」{}（{sc}点）", i.name.ja, v.ja)
                    } else {
                        format!("\"{}\": {} ({sc} of 100)", i.name.en, v.en)
                    }
                };
                let j: Vec<String> = low.iter().map(|i| each(i, true)).collect();
                let e: Vec<String> = low.iter().map(|i| each(i, false)).collect();
                ja.push_str(&format!("下げているのは、{}です。", j.join("、")));
                en.push_str(&format!(" What pulls it down: {}.", e.join("; ")));
            }
            let before: Vec<Bonfire> = Bonfire::CHAIN.iter().copied().take_while(|x| *x != l).collect();
            let lower_later: Vec<Bonfire> = Bonfire::CHAIN
                .iter()
                .copied()
                .skip(l.index() + 1)
                .filter(|x| score.links[x.index()].is_some_and(|v| v < s))
                .collect();
            if !before.is_empty() {
                let n: Vec<String> = before.iter().map(|b| name(*b).ja).collect();
                let e: Vec<String> = before.iter().map(|b| name(*b).en.to_lowercase()).collect();
                ja.push_str(&format!("その前の{}は基準を満たしています。", n.join("・")));
                en.push_str(&format!(" The links before it ({}) meet their thresholds.", e.join(", ")));
            }
            if !lower_later.is_empty() {
                let n: Vec<String> = lower_later.iter().map(|b| name(*b).ja).collect();
                let e: Vec<String> = lower_later.iter().map(|b| name(*b).en.to_lowercase()).collect();
                ja.push_str(&format!(
                    "{}の方が低い点数ですが、鎖の前にある「{}」が先です。",
                    n.join("・"),
                    name(l).ja
                ));
                let list = e.join(", ");
                let mut chars = list.chars();
                let list: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
                en.push_str(&format!(
                    " {list} scores lower, but {} comes first in the chain and explains it.",
                    name(l).en.to_lowercase()
                ));
            }
            (ja, en)
        }
        Verdict::Unknown(l) => (
            format!(
                "「{}」の値がまだありません。鎖の前の環が分からないと、後ろの環の弱さを説明できません。まず{}を判定してください。",
                name(l).ja,
                name(l).ja
            ),
            format!(
                "Nothing is known of {} yet. Without an earlier link of the chain, the later ones cannot be explained: judge {} first.",
                name(l).en.to_lowercase(),
                name(l).en.to_lowercase()
            ),
        ),
        Verdict::Healthy => (
            "4つの要素すべてが基準を満たしています。火が消えないよう、薪（担当者の異動）と種火（方針の変化）の変化に気を配ります。".to_string(),
            "All four links meet their thresholds. Watch for changes in the firewood (people moving on) and the ember (policy changes).".to_string(),
        ),
    };
    if let Some(first) = drops.first() {
        let j: Vec<String> =
            drops.iter().map(|d| format!("{} {} → {}", name(d.link).ja, points(d.from), points(d.to))).collect();
        let e: Vec<String> = drops
            .iter()
            .map(|d| format!("{} {} → {}", name(d.link).en.to_lowercase(), points(d.from), points(d.to)))
            .collect();
        ja.push_str(&format!("前回（{}）から下がりました: {}。", first.since, j.join("、")));
        en.push_str(&format!(" Dropped since the previous snapshot ({}): {}.", first.since, e.join(", ")));
    }
    let missing: Vec<&IndicatorValue> = indicators.iter().filter(|i| i.value.is_none()).collect();
    if !missing.is_empty() {
        let n: Vec<&str> = missing.iter().map(|i| i.name.ja.as_str()).collect();
        let e: Vec<&str> = missing.iter().map(|i| i.name.en.as_str()).collect();
        ja.push_str(&format!("値のない指標は計算から外しています（{}）。", n.join("、")));
        en.push_str(&format!(" Indicators with no value are left out of the scores ({}).", e.join(", ")));
    }
    Text::new(ja, en)
}

/// Words that say a stumbling point is about the customer's people and structure (firewood).
const PEOPLE: &[&str] =
    &["担当", "決裁", "体制", "推進", "反対", "リーダー", "異動", "owner", "decision", "sponsor", "team", "leader"];

/// The next actions for a weak or unknown `link`: the model's own, then the plays of the account's
/// stage that work on that link — firewood: stumbling points about people and structure; ember:
/// "benefit unclear" and "no-need bias"; wind: "guidance lacking" and "not now", and the
/// touchpoints planned on entering the stage; fire: emotion dips and the late exit-criteria review.
pub fn next_actions(ws: &Workspace, model: &HealthModel, link: Bonfire, stage: Option<&ElementId>) -> Vec<NextAction> {
    let mut out = Vec::new();
    if let Some(l) = model.link(link) {
        out.push(NextAction { text: l.next_action.clone(), source: None, views: Vec::new() });
    }
    let Some(stage) = stage else { return out };
    let Some(journey) = ws.container(stage, RelationKind::InJourney) else { return out };
    let Some(pb) = crate::derive::playbook::playbook(ws, &journey) else { return out };
    let Some(plays) = pb.stages.iter().find(|s| &s.stage.id == stage) else { return out };
    let has = |text: &str| {
        let t = text.to_lowercase();
        PEOPLE.iter().any(|w| t.contains(w))
    };
    for play in &plays.plays {
        let fits = match (&play.trigger, link) {
            (PlayTrigger::StumblingPoint { point, reason }, Bonfire::Firewood) => {
                matches!(reason, None | Some(StumblingReason::Other)) && has(&point.name)
            }
            (PlayTrigger::StumblingPoint { reason, .. }, Bonfire::Ember) => {
                matches!(reason, Some(StumblingReason::BenefitUnclear | StumblingReason::NoNeedBias))
            }
            (PlayTrigger::StumblingPoint { reason, .. }, Bonfire::Wind) => {
                matches!(reason, Some(StumblingReason::GuidanceLacking | StumblingReason::NotNow))
            }
            (PlayTrigger::StageEntered | PlayTrigger::DaysAfterEntry { .. }, Bonfire::Wind) => true,
            (PlayTrigger::EmotionDip { .. } | PlayTrigger::ExitCriteriaLate { .. }, Bonfire::Fire) => true,
            _ => false,
        };
        if !fits {
            continue;
        }
        for step in &play.steps {
            // The stage-entered play holds the touchpoints (wind) and the CS actions; only the first.
            if matches!(play.trigger, PlayTrigger::StageEntered | PlayTrigger::DaysAfterEntry { .. })
                && step.sources.first().and_then(|s| ws.kind_of(s)) != Some(ElementKind::Touchpoint)
            {
                continue;
            }
            let source = step.sources.first().cloned();
            let views = source.as_ref().map(|s| ws.views_showing(s)).unwrap_or_default();
            if !out.iter().any(|a: &NextAction| a.text == step.text) {
                out.push(NextAction { text: step.text.clone(), source, views });
            }
        }
    }
    out
}

/// An account of the health data, as a conversation can name it: its attributes and the segment
/// the data places it in (by the segment's name), from the newest account snapshot.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct KnownAccount {
    pub id: String,
    pub name: String,
    pub segment: Option<ElementId>,
    pub size: Option<crate::element::CompanySize>,
    pub industry: String,
    pub motivation: Option<crate::element::Level>,
    pub literacy: Option<crate::element::Level>,
}

pub fn known_accounts(ws: &Workspace) -> Vec<KnownAccount> {
    let newest = snapshots(ws).into_iter().max_by(|a, b| a.1.as_of.total_cmp(&b.1.as_of));
    let Some((_, snapshot)) = newest else { return Vec::new() };
    let by_name: HashMap<String, ElementId> =
        ws.elements_of_kind(ElementKind::Segment).map(|e| (e.data.label().trim().to_string(), e.id.clone())).collect();
    let mut out: Vec<KnownAccount> = snapshot
        .accounts
        .iter()
        .map(|a| KnownAccount {
            id: a.id.clone(),
            name: a.name.clone(),
            segment: by_name.get(a.segment.trim()).cloned(),
            size: a.size,
            industry: a.industry.clone(),
            motivation: a.motivation,
            literacy: a.literacy,
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}
