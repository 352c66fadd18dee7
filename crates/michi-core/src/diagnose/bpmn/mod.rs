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
//!
//! This file is the rules' metadata (names, severities in both profiles, documentation); the
//! checks and what they read of the graph are in `checks.rs`.

mod checks;

use super::index::Index;
use super::rule::{Category, Reach, Report, Rule};
use crate::element::Severity;

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
    Rule {
        id,
        category: Category::Process,
        documentation,
        recommended,
        title,
        why,
        fix,
        ported: true,
        reach: Reach::Part,
        check,
    }
}

/// A ported rule whose findings depend on where shapes are drawn ([`Reach::Drawing`]).
const fn drawn(rule: Rule) -> Rule {
    Rule { reach: Reach::Drawing, ..rule }
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
        checks::label_required,
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
        checks::no_disconnected,
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
        checks::no_implicit_start,
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
        checks::no_implicit_end,
    ),
    port(
        "start-event-required",
        Info,
        Error,
        ["プロセスに開始イベントがある", "A process has a start event"],
        ["どこから始まるのかが図から読めません。", "The diagram does not say where the process starts."],
        ["開始イベントを置いて、最初の要素につなぎます。", "Add a start event and connect it to the first element."],
        checks::start_event_required,
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
        checks::end_event_required,
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
        checks::no_implicit_split,
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
        checks::fake_join,
    ),
    port(
        "no-gateway-join-fork",
        Info,
        Error,
        ["合流と分岐を一つのゲートウェイで兼ねない", "A gateway does not join and fork at once"],
        ["合流と分岐を一つにすると、どちらの意味か読み違えます。", "A gateway that joins and forks is easily misread."],
        ["合流用と分岐用の二つのゲートウェイに分けます。", "Split it into a joining and a forking gateway."],
        checks::no_gateway_join_fork,
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
        checks::superfluous_gateway,
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
        checks::no_duplicate_sequence_flows,
    ),
    drawn(port(
        "no-overlapping-elements",
        Warning,
        Warning,
        ["要素が重なっていない", "Elements do not overlap"],
        [
            "重なった図形は読めず、ワークショップでの議論を妨げます。",
            "Overlapping shapes cannot be read, and get in the way of a workshop.",
        ],
        ["図形を動かすか、自動レイアウトを使います。", "Move the shapes apart, or use auto-layout."],
        checks::no_overlapping_elements,
    )),
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
        checks::link_event,
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
        checks::conditional_flows,
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
        checks::conditional_event,
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
        checks::event_based_gateway,
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
        checks::single_blank_start_event,
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
        checks::single_event_definition,
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
        checks::sub_process_blank_start_event,
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
        checks::event_sub_process_typed_start_event,
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
        checks::ad_hoc_sub_process,
    ),
    port(
        "no-complex-gateway",
        Off,
        Error,
        ["複合ゲートウェイを使わない", "No complex gateway"],
        ["複合ゲートウェイの意味は図から読めません。", "A complex gateway's meaning cannot be read from the drawing."],
        ["排他・並行のゲートウェイの組み合わせで描きます。", "Draw it with exclusive and parallel gateways."],
        checks::no_complex_gateway,
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
        checks::no_inclusive_gateway,
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
        checks::superfluous_termination,
    ),
    drawn(port(
        "no-bpmndi",
        Off,
        Error,
        ["図に描かれていない要素がない", "Every element is drawn"],
        [
            "描かれていない要素は、図を見る人には存在しません。",
            "An element not drawn does not exist for the people reading the diagram.",
        ],
        ["図に配置します（自動レイアウトでも配置されます）。", "Place it in the diagram (auto-layout places it too)."],
        checks::no_bpmndi,
    )),
];
