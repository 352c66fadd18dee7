//! Self-contained HTML documents of the derivations (one file, its style inside, no script), to hand
//! over or print. Every text from the model is escaped; each derived line carries the ids of the
//! elements it comes from in a `data-source` attribute.

use std::fmt::Write;

use super::metrics::MetricsCatalog;
use super::org::OrgRecommendation;
use super::playbook::Playbook;
use crate::id::ElementId;
use crate::text::Text;

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
    let title = match &pb.segment {
        Some(seg) => format!("{} — {}（{}）", l("プレイブック", "Playbook"), pb.journey.name, seg.name),
        None => format!("{} — {}", l("プレイブック", "Playbook"), pb.journey.name),
    };
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
            let _ = writeln!(b, "<h3 data-source=\"{}\">{}</h3>", ids(&play.sources), esc(&trigger));
            if let Some(owner) = &play.owner {
                let source = owner.element.as_ref().map(|e| format!(" data-source=\"{}\"", esc(e.as_str())));
                let _ = writeln!(
                    b,
                    "<p class=\"muted\"{}>{}</p>",
                    source.unwrap_or_default(),
                    esc(&super::playbook::owner_text(owner, japanese))
                );
            }
            b.push_str("<ol>\n");
            for step in &play.steps {
                let class = if step.suggested { " class=\"suggested\"" } else { "" };
                let mut mark = if step.suggested {
                    format!("<span class=\"chip\">{}</span>", l("提案", "suggested"))
                } else {
                    String::new()
                };
                if !step.segments.is_empty() {
                    let text = super::playbook::segments_text(&step.segments, japanese);
                    let _ = write!(mark, "<span class=\"chip\">{}</span>", esc(text.trim()));
                }
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
    let l = |ja: &'static str, en: &'static str| if japanese { ja } else { en };
    if !o.adopted.is_empty() {
        let _ = writeln!(b, "<h1>{}</h1>", l("組織設計", "Org design"));
        for a in &o.adopted {
            let owns: Vec<String> = a.owns.iter().map(|x| esc(&x.element.name)).collect();
            let roles: Vec<String> = a
                .roles
                .iter()
                .map(|r| format!("{} ({})", esc(&r.element.name), super::org::num(r.headcount.unwrap_or(0.0))))
                .collect();
            let _ = writeln!(
                b,
                "<h2 data-source=\"{}\">{}<span class=\"chip\">{} {}</span></h2>\n<dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>",
                esc(a.element.id.as_str()),
                esc(pick(&a.name, japanese)),
                super::org::fte(a.headcount),
                l("人", "FTE"),
                l("担当", "Owns"),
                owns.join(", "),
                l("役割", "Roles"),
                roles.join(", ")
            );
        }
        if !o.unowned_stages.is_empty() {
            let names: Vec<String> = o.unowned_stages.iter().map(|s| esc(&s.name)).collect();
            let _ = writeln!(b, "<p>{}: {}</p>", l("担当のないステージ", "Stages nobody owns"), names.join(", "));
        }
    }
    let z = &o.sizing;
    let a = &z.assumptions;
    let _ = writeln!(
        b,
        "<h1>{}</h1>\n<p class=\"muted\">{}</p>",
        l("必要な人数の見積もり", "Sizing"),
        esc(&super::org::assumptions_text(a, japanese))
    );
    for f in &z.functions {
        let source = f.element.as_ref().map(|e| format!(" data-source=\"{}\"", esc(e.as_str())));
        let mark = if f.suggested {
            format!("<span class=\"chip\">{}</span>", l("提案", "suggested"))
        } else {
            String::new()
        };
        let _ = writeln!(
            b,
            "<h2{}>{}{mark}</h2>\n<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            source.unwrap_or_default(),
            esc(pick(&f.name, japanese)),
            l("タッチポイント", "Touchpoint"),
            l("ステージ", "Stage"),
            l("計算", "Arithmetic")
        );
        for line in &f.lines {
            let _ = writeln!(
                b,
                "<tr data-source=\"{}\"><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(line.touchpoint.id.as_str()),
                esc(&line.touchpoint.name),
                esc(&line.stage.name),
                esc(pick(&line.arithmetic, japanese))
            );
        }
        let _ = writeln!(b, "</table>\n<p><strong>{}</strong></p>", esc(pick(&f.arithmetic, japanese)));
    }
    let _ = writeln!(
        b,
        "<p><strong>{}: {} {} / {} {}</strong></p>",
        l("合計", "Total"),
        super::org::num(z.hours),
        l("時間", "h"),
        super::org::fte(z.headcount),
        l("人", "FTE")
    );
    if !z.unknown_accounts.is_empty() {
        let names: Vec<String> = z.unknown_accounts.iter().map(|r| esc(&r.name)).collect();
        let _ = writeln!(
            b,
            "<p class=\"muted\">{}: {}</p>",
            l(
                "顧客数が分からないタッチポイント（セグメントに顧客数を入れてください）",
                "Touchpoints with unknown accounts (give their segments a number of accounts)"
            ),
            names.join(", ")
        );
    }
    page(title, japanese, &b)
}
