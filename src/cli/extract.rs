//! `hutong extract`: per article, the entities, temporal expressions and
//! facts it states.

use super::{for_each_extraction, InputArgs, Outcome};
use crate::model::{Extraction, TimexMod, TimexType};
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Args, Debug, Clone)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Include the paragraphs and sentences of the text model.
    #[arg(long)]
    pub text: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractFormat {
    /// One JSON object per article (the fields of GOLD.md).
    Jsonl,
    /// A readable summary.
    Text,
}

/// Entry point of `hutong extract`.
pub fn run(args: &ExtractArgs) -> anyhow::Result<Outcome> {
    let lex = args.inputs.load_lexicon()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let outcome = for_each_extraction(&args.inputs, &lex, args.text, |x| match args.format {
        ExtractFormat::Jsonl => {
            write_json(&mut out, &x)?;
            writeln!(out)
        }
        ExtractFormat::Text => write_text(&mut out, &x),
    })?;
    out.flush()?;
    Ok(outcome)
}

/// An extraction as one JSON object, byte for byte as `serde_json` writes
/// it. The object and its temporal expressions, most of a line, are written
/// here: keys as literals, strings that need no escape copied whole, while
/// `serde_json` looks at every byte of every key and string. The rest goes
/// through `serde_json`.
pub fn write_json(out: &mut impl Write, x: &Extraction) -> std::io::Result<()> {
    out.write_all(b"{\"article\":")?;
    json_str(out, &x.article)?;
    out.write_all(b",\"published\":")?;
    json_opt_str(out, x.published.as_deref())?;
    out.write_all(b",\"title\":")?;
    json_str(out, &x.title)?;
    out.write_all(b",\"url\":")?;
    json_opt_str(out, x.url.as_deref())?;
    out.write_all(if x.relevant {
        b",\"relevant\":true,\"relevance\":"
    } else {
        b",\"relevant\":false,\"relevance\":"
    })?;
    serde_json::to_writer(&mut *out, &x.relevance)?;
    out.write_all(b",\"entities\":[")?;
    for (i, e) in x.entities.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        json_str(out, e)?;
    }
    out.write_all(b"],\"timexes\":[")?;
    let mut num = itoa::Buffer::new();
    for (i, t) in x.timexes.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"{\"span\":{\"start\":")?;
        out.write_all(num.format(t.span.start).as_bytes())?;
        out.write_all(b",\"end\":")?;
        out.write_all(num.format(t.span.end).as_bytes())?;
        out.write_all(b"},\"text\":")?;
        json_str(out, &t.text)?;
        out.write_all(b",\"type\":\"")?;
        out.write_all(timex_type(t.kind).as_bytes())?;
        out.write_all(b"\",\"value\":")?;
        json_str(out, &t.value)?;
        match t.modifier {
            Some(m) => {
                out.write_all(b",\"mod\":\"")?;
                out.write_all(timex_mod(m).as_bytes())?;
                out.write_all(b"\"}")?;
            }
            None => out.write_all(b",\"mod\":null}")?,
        }
    }
    out.write_all(b"],\"events\":")?;
    serde_json::to_writer(&mut *out, &x.events)?;
    if let Some(t) = &x.text {
        out.write_all(b",\"text\":")?;
        serde_json::to_writer(&mut *out, t)?;
    }
    out.write_all(b"}")
}

/// A JSON string: copied whole unless it holds a byte JSON escapes (a
/// control character, `"` or `\\`), which `serde_json` then writes.
fn json_str(out: &mut impl Write, s: &str) -> std::io::Result<()> {
    // No early exit: the check runs over whole blocks of bytes at once.
    let escape = s
        .bytes()
        .fold(false, |e, b| e | (b < 0x20) | (b == b'"') | (b == b'\\'));
    if escape {
        return Ok(serde_json::to_writer(out, s)?);
    }
    out.write_all(b"\"")?;
    out.write_all(s.as_bytes())?;
    out.write_all(b"\"")
}

fn json_opt_str(out: &mut impl Write, s: Option<&str>) -> std::io::Result<()> {
    match s {
        Some(s) => json_str(out, s),
        None => out.write_all(b"null"),
    }
}

/// The names `serde` gives the variants (see the test that holds them to it).
fn timex_type(k: TimexType) -> &'static str {
    match k {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
}

fn timex_mod(m: TimexMod) -> &'static str {
    match m {
        TimexMod::Start => "START",
        TimexMod::Mid => "MID",
        TimexMod::End => "END",
        TimexMod::Before => "BEFORE",
        TimexMod::After => "AFTER",
        TimexMod::Approx => "APPROX",
    }
}

fn write_text(out: &mut impl Write, x: &Extraction) -> std::io::Result<()> {
    writeln!(
        out,
        "== {} ({})",
        x.article,
        x.published.as_deref().unwrap_or("no date")
    )?;
    writeln!(out, "   {}", x.title)?;
    writeln!(
        out,
        "   relevant: {} (score {:.2}{}{})",
        x.relevant,
        x.relevance.score,
        if x.relevance.reasons.is_empty() {
            ""
        } else {
            "; "
        },
        x.relevance.reasons.join("; ")
    )?;
    writeln!(out, "   entities: {}", x.entities.join(", "))?;
    for t in &x.timexes {
        let m = t
            .modifier
            .map(|m| format!(" {m:?}").to_uppercase())
            .unwrap_or_default();
        writeln!(out, "   time  {:<16} {}{}", t.text, t.value, m)?;
    }
    for e in &x.events {
        writeln!(
            out,
            "   fact  {:<10} {} {} {}{} [{}]",
            e.when,
            e.subject,
            e.capability,
            e.object.as_deref().unwrap_or("*"),
            e.scope
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default(),
            e.status
        )?;
        if let Some(ev) = &e.evidence {
            writeln!(out, "          「{}」", ev.quote)?;
        }
    }
    if let Some(t) = &x.text {
        for p in &t.paragraphs {
            writeln!(out, "   ¶{} {}", p.id, p.text)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Span, TextDump, TextUnit, Timex};

    fn same_as_serde(x: &Extraction) {
        let mut fast = Vec::new();
        write_json(&mut fast, x).unwrap();
        let slow = serde_json::to_vec(x).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&fast),
            String::from_utf8_lossy(&slow)
        );
    }

    #[test]
    fn json_is_written_as_serde_writes_it() {
        let lex = crate::lexicon::Lexicon::builtin();
        let mut n = 0;
        for dir in ["seeds", "../shared/corpus/dev", "tests/fixtures/heldout"] {
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.sort();
            for f in files {
                for a in crate::read::read_path_each(&f, &Default::default())
                    .into_iter()
                    .flatten()
                {
                    same_as_serde(&crate::pipeline::extract(&lex, &a, n % 2 == 0));
                    n += 1;
                }
            }
        }
        assert!(n > 10, "seed and dev articles are readable");
        // Every kind and modifier, strings that need escapes, no date.
        let odd = "a\"b\\c\u{1}\n\t\u{7f}\u{1f}淘宝/";
        let timexes = [
            TimexType::Date,
            TimexType::Time,
            TimexType::Duration,
            TimexType::Set,
        ]
        .into_iter()
        .flat_map(|kind| {
            [
                None,
                Some(TimexMod::Start),
                Some(TimexMod::Mid),
                Some(TimexMod::End),
                Some(TimexMod::Before),
                Some(TimexMod::After),
                Some(TimexMod::Approx),
            ]
            .into_iter()
            .map(move |modifier| Timex {
                span: Span::new(0, usize::MAX),
                text: odd.into(),
                kind,
                value: "\"".into(),
                modifier,
            })
        })
        .collect();
        let unit = || TextUnit {
            id: odd.into(),
            text: odd.into(),
        };
        same_as_serde(&Extraction {
            article: odd.into(),
            published: None,
            title: odd.into(),
            url: Some(odd.into()),
            relevant: false,
            relevance: Default::default(),
            entities: vec![odd.into(), String::new()],
            timexes,
            events: Vec::new(),
            text: Some(TextDump {
                paragraphs: vec![unit()],
                sentences: vec![unit(), unit()],
            }),
        });
    }
}
