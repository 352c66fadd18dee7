//! The checks of the ported bpmnlint rules, and what they read of the graph (kept BPMN content,
//! flows in and out, containers). Their metadata is in `mod.rs`.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashSet;

use super::super::index::Index;
use super::super::rule::Report;
use crate::element::{ActivityKind, ElementData, ElementKind, EventPosition, Foreign, GatewayKind, Trigger};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::text::Text;
use crate::view::Placement;

// ---- what the graph says about BPMN elements ----

fn foreign<'a>(ix: &Index<'a>, id: &ElementId) -> Option<&'a Foreign> {
    Some(match ix.data(id)? {
        ElementData::Activity(a) => &a.foreign,
        ElementData::Event(e) => &e.foreign,
        ElementData::Gateway(g) => &g.foreign,
        ElementData::SequenceFlow(f) => &f.foreign,
        ElementData::Process(p) => &p.foreign,
        _ => return None,
    })
}

fn attr<'a>(ix: &Index<'a>, id: &ElementId, name: &str) -> Option<&'a str> {
    foreign(ix, id)?.attr(name)
}

/// The local name of a kept XML fragment's root element (`<bpmn:conditionExpression …>` → `conditionExpression`).
fn fragment_name(fragment: &str) -> &str {
    let tag = fragment.trim_start().trim_start_matches('<');
    let end = tag.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(tag.len());
    let qname = &tag[..end];
    qname.rsplit(':').next().unwrap_or(qname)
}

fn condition<'a>(ix: &Index<'a>, flow: &ElementId) -> Option<&'a str> {
    foreign(ix, flow)?.children.iter().find(|c| fragment_name(c) == "conditionExpression").map(String::as_str)
}

fn has_condition(ix: &Index, flow: &ElementId) -> bool {
    condition(ix, flow).is_some()
}

fn is_default(ix: &Index, node: &ElementId, flow: &ElementId) -> bool {
    attr(ix, node, "default") == Some(flow.as_str())
}

fn flag(ix: &Index, id: &ElementId, name: &str) -> bool {
    attr(ix, id, name) == Some("true")
}

fn activity_kind(ix: &Index, id: &ElementId) -> Option<ActivityKind> {
    match ix.data(id)? {
        ElementData::Activity(a) => Some(a.kind),
        _ => None,
    }
}

/// bpmn:SubProcess and its subtypes (transaction, ad-hoc).
fn is_sub_process(ix: &Index, id: &ElementId) -> bool {
    activity_kind(ix, id).is_some_and(ActivityKind::is_container)
}

fn is_event_sub_process(ix: &Index, id: &ElementId) -> bool {
    is_sub_process(ix, id) && flag(ix, id, "triggeredByEvent")
}

fn is_ad_hoc(ix: &Index, id: &ElementId) -> bool {
    activity_kind(ix, id) == Some(ActivityKind::AdHocSubProcess)
}

fn event<'a>(ix: &Index<'a>, id: &ElementId) -> Option<&'a crate::element::Event> {
    match ix.data(id)? {
        ElementData::Event(e) => Some(e),
        _ => None,
    }
}

fn position(ix: &Index, id: &ElementId) -> Option<EventPosition> {
    event(ix, id).map(|e| e.position)
}

fn only_trigger(ix: &Index, id: &ElementId, trigger: Trigger) -> bool {
    event(ix, id).is_some_and(|e| !e.definitions.is_empty() && e.definitions.iter().all(|d| d.trigger == trigger))
}

fn gateway_kind(ix: &Index, id: &ElementId) -> Option<GatewayKind> {
    match ix.data(id)? {
        ElementData::Gateway(g) => Some(g.kind),
        _ => None,
    }
}

fn flow_nodes<'a: 'b, 'b>(ix: &'b Index<'a>) -> impl Iterator<Item = &'a ElementId> + 'b {
    [ElementKind::Activity, ElementKind::Event, ElementKind::Gateway].into_iter().flat_map(|k| ix.of_kind(k))
}

fn out_flows<'a, 'b>(ix: &'b Index<'a>, id: &ElementId) -> &'b [&'a ElementId] {
    ix.seq_out(id)
}

fn in_flows<'a, 'b>(ix: &'b Index<'a>, id: &ElementId) -> &'b [&'a ElementId] {
    ix.seq_in(id)
}

/// Processes and sub-processes: what holds flow elements.
fn containers<'a: 'b, 'b>(ix: &'b Index<'a>) -> impl Iterator<Item = &'a ElementId> + 'b {
    ix.of_kind(ElementKind::Process).chain(ix.of_kind(ElementKind::Activity).filter(|a| is_sub_process(ix, a)))
}

fn is_executable(ix: &Index, id: &ElementId) -> bool {
    let mut at = id;
    for _ in 0..64 {
        if ix.kind(at) == Some(ElementKind::Process) {
            return flag(ix, at, "isExecutable");
        }
        match ix.parent(at) {
            Some(p) => at = p,
            None => return false,
        }
    }
    false
}

/// One finding on one element; the message starts with the element's name when it has one.
fn one(ix: &Index, r: &mut Report, id: &ElementId, ja: impl Into<String>, en: impl Into<String>) {
    let (ja, en) = (ja.into(), en.into());
    let label = ix.label(id).trim();
    let text = if label.is_empty() {
        Text::new(ja, en)
    } else {
        Text::new(format!("「{label}」: {ja}"), format!("\"{label}\": {en}"))
    };
    r.add(vec![id.clone()], text);
}

// ---- the rules ----

pub(super) fn label_required(ix: &Index, r: &mut Report) {
    let blank = |id: &ElementId| ix.label(id).trim().is_empty();
    for id in flow_nodes(ix) {
        match gateway_kind(ix, id) {
            Some(GatewayKind::Parallel | GatewayKind::EventBased) => continue,
            Some(_) if out_flows(ix, id).len() <= 1 => continue,
            _ => {}
        }
        if is_sub_process(ix, id) {
            continue;
        }
        if blank(id) {
            one(ix, r, id, "名前がありません", "Element is missing label/name");
        }
    }
    for id in ix.of_kind(ElementKind::SequenceFlow) {
        if has_condition(ix, id) && blank(id) {
            one(ix, r, id, "条件付きの流れに名前がありません", "Element is missing label/name");
        }
    }
    for kind in [ElementKind::Pool, ElementKind::Lane] {
        for id in ix.of_kind(kind) {
            if blank(id) {
                one(ix, r, id, "名前がありません", "Element is missing label/name");
            }
        }
    }
}

fn is_compensation_linked(ix: &Index, id: &ElementId) -> bool {
    (position(ix, id) == Some(EventPosition::Boundary)
        && event(ix, id).is_some_and(|e| e.definitions.len() == 1 && e.definitions[0].trigger == Trigger::Compensation))
        || flag(ix, id, "isForCompensation")
}

fn in_ad_hoc(ix: &Index, id: &ElementId) -> bool {
    ix.kind(id) == Some(ElementKind::Activity) && ix.parent(id).is_some_and(|p| is_ad_hoc(ix, p))
}

pub(super) fn no_disconnected(ix: &Index, r: &mut Report) {
    for id in flow_nodes(ix) {
        // bpmn:Task, Gateway, SubProcess, Event (a call activity is none of these).
        if activity_kind(ix, id) == Some(ActivityKind::CallActivity) || is_event_sub_process(ix, id) {
            continue;
        }
        if is_compensation_linked(ix, id) || in_ad_hoc(ix, id) {
            continue;
        }
        if in_flows(ix, id).is_empty() && out_flows(ix, id).is_empty() {
            one(ix, r, id, "流れにつながっていません", "Element is not connected");
        }
    }
}

pub(super) fn no_implicit_start(ix: &Index, r: &mut Report) {
    for id in flow_nodes(ix) {
        if flag(ix, id, "isForCompensation") || in_ad_hoc(ix, id) || is_event_sub_process(ix, id) {
            continue;
        }
        match position(ix, id) {
            Some(EventPosition::Start | EventPosition::Boundary) => continue,
            Some(EventPosition::IntermediateCatch) if only_trigger(ix, id, Trigger::Link) => continue,
            _ => {}
        }
        if in_flows(ix, id).is_empty() {
            one(ix, r, id, "暗黙の開始になっています（入ってくる流れがありません）", "Element is an implicit start");
        }
    }
}

pub(super) fn no_implicit_end(ix: &Index, r: &mut Report) {
    for id in flow_nodes(ix) {
        if is_event_sub_process(ix, id) || in_ad_hoc(ix, id) {
            continue;
        }
        match position(ix, id) {
            Some(EventPosition::End) => continue,
            Some(EventPosition::IntermediateThrow) if only_trigger(ix, id, Trigger::Link) => continue,
            Some(EventPosition::Boundary)
                if only_trigger(ix, id, Trigger::Compensation)
                    && !ix.outgoing(id, ElementKind::Association).is_empty() =>
            {
                continue;
            }
            _ => {}
        }
        if ix.kind(id) == Some(ElementKind::Activity) && flag(ix, id, "isForCompensation") {
            continue;
        }
        if out_flows(ix, id).is_empty() {
            one(ix, r, id, "暗黙の終了になっています（出ていく流れがありません）", "Element is an implicit end");
        }
    }
}

fn has_child(ix: &Index, container: &ElementId, pred: impl Fn(&ElementId) -> bool) -> bool {
    ix.children(container).into_iter().any(pred)
}

pub(super) fn start_event_required(ix: &Index, r: &mut Report) {
    for c in containers(ix) {
        if is_ad_hoc(ix, c) {
            continue;
        }
        if !has_child(ix, c, |e| position(ix, e) == Some(EventPosition::Start)) {
            one(ix, r, c, "開始イベントがありません", "Process is missing a start event");
        }
    }
}

pub(super) fn end_event_required(ix: &Index, r: &mut Report) {
    for c in containers(ix) {
        if is_ad_hoc(ix, c) {
            continue;
        }
        if !has_child(ix, c, |e| position(ix, e) == Some(EventPosition::End)) {
            one(ix, r, c, "終了イベントがありません", "Process is missing an end event");
        }
    }
}

pub(super) fn no_implicit_split(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Activity).chain(ix.of_kind(ElementKind::Event)) {
        let plain = out_flows(ix, id).iter().filter(|f| !has_condition(ix, f) && !is_default(ix, id, f)).count();
        if plain > 1 {
            one(ix, r, id, "条件なしで複数の流れに分かれています", "Flow splits implicitly");
        }
    }
}

pub(super) fn fake_join(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Activity).chain(ix.of_kind(ElementKind::Event)) {
        if in_flows(ix, id).len() > 1 {
            one(ix, r, id, "合流していません（流れごとに実行されます）", "Incoming flows do not join");
        }
    }
}

pub(super) fn no_gateway_join_fork(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Gateway) {
        if in_flows(ix, id).len() > 1 && out_flows(ix, id).len() > 1 {
            one(ix, r, id, "合流と分岐を兼ねています", "Gateway forks and joins");
        }
    }
}

pub(super) fn superfluous_gateway(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Gateway) {
        if in_flows(ix, id).len() == 1 && out_flows(ix, id).len() == 1 {
            one(
                ix,
                r,
                id,
                "入口と出口が一つずつで、何もしていません",
                "Gateway is superfluous. It only has one source and target.",
            );
        }
    }
}

pub(super) fn no_duplicate_sequence_flows(ix: &Index, r: &mut Report) {
    let mut seen: FxHashSet<(Option<&ElementId>, Option<&ElementId>, &str)> = FxHashSet::default();
    let mut reported: BTreeSet<(&str, &ElementId)> = BTreeSet::new();
    for flow in ix.of_kind(ElementKind::SequenceFlow) {
        let (source, target) = ix.ends(flow);
        // A flow that joins nothing (a model being drawn) duplicates nothing; bpmnlint never sees
        // one (bpmn-moddle needs both ends). Every other pair of duplicates shares an end, so the
        // rule reads one process part (`Reach::Part`).
        if source.is_none() && target.is_none() {
            continue;
        }
        let key = (source, target, condition(ix, flow).unwrap_or(""));
        if seen.insert(key) {
            continue;
        }
        one(ix, r, flow, "重複した流れです", "SequenceFlow is a duplicate");
        if let Some(s) = source
            && reported.insert(("out", s))
        {
            one(ix, r, s, "重複した流れが出ています", "Duplicate outgoing sequence flows");
        }
        if let Some(t) = target
            && reported.insert(("in", t))
        {
            one(ix, r, t, "重複した流れが入っています", "Duplicate incoming sequence flows");
        }
    }
}

pub(super) fn conditional_flows(ix: &Index, r: &mut Report) {
    for id in flow_nodes(ix) {
        let out = out_flows(ix, id);
        // A conditional fork: a default flow, or a condition on any way out.
        let forking = attr(ix, id, "default").is_some() || out.iter().any(|f| has_condition(ix, f));
        if !forking {
            continue;
        }
        for f in out {
            if !has_condition(ix, f) && !is_default(ix, id, f) {
                one(ix, r, f, "条件がありません", "Sequence flow is missing condition");
            }
        }
    }
}

pub(super) fn conditional_event(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Event) {
        let Some(e) = event(ix, id) else { continue };
        let Some(def) = e.definitions.iter().find(|d| d.trigger == Trigger::Conditional) else { continue };
        if !is_executable(ix, id) {
            continue;
        }
        let has_body = def.raw.as_deref().is_some_and(condition_has_body);
        if !has_body {
            one(ix, r, id, "条件イベントに条件がありません", "Conditional event is missing a condition");
        }
    }
}

/// Whether a kept `conditionalEventDefinition` has a `condition` child with text.
fn condition_has_body(raw: &str) -> bool {
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if fragment_name(rest) == "condition" && !rest.starts_with('/') {
            let Some(open_end) = rest.find('>') else { return false };
            if rest[..open_end].ends_with('/') {
                return false;
            }
            let body = &rest[open_end + 1..];
            let text = &body[..body.find('<').unwrap_or(body.len())];
            return !text.trim().is_empty();
        }
    }
    false
}

pub(super) fn event_based_gateway(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Gateway) {
        if gateway_kind(ix, id) != Some(GatewayKind::EventBased) {
            continue;
        }
        let out = out_flows(ix, id);
        if out.len() < 2 {
            one(
                ix,
                r,
                id,
                "出口が二つ以上必要です",
                "An <Event-based Gateway> must have at least 2 outgoing <Sequence Flow>",
            );
        }
        for f in out {
            if has_condition(ix, f) {
                one(
                    ix,
                    r,
                    f,
                    "イベントベースのゲートウェイの出口に条件は付けられません",
                    "A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional",
                );
            }
        }
    }
}

pub(super) fn single_blank_start_event(ix: &Index, r: &mut Report) {
    for c in containers(ix) {
        let blank = ix
            .children(c)
            .into_iter()
            .filter(|e| {
                position(ix, e) == Some(EventPosition::Start) && event(ix, e).is_some_and(|e| e.definitions.is_empty())
            })
            .count();
        if blank > 1 {
            one(ix, r, c, "種類なしの開始イベントが複数あります", "Process has multiple blank start events");
        }
    }
}

pub(super) fn single_event_definition(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Event) {
        if event(ix, id).is_some_and(|e| e.definitions.len() > 1) {
            one(ix, r, id, "イベントの種類が複数あります", "Event has multiple event definitions");
        }
    }
}

pub(super) fn sub_process_blank_start_event(ix: &Index, r: &mut Report) {
    for c in ix.of_kind(ElementKind::Activity).filter(|a| is_sub_process(ix, a) && !is_event_sub_process(ix, a)) {
        for e in ix.children(c) {
            if position(ix, e) == Some(EventPosition::Start) && event(ix, e).is_some_and(|e| !e.definitions.is_empty())
            {
                one(ix, r, e, "サブプロセスの開始イベントに種類が付いています", "Start event must be blank");
            }
        }
    }
}

pub(super) fn event_sub_process_typed_start_event(ix: &Index, r: &mut Report) {
    for c in ix.of_kind(ElementKind::Activity).filter(|a| is_event_sub_process(ix, a)) {
        for e in ix.children(c) {
            if position(ix, e) == Some(EventPosition::Start) && event(ix, e).is_some_and(|e| e.definitions.is_empty()) {
                one(ix, r, e, "開始イベントに種類がありません", "Start event is missing event definition");
            }
        }
    }
}

pub(super) fn ad_hoc_sub_process(ix: &Index, r: &mut Report) {
    for c in ix.of_kind(ElementKind::Activity).filter(|a| is_ad_hoc(ix, a)) {
        for e in ix.children(c) {
            match position(ix, e) {
                Some(EventPosition::Start) => one(
                    ix,
                    r,
                    e,
                    "アドホックサブプロセスに開始イベントは置けません",
                    "A <Start Event> is not allowed in <Ad Hoc Sub Process>",
                ),
                Some(EventPosition::End) => one(
                    ix,
                    r,
                    e,
                    "アドホックサブプロセスに終了イベントは置けません",
                    "An <End Event> is not allowed in <Ad Hoc Sub Process>",
                ),
                Some(EventPosition::IntermediateCatch) if out_flows(ix, e).is_empty() => one(
                    ix,
                    r,
                    e,
                    "アドホックサブプロセスの中間イベントには出ていく流れが必要です",
                    "An intermediate catch event inside <Ad Hoc Sub Process> must have an outgoing sequence flow",
                ),
                _ => {}
            }
        }
    }
}

pub(super) fn no_complex_gateway(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Gateway) {
        if gateway_kind(ix, id) == Some(GatewayKind::Complex) {
            one(ix, r, id, "複合ゲートウェイは使えません", "Element type <bpmn:ComplexGateway> is discouraged");
        }
    }
}

pub(super) fn no_inclusive_gateway(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Gateway) {
        if gateway_kind(ix, id) == Some(GatewayKind::Inclusive) {
            one(ix, r, id, "包含ゲートウェイは使えません", "Element type <bpmn:InclusiveGateway> is discouraged");
        }
    }
}

/// A terminate end event is superfluous where nothing else can be running when it is reached: no
/// parallel or inclusive split, no activity or event leaving by several flows, no non-interrupting
/// boundary event or event sub-process in its process.
pub(super) fn superfluous_termination(ix: &Index, r: &mut Report) {
    let is_terminate_end = |e: &ElementId| {
        position(ix, e) == Some(EventPosition::End)
            && event(ix, e).is_some_and(|ev| ev.definitions.iter().any(|d| d.trigger == Trigger::Terminate))
    };
    for c in containers(ix) {
        let children = ix.children(c);
        let terminates: Vec<&ElementId> = children.iter().copied().filter(|e| is_terminate_end(e)).collect();
        if terminates.is_empty() {
            continue;
        }
        let concurrent = children.iter().any(|e| {
            let outs = out_flows(ix, e).len();
            match ix.kind(e) {
                Some(ElementKind::Gateway) => {
                    outs > 1
                        && matches!(
                            gateway_kind(ix, e),
                            Some(GatewayKind::Parallel | GatewayKind::Inclusive | GatewayKind::Complex)
                        )
                }
                Some(ElementKind::Activity) => {
                    outs > 1
                        || (is_event_sub_process(ix, e)
                            && ix.children(e).into_iter().any(|s| {
                                position(ix, s) == Some(EventPosition::Start)
                                    && event(ix, s).is_some_and(|ev| !ev.interrupting)
                            }))
                }
                Some(ElementKind::Event) => {
                    outs > 1
                        || (position(ix, e) == Some(EventPosition::Boundary)
                            && event(ix, e).is_some_and(|ev| !ev.interrupting))
                }
                _ => false,
            }
        });
        if !concurrent {
            for t in terminates {
                one(
                    ix,
                    r,
                    t,
                    "停止イベントは不要です（ほかに進行中の流れがありません）",
                    "Termination is superfluous.",
                );
            }
        }
    }
}

pub(super) fn link_event(ix: &Index, r: &mut Report) {
    for c in containers(ix) {
        let links: Vec<(&ElementId, Option<String>, bool)> = ix
            .children(c)
            .into_iter()
            .filter_map(|e| {
                let ev = event(ix, e)?;
                let def = ev.definitions.iter().find(|d| d.trigger == Trigger::Link)?;
                let name = def.raw.as_deref().and_then(|raw| raw_attr(raw, "name")).filter(|n| !n.is_empty());
                let catching = matches!(
                    ev.position,
                    EventPosition::Start | EventPosition::IntermediateCatch | EventPosition::Boundary
                );
                Some((e, name, catching))
            })
            .collect();
        let mut by_name: BTreeMap<&str, Vec<(&ElementId, bool)>> = BTreeMap::new();
        for (e, name, catching) in &links {
            match name {
                None => one(ix, r, e, "リンクイベントにリンク名がありません", "Link event is missing link name"),
                Some(n) => by_name.entry(n.as_str()).or_default().push((e, *catching)),
            }
        }
        for (name, events) in by_name {
            if let [(e, catching)] = events[..] {
                let (ja, en) = if catching { ("送信", "throw") } else { ("受信", "catch") };
                one(
                    ix,
                    r,
                    e,
                    format!("リンク名 <{name}> の{ja}側のリンクイベントが同じプロセスにありません"),
                    format!("Link {en} event with link name <{name}> missing in scope"),
                );
                continue;
            }
            let catches: Vec<&ElementId> = events.iter().filter(|(_, c)| *c).map(|(e, _)| *e).collect();
            if catches.len() > 1 {
                for e in catches {
                    one(
                        ix,
                        r,
                        e,
                        format!("リンク名 <{name}> の受信側が重複しています"),
                        format!("Duplicate link catch event with link name <{name}> in scope"),
                    );
                }
            } else if catches.is_empty() {
                for (e, _) in events {
                    one(
                        ix,
                        r,
                        e,
                        format!("リンク名 <{name}> の受信側のリンクイベントがありません"),
                        format!("Link catch event with link name <{name}> missing in scope"),
                    );
                }
            }
        }
    }
}

/// An attribute of a kept fragment's root element (`<bpmn:linkEventDefinition name="A" />` → `A`).
fn raw_attr(raw: &str, name: &str) -> Option<String> {
    let open = &raw[..raw.find('>').unwrap_or(raw.len())];
    let mut rest = open;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().last();
        let after = &rest[i + name.len()..];
        if before.is_some_and(char::is_whitespace)
            && let Some(value) = after.trim_start().strip_prefix('=')
        {
            let value = value.trim_start();
            let quote = value.chars().next()?;
            let value = &value[1..];
            return Some(
                value[..value.find(quote)?].replace("&amp;", "&").replace("&lt;", "<").replace("&quot;", "\""),
            );
        }
        rest = after;
    }
    None
}

fn collide(a: &Placement, b: &Placement) -> bool {
    a.x + a.width >= b.x && b.x + b.width >= a.x && a.y + a.height >= b.y && b.y + b.height >= a.y
}

fn outside(child: &Placement, parent: &Placement) -> bool {
    !(child.x >= parent.x
        && child.y >= parent.y
        && child.x + child.width <= parent.x + parent.width
        && child.y + child.height <= parent.y + parent.height)
}

/// Marks the elements of `ids` whose boxes meet, except a boundary event and its host.
fn overlaps<'a>(ix: &Index<'a>, ids: Vec<&'a ElementId>, overlapping: &mut BTreeSet<&'a ElementId>) {
    // Sweep by x: only neighbours whose x ranges meet are compared.
    let mut boxes: Vec<(&ElementId, &Placement)> =
        ids.into_iter().filter_map(|id| Some((id, ix.placement(id)?))).collect();
    boxes.sort_by(|a, b| a.1.x.total_cmp(&b.1.x));
    for i in 0..boxes.len() {
        let (a, pa) = boxes[i];
        for &(b, pb) in &boxes[i + 1..] {
            if pb.x > pa.x + pa.width {
                break;
            }
            let attached =
                ix.target(a, RelationKind::AttachedTo) == Some(b) || ix.target(b, RelationKind::AttachedTo) == Some(a);
            if !attached && collide(pa, pb) {
                overlapping.insert(a);
                overlapping.insert(b);
            }
        }
    }
}

pub(super) fn no_overlapping_elements(ix: &Index, r: &mut Report) {
    let mut overlapping: BTreeSet<&ElementId> = BTreeSet::new();
    let mut outside_parent: BTreeSet<&ElementId> = BTreeSet::new();
    let is_shape = |id: &ElementId| {
        ix.kind(id).is_some_and(|k| k.is_flow_node() || matches!(k, ElementKind::DataObject | ElementKind::System))
    };
    for collab in ix.of_kind(ElementKind::Collaboration) {
        overlaps(ix, ix.sources(collab, RelationKind::PoolIn).collect(), &mut overlapping);
    }
    for c in containers(ix) {
        let children: Vec<&ElementId> = ix.children(c).into_iter().filter(|id| is_shape(id)).collect();
        // The frame children must stay in: the pool of a process, an expanded sub-process.
        let frame = if ix.kind(c) == Some(ElementKind::Process) {
            ix.target(c, RelationKind::ProcessOf).and_then(|pool| ix.placement(pool))
        } else {
            ix.placement(c).filter(|p| p.extra().and_then(|x| x.expanded) == Some(true))
        };
        if let Some(frame) = frame {
            for id in &children {
                if ix.kind(id) == Some(ElementKind::DataObject) {
                    continue;
                }
                if let Some(p) = ix.placement(id)
                    && outside(p, frame)
                {
                    outside_parent.insert(id);
                }
            }
        }
        overlaps(ix, children, &mut overlapping);
    }
    for id in overlapping {
        one(ix, r, id, "ほかの要素と重なっています", "Element overlaps with other element");
    }
    for id in outside_parent {
        one(ix, r, id, "親の枠の外にはみ出しています", "Element is outside of parent boundary");
    }
}

pub(super) fn no_bpmndi(ix: &Index, r: &mut Report) {
    let drawn = |id: &ElementId| ix.placement(id).is_some();
    for kind in [
        ElementKind::Activity,
        ElementKind::Event,
        ElementKind::Gateway,
        ElementKind::SequenceFlow,
        ElementKind::MessageFlow,
        ElementKind::Pool,
        ElementKind::Lane,
        ElementKind::Group,
    ] {
        for id in ix.of_kind(kind) {
            if !drawn(id) {
                one(ix, r, id, "図に描かれていません", "Element is missing bpmndi");
            }
        }
    }
}
