//! The HTML report: the Markdown report's content in one self-contained
//! page (inline CSS, the charts inlined as SVG, nothing fetched), laid out
//! for a phone and a desktop.

use super::markdown::summary;
use super::report::{day_of, Milestone, Report};
use std::fmt::Write;

const CSS: &str = r#"
:root { --ink: #212121; --muted: #616161; --line: #e0e0e0; --band: #f5f7f9; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.6;
  font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB",
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "Microsoft YaHei", "Segoe UI", sans-serif; }
main { max-width: 1160px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.7em; margin: .4em 0 .1em; }
h2 { font-size: 1.3em; margin: 1.6em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; color: var(--muted); }
.asof { color: var(--muted); margin: 0 0 1em; }
.summary { background: var(--band); border-radius: 8px; padding: 12px 16px 12px 32px; }
.chart { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; margin: 12px 0; }
.chart svg { display: block; width: 100%; min-width: 860px; height: auto; }
.hint { display: none; color: var(--muted); font-size: .85em; margin: 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--band); white-space: nowrap; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; white-space: nowrap; font-size: .9em; }
.since { display: block; color: var(--muted); font-size: .85em; }
.none { color: #bdbdbd; }
.conflict { color: #c62828; font-size: .85em; }
ol.sources > li { margin-bottom: 1em; }
.meta { color: var(--muted); font-size: .88em; }
blockquote { margin: .3em 0 .5em; padding: .2em .8em; border-left: 3px solid var(--line); color: #424242; }
ul.facts { padding-left: 1.2em; }
@media (max-width: 640px) {
  main { padding: 10px; }
  .hint { display: block; }
  h1 { font-size: 1.35em; }
  table { font-size: .85em; }
  th, td { padding: 5px 6px; }
}
"#;

use super::escape_html as esc;

/// Only web links become links; anything else (`javascript:`…) stays text.
fn safe_url(u: &str) -> Option<&str> {
    let l = u.trim_start().to_ascii_lowercase();
    (l.starts_with("https://") || l.starts_with("http://")).then_some(u)
}

fn badge(report: &Report, status: &str, text: &str) -> String {
    let st = report.labels.status(status);
    format!(
        "<span class=\"badge\" style=\"background:{}\">{}</span>",
        esc(&st.color),
        esc(text)
    )
}

fn change_badges(report: &Report, m: &Milestone) -> String {
    match &m.previous {
        Some(p) if *p != m.status => format!(
            "{} → {}",
            badge(report, p, &report.status_label(p)),
            badge(report, &m.status, &report.status_label(&m.status))
        ),
        _ => badge(report, &m.status, &report.status_label(&m.status)),
    }
}

fn source_refs(report: &Report, m: &Milestone) -> String {
    let mut known: Vec<usize> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for a in &m.sources {
        match report.sources.iter().position(|s| s.article == *a) {
            Some(i) => known.push(i + 1),
            None => unknown.push(esc(a)),
        }
    }
    known.sort_unstable();
    known
        .iter()
        .map(|i| format!("<a href=\"#src-{i}\">[{i}]</a>"))
        .chain(unknown)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Strip the XML prolog so the SVG can sit inside the page.
fn inline_svg(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => svg.get(i..).unwrap_or(svg),
        None => svg,
    }
}

/// The whole HTML report, with the two charts' SVG inlined.
pub fn render(report: &Report, timeline_svg: &str, capabilities_svg: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        esc(&report.title),
        esc(&report.title)
    );
    if let Some(d) = report.as_of {
        let _ = writeln!(s, "<p class=\"asof\">截至 {d}</p>");
    }

    s.push_str("<h2>摘要</h2>\n<ul class=\"summary\">\n");
    for line in summary(report) {
        let _ = writeln!(s, "<li>{}</li>", esc(&line));
    }
    s.push_str("</ul>\n");

    s.push_str(
        "<h2>时间线</h2>\n<p class=\"hint\">图表可左右滑动</p>\n\
         <div class=\"chart\" role=\"img\" aria-label=\"互联互通时间线\">\n",
    );
    s.push_str(inline_svg(timeline_svg));
    s.push_str("\n</div>\n");

    s.push_str("<h2>里程碑</h2>\n");
    if report.milestones.is_empty() {
        s.push_str("<p class=\"none\">（无）</p>\n");
    } else {
        s.push_str(
            "<div class=\"scroll\"><table>\n<thead><tr><th>日期</th><th>主体</th><th>能力</th>\
             <th>对象</th><th>状态</th><th>来源</th></tr></thead>\n<tbody>\n",
        );
        for m in &report.milestones {
            let _ = writeln!(
                s,
                "<tr><td class=\"date\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>",
                esc(&m.period.text),
                esc(report.labels.entity(&m.key.subject)),
                esc(&report.capability_label(&m.key)),
                esc(m.key.object.as_deref().map(|o| report.labels.entity(o)).unwrap_or("—")),
                change_badges(report, m),
                if m.conflict {
                    " <span class=\"conflict\">同日另有不同状态</span>"
                } else {
                    ""
                },
                source_refs(report, m)
            );
        }
        s.push_str("</tbody></table></div>\n");
    }

    s.push_str("<h2>能力矩阵</h2>\n");
    let matrix = report.matrix();
    if matrix.rows.is_empty() {
        s.push_str("<p class=\"none\">（无）</p>\n");
    } else {
        s.push_str(
            "<p class=\"meta\">每格为现状及其起始日期；已支持的能力给出首次支持的日期。</p>\n\
             <div class=\"scroll\"><table>\n<thead><tr><th>平台 → 对象</th>",
        );
        for c in &matrix.capabilities {
            let _ = write!(s, "<th>{}</th>", esc(report.labels.capability(c)));
        }
        s.push_str("</tr></thead>\n<tbody>\n");
        for r in &matrix.rows {
            let _ = write!(s, "<tr><th>{}</th>", esc(&report.pair_label(r)));
            for c in &r.cells {
                match c.and_then(|i| report.cell(i)) {
                    Some((st, since)) => {
                        let _ = write!(
                            s,
                            "<td>{}<span class=\"since\">{}</span></td>",
                            badge(report, &st.id, &st.label),
                            esc(&since)
                        );
                    }
                    None => s.push_str("<td class=\"none\">—</td>"),
                }
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody></table></div>\n");
    }
    s.push_str("<div class=\"chart\" role=\"img\" aria-label=\"能力状态变化\">\n");
    s.push_str(inline_svg(capabilities_svg));
    s.push_str("\n</div>\n");

    s.push_str("<h2>变化日志（按月）</h2>\n");
    let mut month = String::new();
    let mut open = false;
    for m in report.milestones.iter().rev() {
        if m.period.month() != month {
            if open {
                s.push_str("</ul>\n");
            }
            month = m.period.month();
            let _ = writeln!(s, "<h3>{}</h3>\n<ul>", esc(&month));
            open = true;
        }
        let _ = writeln!(
            s,
            "<li>{} {}：{} {}</li>",
            esc(&m.period.text),
            esc(&report.key_label(&m.key)),
            change_badges(report, m),
            source_refs(report, m)
        );
    }
    if open {
        s.push_str("</ul>\n");
    } else {
        s.push_str("<p class=\"none\">（无）</p>\n");
    }

    s.push_str("<h2>来源与证据</h2>\n<ol class=\"sources\">\n");
    for (i, src) in report.sources.iter().enumerate() {
        let title = if src.title.is_empty() {
            src.article.as_str()
        } else {
            src.title.as_str()
        };
        let _ = write!(s, "<li id=\"src-{}\">", i + 1);
        match src.url.as_deref().and_then(safe_url) {
            Some(u) => {
                let _ = write!(s, "<a href=\"{}\">{}</a>", esc(u), esc(title));
            }
            None => s.push_str(&esc(title)),
        }
        let _ = writeln!(
            s,
            "<div class=\"meta\"><code>{}</code>{}</div>\n<ul class=\"facts\">",
            esc(&src.article),
            src.published
                .as_deref()
                .map(|p| format!(" · 发布于 {}", esc(&day_of(p))))
                .unwrap_or_default()
        );
        for m in report
            .milestones
            .iter()
            .filter(|m| m.sources.contains(&src.article))
        {
            let _ = write!(
                s,
                "<li>{} {}：{}",
                esc(&m.period.text),
                esc(&report.key_label(&m.key)),
                badge(report, &m.status, &report.status_label(&m.status))
            );
            for q in report.quotes_from(m, &src.article) {
                let _ = write!(s, "<blockquote>{}</blockquote>", esc(q));
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ul></li>\n");
    }
    s.push_str("</ol>\n");
    if report.sources.is_empty() {
        s.push_str("<p class=\"none\">（无）</p>\n");
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_filters_links() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(safe_url("https://x.cn/a"), Some("https://x.cn/a"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
    }
}
