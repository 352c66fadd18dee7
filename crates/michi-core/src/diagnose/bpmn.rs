//! bpmnlint's rules, ported for the elements Michi models, under bpmnlint's names and with its
//! meaning, so that findings compare one to one (the parity test runs bpmnlint's own fixtures).
//! What Michi keeps but does not model (a condition expression, a default flow, `triggeredByEvent`)
//! is read from the element's kept BPMN content.
//!
//! Semantics follow bpmnlint's fixtures (`tests/data/bpmn/bpmnlint`, v11.13.0). Where the rule
//! shipped in the npm package differs from its fixtures (`superfluous-termination`: the fixtures
//! flag a terminate end event on exclusive paths too), Michi follows the fixtures; the
//! interchange test against npm bpmnlint names that difference.
//!
//! Not ported: `global` (messages, signals, errors and escalations are kept as opaque BPMN root
//! elements, not modeled) and `standard-size` (not in bpmnlint's recommended configuration; it
//! checks one tool's default shape sizes, which Michi does not use).

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashSet;

use super::{Category, Index, Report, Rule, Severity, Text};
use crate::element::{ActivityKind, ElementData, ElementKind, EventPosition, Foreign, GatewayKind, Trigger};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::view::Placement;

#[allow(clippy::too_many_arguments)]
const fn port(
    id: &'static str,
    documentation: Severity,
    recommended: Severity,
    title: [&'static str; 2],
    why: [&'static str; 2],
    fix: [&'static str; 2],
    check: fn(&Index, &mut Report),
) -> Rule {
    Rule { id, category: Category::Process, documentation, recommended, title, why, fix, check }
}

use Severity::{Error, Info, Off, Warning};

pub static RULES: &[Rule] = &[
    port(
        "label-required",
        Warning,
        Error,
        ["要素に名前がある", "Elements have a label"],
        [
            "名前のないアクティビティやイベント、条件の書かれていない分岐は、図を読む人に何も伝えません。",
            "An unnamed activity or event, or a condition without words, tells the reader nothing.",
        ],
        ["要素を選び、Enter か F2 で名前を入れます。", "Select the element and type its name (Enter or F2)."],
        label_required,
    ),
    port(
        "no-disconnected",
        Warning,
        Error,
        ["つながっていない要素がない", "No disconnected elements"],
        [
            "流れにつながっていない要素は、いつ行われるのか分かりません。",
            "An element outside the flow happens at no defined time.",
        ],
        [
            "前後の要素と流れでつなぐか、不要なら削除します。",
            "Connect it to what comes before and after, or delete it.",
        ],
        no_disconnected,
    ),
    port(
        "no-implicit-start",
        Info,
        Error,
        ["暗黙の開始がない", "No implicit start"],
        [
            "入ってくる流れのない要素は、開始イベントなしにプロセスを始めてしまいます。",
            "An element with no incoming flow starts the process without a start event.",
        ],
        ["開始イベントから流れをつなぎます。", "Connect a flow to it from a start event."],
        no_implicit_start,
    ),
    port(
        "no-implicit-end",
        Info,
        Error,
        ["暗黙の終了がない", "No implicit end"],
        [
            "出ていく流れのない要素は、終了イベントなしにプロセスを終えてしまい、どこで終わったのかが読めません。",
            "An element with no outgoing flow ends the process without an end event: the reader cannot tell where it ends.",
        ],
        ["終了イベントへ流れをつなぎます。", "Connect it to an end event."],
        no_implicit_end,
    ),
    port(
        "start-event-required",
        Info,
        Error,
        ["プロセスに開始イベントがある", "A process has a start event"],
        ["どこから始まるのかが図から読めません。", "The diagram does not say where the process starts."],
        ["開始イベントを置いて、最初の要素につなぎます。", "Add a start event and connect it to the first element."],
        start_event_required,
    ),
    port(
        "end-event-required",
        Info,
        Error,
        ["プロセスに終了イベントがある", "A process has an end event"],
        [
            "どこで終わるのか（何をもって完了か）が図から読めません。",
            "The diagram does not say where (and with what outcome) the process ends.",
        ],
        ["終了イベントを置いて、最後の要素からつなぎます。", "Add an end event and connect the last element to it."],
        end_event_required,
    ),
    port(
        "no-implicit-split",
        Info,
        Error,
        ["暗黙の分岐がない", "No implicit split"],
        [
            "アクティビティから条件なしで複数の流れが出ると、並行して進むのか選ぶのかが曖昧です。",
            "Several unconditional flows out of an activity leave it unclear whether they run in parallel or one is chosen.",
        ],
        ["分岐（排他）か並行分岐のゲートウェイを置きます。", "Put an exclusive or a parallel gateway after it."],
        no_implicit_split,
    ),
    port(
        "fake-join",
        Info,
        Warning,
        ["見せかけの合流がない", "No fake join"],
        [
            "アクティビティに複数の流れが入ると、すべてを待つのではなく、流れごとに実行されます。",
            "Several flows into an activity do not wait for each other: the activity runs once per flow.",
        ],
        ["手前に合流のゲートウェイを置きます。", "Put a joining gateway in front of it."],
        fake_join,
    ),
    port(
        "no-gateway-join-fork",
        Info,
        Error,
        ["合流と分岐を一つのゲートウェイで兼ねない", "A gateway does not join and fork at once"],
        ["合流と分岐を一つにすると、どちらの意味か読み違えます。", "A gateway that joins and forks is easily misread."],
        ["合流用と分岐用の二つのゲートウェイに分けます。", "Split it into a joining and a forking gateway."],
        no_gateway_join_fork,
    ),
    port(
        "superfluous-gateway",
        Info,
        Warning,
        ["余分なゲートウェイがない", "No superfluous gateway"],
        [
            "入口も出口も一つのゲートウェイは何もしていません。",
            "A gateway with one way in and one way out does nothing.",
        ],
        ["ゲートウェイを削除して前後を直接つなぎます。", "Delete it and connect its neighbours directly."],
        superfluous_gateway,
    ),
    port(
        "no-duplicate-sequence-flows",
        Warning,
        Error,
        ["重複した流れがない", "No duplicate sequence flows"],
        [
            "同じ二つの要素を同じ条件で結ぶ流れが二本あると、仕事が二重に発生します。",
            "Two flows between the same elements with the same condition start the work twice.",
        ],
        ["重複している流れを一本削除します。", "Delete one of the duplicate flows."],
        no_duplicate_sequence_flows,
    ),
    port(
        "no-overlapping-elements",
        Warning,
        Warning,
        ["要素が重なっていない", "Elements do not overlap"],
        [
            "重なった図形は読めず、ワークショップでの議論を妨げます。",
            "Overlapping shapes cannot be read, and get in the way of a workshop.",
        ],
        ["図形を動かすか、自動レイアウトを使います。", "Move the shapes apart, or use auto-layout."],
        no_overlapping_elements,
    ),
    port(
        "link-event",
        Warning,
        Error,
        ["リンクイベントが対になっている", "Link events come in pairs"],
        [
            "対になっていないリンクイベントは、流れがどこへ続くのか分かりません。",
            "A link event without its partner leaves the reader without the rest of the flow.",
        ],
        [
            "同じ名前の送信・受信のリンクイベントを、同じプロセスに一つずつ置きます。",
            "Give each throw link a catch link of the same name in the same process.",
        ],
        link_event,
    ),
    port(
        "conditional-flows",
        Off,
        Error,
        ["条件付き分岐の流れに条件がある", "Flows out of a conditional fork have conditions"],
        [
            "実行するプロセスでは、条件のない出口は選ばれません。",
            "In an executable process a way out without a condition is never taken.",
        ],
        ["条件式を書くか、既定の流れにします。", "Give it a condition expression, or make it the default flow."],
        conditional_flows,
    ),
    port(
        "conditional-event",
        Off,
        Off,
        ["条件イベントに条件がある", "A conditional event has a condition"],
        [
            "実行するプロセスでは、条件のない条件イベントは発生しません。",
            "In an executable process a conditional event without a condition never fires.",
        ],
        ["条件式を書きます。", "Write its condition."],
        conditional_event,
    ),
    port(
        "event-based-gateway",
        Off,
        Error,
        ["イベントベースのゲートウェイが正しく使われている", "Event-based gateways are used correctly"],
        [
            "出口が二つ未満、または条件付きの出口は、BPMNとして誤りです。",
            "Fewer than two ways out, or a conditional one, is invalid BPMN.",
        ],
        [
            "イベントへの出口を二つ以上にし、条件を外します。",
            "Give it two or more ways out to events, without conditions.",
        ],
        event_based_gateway,
    ),
    port(
        "single-blank-start-event",
        Off,
        Error,
        ["種類なしの開始イベントは一つだけ", "At most one blank start event"],
        [
            "種類なしの開始イベントが複数あると、どこから始まるかが決まりません。",
            "With several blank start events the start is ambiguous.",
        ],
        [
            "一つにまとめるか、種類（メッセージ、タイマー…）を付けます。",
            "Merge them, or give them a trigger (message, timer…).",
        ],
        single_blank_start_event,
    ),
    port(
        "single-event-definition",
        Off,
        Error,
        ["イベントの種類は一つ", "An event has one trigger"],
        [
            "種類が複数あるイベントは、実行エンジンによって解釈が違います。",
            "Engines read an event with several triggers differently.",
        ],
        ["種類を一つにします。", "Keep one trigger."],
        single_event_definition,
    ),
    port(
        "sub-process-blank-start-event",
        Off,
        Error,
        ["サブプロセスの開始イベントは種類なし", "A sub-process starts with a blank start event"],
        [
            "サブプロセスは親の流れで始まるので、開始イベントに種類は付けられません。",
            "A sub-process is started by its parent's flow; its start event cannot have a trigger.",
        ],
        ["開始イベントの種類を外します。", "Remove the start event's trigger."],
        sub_process_blank_start_event,
    ),
    port(
        "event-sub-process-typed-start-event",
        Off,
        Error,
        ["イベントサブプロセスの開始イベントに種類がある", "An event sub-process starts with a typed start event"],
        [
            "イベントサブプロセスは、その開始イベントの種類で起動します。",
            "An event sub-process is started by its start event's trigger.",
        ],
        [
            "開始イベントに種類（メッセージ、タイマー…）を付けます。",
            "Give the start event a trigger (message, timer…).",
        ],
        event_sub_process_typed_start_event,
    ),
    port(
        "ad-hoc-sub-process",
        Off,
        Error,
        ["アドホックサブプロセスが正しく使われている", "Ad-hoc sub-processes are used correctly"],
        [
            "アドホックサブプロセスには開始・終了イベントを置けません。",
            "An ad-hoc sub-process has no start or end events.",
        ],
        ["開始・終了イベントを削除します。", "Delete its start and end events."],
        ad_hoc_sub_process,
    ),
    port(
        "no-complex-gateway",
        Off,
        Error,
        ["複合ゲートウェイを使わない", "No complex gateway"],
        ["複合ゲートウェイの意味は図から読めません。", "A complex gateway's meaning cannot be read from the drawing."],
        ["排他・並行のゲートウェイの組み合わせで描きます。", "Draw it with exclusive and parallel gateways."],
        no_complex_gateway,
    ),
    port(
        "no-inclusive-gateway",
        Off,
        Warning,
        ["包含ゲートウェイを使わない", "No inclusive gateway"],
        [
            "包含ゲートウェイは、合流で何を待つかが分かりにくい記法です。",
            "What an inclusive join waits for is hard to tell.",
        ],
        ["排他・並行のゲートウェイで描きます。", "Draw it with exclusive and parallel gateways."],
        no_inclusive_gateway,
    ),
    port(
        "superfluous-termination",
        Off,
        Warning,
        ["余分な終了（停止）イベントがない", "No superfluous terminate end event"],
        [
            "ほかに終わり方がないのに停止イベントを使うと、意図が伝わりません。",
            "A terminate end event where nothing else could still run says nothing.",
        ],
        ["普通の終了イベントにします。", "Use a plain end event."],
        superfluous_termination,
    ),
    port(
        "no-bpmndi",
        Off,
        Error,
        ["図に描かれていない要素がない", "Every element is drawn"],
        [
            "描かれていない要素は、図を見る人には存在しません。",
            "An element not drawn does not exist for the people reading the diagram.",
        ],
        ["図に配置します（自動レイアウトでも配置されます）。", "Place it in the diagram (auto-layout places it too)."],
        no_bpmndi,
    ),
];

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

fn label_required(ix: &Index, r: &mut Report) {
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

fn no_disconnected(ix: &Index, r: &mut Report) {
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

fn no_implicit_start(ix: &Index, r: &mut Report) {
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

fn no_implicit_end(ix: &Index, r: &mut Report) {
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

fn start_event_required(ix: &Index, r: &mut Report) {
    for c in containers(ix) {
        if is_ad_hoc(ix, c) {
            continue;
        }
        if !has_child(ix, c, |e| position(ix, e) == Some(EventPosition::Start)) {
            one(ix, r, c, "開始イベントがありません", "Process is missing a start event");
        }
    }
}

fn end_event_required(ix: &Index, r: &mut Report) {
    for c in containers(ix) {
        if is_ad_hoc(ix, c) {
            continue;
        }
        if !has_child(ix, c, |e| position(ix, e) == Some(EventPosition::End)) {
            one(ix, r, c, "終了イベントがありません", "Process is missing an end event");
        }
    }
}

fn no_implicit_split(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Activity).chain(ix.of_kind(ElementKind::Event)) {
        let plain = out_flows(ix, id).iter().filter(|f| !has_condition(ix, f) && !is_default(ix, id, f)).count();
        if plain > 1 {
            one(ix, r, id, "条件なしで複数の流れに分かれています", "Flow splits implicitly");
        }
    }
}

fn fake_join(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Activity).chain(ix.of_kind(ElementKind::Event)) {
        if in_flows(ix, id).len() > 1 {
            one(ix, r, id, "合流していません（流れごとに実行されます）", "Incoming flows do not join");
        }
    }
}

fn no_gateway_join_fork(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Gateway) {
        if in_flows(ix, id).len() > 1 && out_flows(ix, id).len() > 1 {
            one(ix, r, id, "合流と分岐を兼ねています", "Gateway forks and joins");
        }
    }
}

fn superfluous_gateway(ix: &Index, r: &mut Report) {
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

fn no_duplicate_sequence_flows(ix: &Index, r: &mut Report) {
    let mut seen: FxHashSet<(Option<&ElementId>, Option<&ElementId>, &str)> = FxHashSet::default();
    let mut reported: BTreeSet<(&str, &ElementId)> = BTreeSet::new();
    for flow in ix.of_kind(ElementKind::SequenceFlow) {
        let (source, target) = ix.ends(flow);
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

fn conditional_flows(ix: &Index, r: &mut Report) {
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

fn conditional_event(ix: &Index, r: &mut Report) {
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

fn event_based_gateway(ix: &Index, r: &mut Report) {
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

fn single_blank_start_event(ix: &Index, r: &mut Report) {
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

fn single_event_definition(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Event) {
        if event(ix, id).is_some_and(|e| e.definitions.len() > 1) {
            one(ix, r, id, "イベントの種類が複数あります", "Event has multiple event definitions");
        }
    }
}

fn sub_process_blank_start_event(ix: &Index, r: &mut Report) {
    for c in ix.of_kind(ElementKind::Activity).filter(|a| is_sub_process(ix, a) && !is_event_sub_process(ix, a)) {
        for e in ix.children(c) {
            if position(ix, e) == Some(EventPosition::Start) && event(ix, e).is_some_and(|e| !e.definitions.is_empty())
            {
                one(ix, r, e, "サブプロセスの開始イベントに種類が付いています", "Start event must be blank");
            }
        }
    }
}

fn event_sub_process_typed_start_event(ix: &Index, r: &mut Report) {
    for c in ix.of_kind(ElementKind::Activity).filter(|a| is_event_sub_process(ix, a)) {
        for e in ix.children(c) {
            if position(ix, e) == Some(EventPosition::Start) && event(ix, e).is_some_and(|e| e.definitions.is_empty()) {
                one(ix, r, e, "開始イベントに種類がありません", "Start event is missing event definition");
            }
        }
    }
}

fn ad_hoc_sub_process(ix: &Index, r: &mut Report) {
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

fn no_complex_gateway(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Gateway) {
        if gateway_kind(ix, id) == Some(GatewayKind::Complex) {
            one(ix, r, id, "複合ゲートウェイは使えません", "Element type <bpmn:ComplexGateway> is discouraged");
        }
    }
}

fn no_inclusive_gateway(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Gateway) {
        if gateway_kind(ix, id) == Some(GatewayKind::Inclusive) {
            one(ix, r, id, "包含ゲートウェイは使えません", "Element type <bpmn:InclusiveGateway> is discouraged");
        }
    }
}

/// A terminate end event is superfluous where nothing else can be running when it is reached: no
/// parallel or inclusive split, no activity or event leaving by several flows, no non-interrupting
/// boundary event or event sub-process in its process.
fn superfluous_termination(ix: &Index, r: &mut Report) {
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

fn link_event(ix: &Index, r: &mut Report) {
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

fn no_overlapping_elements(ix: &Index, r: &mut Report) {
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

fn no_bpmndi(ix: &Index, r: &mut Report) {
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
