//! Text, Markdown, table and CSV output of the timeline, query answers and
//! changes.

use crate::graph::{CapabilityKey, CapabilityState};
use crate::lexicon::Lexicon;
use crate::model::TimelineRow;
use crate::query::{display_name, Changes};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use std::fmt::Write;

/// `名字 (id)` when the lexicon has a name, else the id.
fn named(lex: &Lexicon, id: &str) -> String {
    let n = display_name(lex, id);
    if n == id {
        id.to_string()
    } else {
        format!("{n} ({id})")
    }
}

fn key_text(lex: &Lexicon, k: &CapabilityKey) -> String {
    let mut s = format!(
        "{} {} {}",
        named(lex, &k.subject),
        k.capability,
        k.object
            .as_deref()
            .map(|o| named(lex, o))
            .unwrap_or_else(|| "*".into())
    );
    if let Some(sc) = &k.scope {
        let _ = write!(s, " ({sc})");
    }
    s
}

/// A titled list of timeline rows in the text change report.
fn write_rows(out: &mut String, lex: &Lexicon, title: &str, rows: &[TimelineRow]) {
    let _ = writeln!(out, "\n{title} ({}):", rows.len());
    for r in rows {
        let _ = writeln!(
            out,
            "  {:<10}  {}  [{}]",
            r.first,
            key_text(lex, &row_key(r)),
            r.status
        );
    }
}

fn row_key(r: &TimelineRow) -> CapabilityKey {
    CapabilityKey {
        subject: r.subject.clone(),
        capability: r.capability.clone(),
        object: r.object.clone(),
        scope: r.scope.clone(),
    }
}

/// A Markdown table cell: no line breaks, pipes escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// One line per fact, its evidence quoted beneath.
pub fn timeline_text(rows: &[TimelineRow], lex: &Lexicon) -> String {
    let mut out = String::new();
    for r in rows {
        let _ = writeln!(
            out,
            "{:<10}  {}  [{}]{}  ({})",
            r.first,
            key_text(lex, &row_key(r)),
            r.status,
            if r.conflict { " CONFLICT" } else { "" },
            r.sources.join(", ")
        );
        for e in &r.evidence {
            let _ = writeln!(out, "            「{}」 {}", e.quote, e.article);
        }
    }
    out
}

/// A Markdown table of the timeline.
pub fn timeline_markdown(rows: &[TimelineRow], lex: &Lexicon) -> String {
    let mut out = String::from(
        "| First | Subject | Capability | Object | Scope | Status | Sources |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let status = if r.conflict {
            format!("{} (conflict)", r.status)
        } else {
            r.status.clone()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&r.first),
            cell(&named(lex, &r.subject)),
            cell(&r.capability),
            cell(
                &r.object
                    .as_deref()
                    .map(|o| named(lex, o))
                    .unwrap_or_default()
            ),
            cell(r.scope.as_deref().unwrap_or("")),
            cell(&status),
            cell(&r.sources.join(", "))
        );
    }
    out
}

fn history(s: &CapabilityState) -> String {
    s.history
        .iter()
        .map(|h| {
            format!(
                "{} {}{}",
                h.first,
                h.status,
                if h.conflict { " (conflict)" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

fn first_available(s: &CapabilityState) -> String {
    match &s.first_available {
        Some(d) => d.clone(),
        None => format!("not yet (seen {})", s.first_seen),
    }
}

/// A readable table, one row per capability.
pub fn states_table(states: &[CapabilityState], lex: &Lexicon) -> String {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header([
            "Subject",
            "Capability",
            "Object",
            "Scope",
            "Status now",
            "Since",
            "First available",
            "History",
            "Sources",
        ]);
    for s in states {
        t.add_row([
            named(lex, &s.key.subject),
            s.key.capability.clone(),
            s.key
                .object
                .as_deref()
                .map(|o| named(lex, o))
                .unwrap_or_default(),
            s.key.scope.clone().unwrap_or_default(),
            if s.conflict {
                format!("{} (conflict)", s.status)
            } else {
                s.status.clone()
            },
            s.since.clone(),
            first_available(s),
            history(s),
            s.sources.join("\n"),
        ]);
    }
    format!("{t}\n")
}

/// CSV, one row per capability, ids as they are.
pub fn states_csv<W: std::io::Write>(states: &[CapabilityState], out: W) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "subject",
        "capability",
        "object",
        "scope",
        "status",
        "since",
        "first_available",
        "first_seen",
        "history",
        "sources",
        "conflict",
    ])?;
    for s in states {
        w.write_record([
            s.key.subject.as_str(),
            s.key.capability.as_str(),
            s.key.object.as_deref().unwrap_or(""),
            s.key.scope.as_deref().unwrap_or(""),
            s.status.as_str(),
            s.since.as_str(),
            s.first_available.as_deref().unwrap_or(""),
            s.first_seen.as_str(),
            history(s).as_str(),
            s.sources.join(" ").as_str(),
            if s.conflict { "true" } else { "false" },
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// What changed, as readable text.
pub fn changes_text(c: &Changes, lex: &Lexicon) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Known on {}: {} articles; on {}: {} more ({}).",
        c.from,
        c.articles_before,
        c.to,
        c.articles_added.len(),
        c.articles_added.join(", ")
    );
    if !c.undated.is_empty() {
        let _ = writeln!(
            out,
            "Left out, no publication date: {}",
            c.undated.join(", ")
        );
    }
    let _ = writeln!(out, "\nStatus changes ({}):", c.status_changes.len());
    for s in &c.status_changes {
        let _ = writeln!(
            out,
            "  {}: {} ({}) -> {} ({})",
            key_text(lex, &s.key),
            s.before,
            s.before_first,
            s.after,
            s.after_first
        );
        for e in &s.evidence {
            let _ = writeln!(out, "      「{}」 {}", e.quote, e.article);
        }
    }
    write_rows(&mut out, lex, "New facts", &c.new_facts);
    write_rows(&mut out, lex, "Superseded", &c.superseded);
    if !c.redated.is_empty() {
        let _ = writeln!(out, "\nRedated ({}):", c.redated.len());
        for r in &c.redated {
            let _ = writeln!(
                out,
                "  {}  [{}]: {} -> {}",
                key_text(lex, &r.key),
                r.status,
                r.before,
                r.after
            );
        }
    }
    out
}

/// What changed, as Markdown.
pub fn changes_markdown(c: &Changes, lex: &Lexicon) -> String {
    let mut out = format!("# Changes from {} to {}\n\n", c.from, c.to);
    let _ = writeln!(
        out,
        "{} articles published up to {}; {} more up to {}.\n",
        c.articles_before,
        c.from,
        c.articles_added.len(),
        c.to
    );
    out.push_str(
        "## Status changes\n\n| Capability | Before | After | Evidence |\n|---|---|---|---|\n",
    );
    for s in &c.status_changes {
        let ev: Vec<String> = s
            .evidence
            .iter()
            .map(|e| format!("「{}」 ({})", e.quote, e.article))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} ({}) | {} ({}) | {} |",
            cell(&key_text(lex, &s.key)),
            cell(&s.before),
            cell(&s.before_first),
            cell(&s.after),
            cell(&s.after_first),
            cell(&ev.join(" "))
        );
    }
    out.push_str("\n## New facts\n\n");
    out.push_str(&timeline_markdown(&c.new_facts, lex));
    out.push_str("\n## Superseded\n\n");
    out.push_str(&timeline_markdown(&c.superseded, lex));
    if !c.redated.is_empty() {
        out.push_str("\n## Redated\n\n| Fact | Status | Before | After |\n|---|---|---|---|\n");
        for r in &c.redated {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&key_text(lex, &r.key)),
                cell(&r.status),
                cell(&r.before),
                cell(&r.after)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
