//! The Markdown report: summary, a Mermaid timeline, milestones, the
//! capability matrix, a change log by month, and the sources with their
//! evidence quotes.

use super::report::{day_of, Milestone, Report};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The summary lines shared by the Markdown and HTML reports.
pub fn summary(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    if report.milestones.is_empty() {
        out.push(format!(
            "读取 {} 篇文章（相关 {} 篇），没有找到带日期的互联互通事实。",
            report.articles_read, report.articles_relevant
        ));
        return out;
    }
    if let Some((a, b)) = report.span_text() {
        out.push(format!(
            "{} 篇文章（相关 {} 篇）记录了 {a} 至 {b} 间的 {} 条里程碑，涉及 {} 项能力。",
            report.articles_read,
            report.articles_relevant,
            report.milestones.len(),
            report.histories.len()
        ));
    }
    let names: Vec<&str> = report
        .subjects
        .iter()
        .map(|s| report.labels.entity(s))
        .collect();
    out.push(format!("主体：{}。", names.join("、")));
    let mut now: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for h in &report.histories {
        if let Some(s) = h.now() {
            *now.entry((report.labels.status_rank(&s.status), s.status.clone()))
                .or_default() += 1;
        }
    }
    let counts: Vec<String> = now
        .iter()
        .map(|((_, s), n)| format!("{} {n} 项", report.status_label(s)))
        .collect();
    out.push(format!("各能力现状：{}。", counts.join("，")));
    for m in report.changes() {
        out.push(format!(
            "状态变化：{} {}：{}。",
            m.period.text,
            report.key_label(&m.key),
            report.change_label(m)
        ));
    }
    if let Some(last) = report.milestones.last() {
        let latest: Vec<String> = report
            .milestones
            .iter()
            .filter(|m| m.period.start == last.period.start)
            .map(|m| {
                format!(
                    "{}（{}）",
                    report.key_label(&m.key),
                    report.status_label(&m.status)
                )
            })
            .collect();
        out.push(format!(
            "最新进展（{}）：{}。",
            last.period.text,
            latest.join("；")
        ));
    }
    if report.undated > 0 {
        out.push(format!(
            "另有 {} 条事实没有日历日期，未列入。",
            report.undated
        ));
    }
    out
}

/// Make text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// Make text safe as a Mermaid timeline event (`:` separates events).
fn mermaid_text(s: &str) -> String {
    s.replace(':', "：")
        .replace(';', "；")
        .replace('#', "＃")
        .replace(['\n', '\r'], " ")
}

/// The Mermaid `timeline` block (without the fence).
pub fn mermaid(report: &Report) -> String {
    let mut s = String::from("timeline\n    title 互联互通时间线\n");
    let mut by_date: Vec<(&str, Vec<&Milestone>)> = Vec::new();
    for m in &report.milestones {
        match by_date.last_mut() {
            Some((d, v)) if *d == m.period.text => v.push(m),
            _ => by_date.push((&m.period.text, vec![m])),
        }
    }
    for (date, ms) in by_date {
        let events: Vec<String> = ms
            .iter()
            .map(|m| {
                mermaid_text(&format!(
                    "{}（{}）",
                    report.key_label(&m.key),
                    report.change_label(m)
                ))
            })
            .collect();
        let _ = writeln!(s, "    {date} : {}", events.join(" : "));
    }
    s
}

fn source_names(report: &Report, m: &Milestone) -> String {
    let mut known: Vec<usize> = Vec::new();
    let mut unknown: Vec<&str> = Vec::new();
    for a in &m.sources {
        match report.sources.iter().position(|s| s.article == *a) {
            Some(i) => known.push(i + 1),
            None => unknown.push(a),
        }
    }
    known.sort_unstable();
    known
        .iter()
        .map(|i| format!("[{i}]"))
        .chain(unknown.iter().map(|a| a.to_string()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The whole Markdown report.
pub fn render(report: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", report.title);
    if let Some(d) = report.as_of {
        let _ = writeln!(s, "截至 {d}。\n");
    }

    s.push_str("## 摘要\n\n");
    for line in summary(report) {
        let _ = writeln!(s, "- {line}");
    }
    s.push('\n');
    s.push_str("![互联互通时间线](timeline.svg)\n\n");

    s.push_str("## 时间线\n\n```mermaid\n");
    s.push_str(&mermaid(report));
    s.push_str("```\n\n");

    s.push_str("## 里程碑\n\n");
    if report.milestones.is_empty() {
        s.push_str("（无）\n\n");
    } else {
        s.push_str("| 日期 | 主体 | 能力 | 对象 | 状态 | 来源 |\n|---|---|---|---|---|---|\n");
        for m in &report.milestones {
            let st = report.labels.status(&m.status);
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} {}{} | {} |",
                m.period.text,
                cell(report.labels.entity(&m.key.subject)),
                cell(&report.capability_label(&m.key)),
                cell(
                    m.key
                        .object
                        .as_deref()
                        .map(|o| report.labels.entity(o))
                        .unwrap_or("—")
                ),
                st.icon,
                cell(&report.change_label(m)),
                if m.conflict {
                    "（同日另有不同状态）"
                } else {
                    ""
                },
                source_names(report, m),
            );
        }
        s.push('\n');
    }

    s.push_str("## 能力矩阵\n\n");
    let matrix = report.matrix();
    if matrix.rows.is_empty() {
        s.push_str("（无）\n\n");
    } else {
        s.push_str("每格为现状及其起始日期；已支持的能力给出首次支持的日期。\n\n");
        s.push_str("| 平台 → 对象 |");
        for c in &matrix.capabilities {
            let _ = write!(s, " {} |", cell(report.labels.capability(c)));
        }
        s.push_str("\n|---|");
        for _ in &matrix.capabilities {
            s.push_str("---|");
        }
        s.push('\n');
        for r in &matrix.rows {
            let _ = write!(s, "| {} |", cell(&report.pair_label(r)));
            for c in &r.cells {
                match c.and_then(|i| report.cell(i)) {
                    Some((st, since)) => {
                        let _ = write!(s, " {} {} {} |", st.icon, st.label, since);
                    }
                    None => s.push_str(" — |"),
                }
            }
            s.push('\n');
        }
        s.push('\n');
        s.push_str("![能力状态变化](capabilities.svg)\n\n");
    }

    s.push_str("## 变化日志（按月）\n\n");
    let mut month = String::new();
    for m in report.milestones.iter().rev() {
        if m.period.month() != month {
            month = m.period.month();
            let _ = writeln!(s, "### {month}\n");
        }
        let _ = writeln!(
            s,
            "- {} {}：{} {}",
            m.period.text,
            report.key_label(&m.key),
            report.change_label(m),
            source_names(report, m)
        );
    }
    if report.milestones.is_empty() {
        s.push_str("（无）\n");
    }
    s.push('\n');

    s.push_str("## 来源与证据\n\n");
    for (i, src) in report.sources.iter().enumerate() {
        let title = if src.title.is_empty() {
            src.article.as_str()
        } else {
            src.title.as_str()
        };
        match &src.url {
            Some(u) => {
                let _ = writeln!(s, "{}. [{}]({}) ", i + 1, title.replace(']', "\\]"), u);
            }
            None => {
                let _ = writeln!(s, "{}. {}", i + 1, title);
            }
        }
        let _ = writeln!(
            s,
            "   `{}`{}\n",
            src.article,
            src.published
                .as_deref()
                .map(|p| format!(" · 发布于 {}", day_of(p)))
                .unwrap_or_default()
        );
        for m in report
            .milestones
            .iter()
            .filter(|m| m.sources.contains(&src.article))
        {
            let _ = writeln!(
                s,
                "   - {} {}：{}",
                m.period.text,
                report.key_label(&m.key),
                report.status_label(&m.status)
            );
            for q in report.quotes_from(m, &src.article) {
                let _ = writeln!(s, "     > {}", q.replace(['\n', '\r'], " "));
            }
        }
        s.push('\n');
    }
    if report.sources.is_empty() {
        s.push_str("（无）\n");
    }
    s
}
