//! The derivations' documents as files: the sample's Markdown pinned as reviewed snapshots, the
//! HTML escaped and traced, and the lines a reader looks for written as the screen shows them.

use michi_core::derive::{metrics, org, playbook};
use michi_core::element::{Card, ElementData, ElementKind};
use michi_core::{Edit, IdGen, Workspace, perform};

/// A derivation as the CLI's JSON.
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).expect("derivations serialise")
}

/// The sample's derivations, pinned as reviewed files in `tests/snapshots/`: each document in
/// Japanese and English Markdown, and the derivation itself as JSON (what `michi derive --format
/// json` writes); the playbook of one segment variant too. A change shows as a diff to review;
/// `UPDATE_SNAPSHOTS=1 cargo test -p michi-render --test documents` rewrites them.
#[test]
fn the_samples_documents_match_their_reviewed_snapshots() {
    let ws = michi_core::sample::sample();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut journeys: Vec<_> = ws.elements_of_kind(ElementKind::Journey).collect();
    journeys.sort_by(|a, b| a.data.label().cmp(b.data.label()));
    let mut pinned: Vec<(String, String)> = Vec::new();
    let mut pin = |name: &str, doc: &michi_core::derive::document::Document, json: String| {
        pinned.push((format!("{name}.ja.md"), michi_render::markdown(doc, true)));
        pinned.push((format!("{name}.en.md"), michi_render::markdown(doc, false)));
        pinned.push((format!("{name}.json"), json + "\n"));
    };
    let rec = org::recommend(&ws);
    pin("org", &org::document(&ws, &rec), json(&rec));
    for (i, j) in journeys.iter().enumerate() {
        let pb = playbook::playbook(&ws, &j.id).unwrap();
        pin(&format!("playbook-{i}"), &playbook::document(&ws, &pb), json(&pb));
        let c = metrics::metrics(&ws, &j.id).unwrap();
        pin(&format!("metrics-{i}"), &metrics::document(&ws, &c), json(&c));
    }
    // One segment variant: the enterprise manufacturers' playbook (a card is drawn for them only).
    let (j, segment) = journeys
        .iter()
        .find_map(|j| {
            playbook::variants(&ws, &j.id)
                .into_iter()
                .find(|s| ws.data(s).is_some_and(|d| d.label() == "大手製造業"))
                .map(|s| (j.id.clone(), s))
        })
        .expect("the sample has a segment variant");
    let variant = playbook::playbook_for(&ws, &j, Some(&segment)).unwrap();
    pin("playbook-variant", &playbook::document(&ws, &variant), json(&variant));
    let mut stale = Vec::new();
    for (name, text) in pinned {
        let path = dir.join(&name);
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != text {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "documents changed: {stale:?}; review, then UPDATE_SNAPSHOTS=1 cargo test -p michi-render --test documents"
    );
}

#[test]
fn markdown_lines_end_with_the_ids_they_come_from_and_read_as_on_screen() {
    let ws = michi_core::sample::sample();
    let j = ws.elements_of_kind(ElementKind::Journey).find(|j| j.data.label().contains("導入〜更新")).unwrap();
    let pb = playbook::playbook(&ws, &j.id).unwrap();
    let doc = playbook::document(&ws, &pb);
    let md = michi_render::markdown(&doc, true);
    assert!(md.starts_with("# プレイブック — 中堅製造業 導入〜更新ジャーニー"), "{md}");
    assert!(md.contains(&format!("## 1. オンボーディング <!-- {} -->", pb.stages[0].stage.id)));
    let en = michi_render::markdown(&doc, false);
    assert!(en.contains("### When the customer enters the stage"), "{en}");
    // A step with its touch and channel, as the screen's chips.
    assert!(md.contains("キックオフミーティング（訪問）（ハイタッチ）（訪問）"), "{md}");
    assert!(en.contains("(High touch) (On-site visit)"), "{en}");
    let c = metrics::document(&ws, &metrics::metrics(&ws, &j.id).unwrap());
    let md = michi_render::markdown(&c, false);
    assert!(md.contains("| Metric | Value | Target | Kind | Definition | Data source |"), "{md}");
    assert!(md.contains("| Days in stage (median) <!-- "), "{md}");
    assert!(md.contains(" | — | 45 days | Progress | The median days from entering the stage to leaving it |"), "{md}");
}

#[test]
fn html_documents_escape_what_the_model_says() {
    let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
    let run = |ws: &mut Workspace, ids: &mut IdGen, e| perform(ws, e, ids).unwrap().created;
    let j = run(&mut ws, &mut ids, Edit::CreateJourney { name: "A&B <導入>".into() })[0].clone();
    let s = run(
        &mut ws,
        &mut ids,
        Edit::AddStage { journey: j.clone(), index: None, name: "<script>alert(1)</script>".into() },
    )[0]
    .clone();
    run(
        &mut ws,
        &mut ids,
        Edit::AddCard {
            stage: s.clone(),
            index: None,
            data: ElementData::CsAction(Card { text: "\"quoted\" & 'single'".into(), ..Default::default() }),
        },
    );
    let doc = playbook::document(&ws, &playbook::playbook(&ws, &j).unwrap());
    let page = michi_render::html(&doc, true);
    assert!(!page.to_lowercase().contains("<script"), "{page}");
    // A policy that allows no script, fetch or form, in the page's head.
    let head = &page[..page.find("</head>").unwrap()];
    assert!(head.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"), "{head}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("<title>プレイブック — A&amp;B &lt;導入&gt;</title>"));
    assert!(page.contains("&quot;quoted&quot; &amp; &#39;single&#39;"));
    assert!(page.contains(&format!("<h2 data-source=\"{s}\">1. &lt;script&gt;")), "{page}");
    // A value not given yet is said so, as on screen.
    assert!(page.contains("<span class=\"missing\">まだ決まっていません</span>"), "{page}");
}
