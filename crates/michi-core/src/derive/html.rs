//! Self-contained HTML documents of the derivations (one file, its style inside, no script), to hand
//! over or print. Every text from the model is escaped; each derived line carries the ids of the
//! elements it comes from in a `data-source` attribute.

use std::fmt::Write;

use super::metrics::MetricsCatalog;
use super::org::OrgRecommendation;
use super::playbook::Playbook;
use crate::diagnose::Text;
use crate::id::ElementId;

const STYLE: &str = "body{font-family:'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif;max-width:860px;margin:32px auto;padding:0 24px;line-height:1.6;color:#1d2433}\
h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #d9dde5;padding-bottom:4px;margin-top:28px}h3{font-size:14px;margin:16px 0 4px}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;font-size:14px}dt{color:#677385}dd{margin:0}\
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;border-bottom:1px solid #e3e6ec;padding:4px 8px}\
.chip{font-size:12px;border:1px solid #d9dde5;border-radius:9px;padding:0 7px;margin-left:6px}.suggested{color:#8a5a00}.muted{color:#677385}";

/// Text made safe inside XML and HTML (also used for SVG pictures).
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn ids(ids: &[ElementId]) -> String {
    esc(&ids.iter().map(ElementId::as_str).collect::<Vec<_>>().join(" "))
}

fn page(title: &str, japanese: bool, body: &str) -> String {
    let lang = if japanese { "ja" } else { "en" };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(title)
    )
}

fn pick(t: &Text, japanese: bool) -> &str {
    if japanese { &t.ja } else { &t.en }
}

pub fn playbook(pb: &Playbook, japanese: bool) -> String {
    let l = |ja: &'static str, en: &'static str| if japanese { ja } else { en };
    let title = format!("{} — {}", l("プレイブック", "Playbook"), pb.journey.name);
    let mut b = format!("<h1 data-source=\"{}\">{}</h1>\n", esc(pb.journey.id.as_str()), esc(&title));
    if !pb.audience.is_empty() {
        let names: Vec<String> = pb.audience.iter().map(|a| esc(&a.name)).collect();
        let _ = writeln!(b, "<p class=\"muted\">{}: {}</p>", l("対象", "For"), names.join(", "));
    }
    for (i, s) in pb.stages.iter().enumerate() {
        let _ = writeln!(
            b,
            "<h2 data-source=\"{}\">{}. {}</h2>\n<dl>",
            esc(s.stage.id.as_str()),
            i + 1,
            esc(&s.stage.name)
        );
        if !s.goal.is_empty() {
            let _ = writeln!(b, "<dt>{}</dt><dd>{}</dd>", l("目標", "Goal"), esc(&s.goal));
        }
        if let Some(e) = &s.entry_criteria {
            let _ = writeln!(
                b,
                "<dt>{}</dt><dd data-source=\"{}\">{}</dd>",
                l("開始条件", "Entry criteria"),
                esc(e.source.as_str()),
                esc(&e.text)
            );
        }
        if !s.exit_criteria.is_empty() {
            let _ = writeln!(b, "<dt>{}</dt><dd>{}</dd>", l("完了条件", "Exit criteria"), esc(&s.exit_criteria));
        }
        if let Some(d) = s.ttv_target_days {
            let _ = writeln!(
                b,
                "<dt>{}</dt><dd>{d}{}</dd>",
                l("価値実感までの目標", "Time-to-value target"),
                l("日", " days")
            );
        }
        b.push_str("</dl>\n");
        for play in &s.plays {
            let trigger = super::playbook::trigger_text(&play.trigger, japanese);
            let _ = writeln!(b, "<h3 data-source=\"{}\">{}</h3>\n<ol>", ids(&play.sources), esc(&trigger));
            for step in &play.steps {
                let class = if step.suggested { " class=\"suggested\"" } else { "" };
                let mark = if step.suggested {
                    format!("<span class=\"chip\">{}</span>", l("提案", "suggested"))
                } else {
                    String::new()
                };
                let _ = writeln!(
                    b,
                    "<li{class} data-source=\"{}\">{}{mark}</li>",
                    ids(&step.sources),
                    esc(pick(&step.text, japanese))
                );
            }
            b.push_str("</ol>\n");
        }
    }
    page(&title, japanese, &b)
}

pub fn metrics(c: &MetricsCatalog, japanese: bool) -> String {
    let l = |ja: &'static str, en: &'static str| if japanese { ja } else { en };
    let title = format!("{} — {}", l("指標カタログ", "Metrics catalog"), c.journey.name);
    let mut b = format!("<h1 data-source=\"{}\">{}</h1>\n", esc(c.journey.id.as_str()), esc(&title));
    if let Some(s) = &c.snapshot {
        let _ = writeln!(
            b,
            "<p class=\"muted\" data-source=\"{}\">{}: {}</p>",
            esc(s.id.as_str()),
            l("値の出典", "Values from"),
            esc(&s.name)
        );
    }
    for s in &c.stages {
        let _ = writeln!(
            b,
            "<h2 data-source=\"{}\">{}</h2>\n<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            esc(s.stage.id.as_str()),
            esc(&s.stage.name),
            l("指標", "Metric"),
            l("値", "Value"),
            l("目標", "Target")
        );
        for p in &s.progress {
            let [name, value, target] = super::metrics::progress_cells(p, japanese);
            let _ = writeln!(
                b,
                "<tr data-source=\"{}\"><td>{}</td><td>{value}</td><td>{target}</td></tr>",
                ids(&p.sources),
                esc(&name)
            );
        }
        for a in &s.attached {
            let role = super::metrics::role_suffix(a.role, japanese);
            let _ = writeln!(
                b,
                "<tr data-source=\"{}\"><td>{}{role}</td><td>—</td><td>{}</td></tr>",
                ids(&a.sources),
                esc(&a.metric.name),
                esc(&a.target)
            );
        }
        b.push_str("</table>\n");
    }
    if !c.gaps.is_empty() {
        let _ = writeln!(b, "<h2>{}</h2>\n<ul>", l("指標のないステージ", "Stages with no metric"));
        for g in &c.gaps {
            let _ = writeln!(b, "<li data-source=\"{}\">{}</li>", esc(g.id.as_str()), esc(&g.name));
        }
        b.push_str("</ul>\n");
    }
    page(&title, japanese, &b)
}

pub fn org(o: &OrgRecommendation, japanese: bool) -> String {
    let title = if japanese { "CS組織の機能（推奨）" } else { "CS functions (recommended)" };
    let mut b = format!("<h1>{}</h1>\n", esc(title));
    for r in &o.recommended {
        let _ = writeln!(
            b,
            "<h2>{}</h2>\n<p class=\"muted\">{}</p>\n<ul>",
            esc(pick(&r.name, japanese)),
            esc(pick(&r.description, japanese))
        );
        for reason in &r.reasons {
            let _ = writeln!(
                b,
                "<li data-source=\"{}\">{}</li>",
                esc(reason.element.id.as_str()),
                esc(pick(&reason.why, japanese))
            );
        }
        b.push_str("</ul>\n");
    }
    page(title, japanese, &b)
}
