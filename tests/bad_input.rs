//! Broken input in every shape: each file gives a clear error naming it and
//! the problem, or a sound result; the rest of the batch is unaffected.

use hutong::lexicon::Lexicon;
use hutong::read::{self, Limits};
use hutong::text;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bad(name: &str) -> PathBuf {
    root().join("tests/fixtures/bad").join(name)
}

/// The error for a file that must fail, checked to name the file first.
fn error_of(path: &Path, limits: &Limits) -> String {
    let e = match read::read_path(path, limits) {
        Ok(v) => panic!("{} read as {} articles", path.display(), v.len()),
        Err(e) => e.to_string(),
    };
    assert!(
        e.starts_with(&format!("{}: ", path.display())),
        "error does not name the file: {e}"
    );
    e
}

/// The files of tests/fixtures/bad that must fail, and what the error says.
const FAILING: &[(&str, &str)] = &[
    ("empty.txt", "empty file"),
    ("junk.bin", "a PNG image, not text"),
    ("unclosed_front_matter.txt", "front matter never closes"),
    ("invalid_yaml.txt", "front matter is not valid YAML"),
    (
        "date_year0.txt",
        "publication date 0000-01-01T00:00:00+08:00 is not plausible",
    ),
    (
        "date_year9999.txt",
        "publication date 9999-12-31T23:59:59+08:00 is not plausible",
    ),
    (
        "date_far_future.txt",
        "publication date 2999-03-26T00:00:00+08:00 is not plausible",
    ),
];

#[test]
fn failing_fixtures_say_what_is_wrong() {
    for (name, problem) in FAILING {
        let e = error_of(&bad(name), &Limits::default());
        assert!(e.contains(problem), "{name}: {e}");
    }
}

#[test]
fn truncated_html_keeps_what_is_there() {
    let v = read::read_path(&bad("truncated.html"), &Limits::default()).unwrap();
    let doc = text::document(&v[0]);
    assert_eq!(v[0].title, "微信可直接加入钉钉会议");
    assert_eq!(
        v[0].published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-03-04T10:21:00+08:00")
    );
    assert_eq!(doc.paragraphs.len(), 2);
    assert!(doc.text.ends_with("即可在微信内加"), "{}", doc.text);
}

#[test]
fn gbk_without_charset_is_decoded() {
    let v = read::read_path(&bad("gbk_undeclared.html"), &Limits::default()).unwrap();
    assert_eq!(v[0].title, "淘宝可直接用微信支付了！客服回应正逐步开放");
    let doc = text::document(&v[0]);
    assert!(doc
        .text
        .contains("部分淘宝订单可直接跳转至微信支付进行付款"));
    assert!(!doc.text.contains('\u{fffd}'));
}

#[test]
fn mixed_line_ends_read_like_lf() {
    let v = read::read_path(&bad("mixed_crlf.txt"), &Limits::default()).unwrap();
    let a = &v[0];
    assert_eq!(a.title, "淘宝可直接用微信支付了！");
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-02-20T00:00:00+08:00")
    );
    assert_eq!(a.url, None, "an empty link is no address");
    let doc = text::document(a);
    assert_eq!(doc.paragraphs.len(), 3);
    assert!(!doc.text.contains('\r'));
}

#[test]
fn zero_width_characters_and_emoji_stay_verbatim() {
    let v = read::read_path(&bad("zero_width_emoji.txt"), &Limits::default()).unwrap();
    let a = &v[0];
    assert_eq!(a.title, "淘\u{200b}宝内测微信支付 🎉");
    let doc = text::document(a);
    assert_eq!(doc.paragraphs[0].id, "z1");
    // Matching sees through the zero-width characters; quoting gives them
    // back as written.
    let at = doc
        .norm
        .find("淘宝 App")
        .expect("normalized text joins the zero-width split");
    let span = hutong::model::Span::new(at, at + "淘宝".len());
    assert_eq!(doc.original(span), "淘\u{200b}宝");
    assert!(doc.norm.contains("微信支付"));
    assert!(doc.text.contains("👍🏻") && doc.text.contains("👨‍👩‍👧") && doc.text.contains("🇨🇳"));
    let lex = Lexicon::builtin();
    let x = hutong::pipeline::extract(&lex, a, true);
    assert_eq!(x.text.map(|t| t.paragraphs.len()), Some(2));
}

#[test]
fn twenty_megabyte_article() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let para = "<p>IT之家 3 月 26 日消息，“互联互通”迎来新进展，IT之家小伙伴发现淘宝 App 下单后已经可以选择微信支付的付款方式，不过有点麻烦。</p>\n";
    let n = 20 * 1024 * 1024 / para.len() + 1;
    let body = para.repeat(n);
    std::fs::write(
        &path,
        format!("---\ntitle: 长文\ndate: 2022-03-26 07:06:09\n---\n{body}"),
    )
    .unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 20 * 1024 * 1024);
    // Within the default limit: read whole.
    let v = read::read_path(&path, &Limits::default()).unwrap();
    let doc = text::document(&v[0]);
    assert_eq!(doc.paragraphs.len(), n);
    // Over a lower limit: a clear error, before reading it.
    let limits = Limits {
        max_file_bytes: 10 * 1024 * 1024,
        ..Limits::default()
    };
    let e = error_of(&path, &limits);
    assert!(e.contains("over the limit of 10485760"), "{e}");
}

fn nested_divs(depth: usize) -> String {
    format!(
        "<html><head><title>套娃</title></head><body>{}<p>淘宝可以选择微信支付。</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}

#[test]
fn ten_thousand_nested_divs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.html");
    std::fs::write(&path, nested_divs(10_000)).unwrap();
    let e = error_of(&path, &Limits::default());
    assert!(
        e.contains("HTML nests 10000 <div> elements deep, over the limit of 256"),
        "{e}"
    );
    // The same in a post's body.
    let post = dir.path().join("deep.txt");
    std::fs::write(
        &post,
        format!(
            "---\ntitle: 套娃\ndate: 2022-03-26\n---\n{}正文。{}",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        ),
    )
    .unwrap();
    let e = error_of(&post, &Limits::default());
    assert!(e.contains("elements deep, over the limit of 256"), "{e}");
    // Other containers are refused before parsing as well.
    let sections = dir.path().join("sections.html");
    std::fs::write(
        &sections,
        format!(
            "<body>{}淘宝。{}</body>",
            "<section>".repeat(10_000),
            "</section>".repeat(10_000)
        ),
    )
    .unwrap();
    let e = error_of(&sections, &Limits::default());
    assert!(
        e.contains("HTML nests 10000 <section> elements deep"),
        "{e}"
    );
    // Nesting of other elements is measured on the parsed tree.
    let spans = dir.path().join("spans.html");
    std::fs::write(
        &spans,
        format!(
            "<p>{}淘宝。{}</p>",
            "<span>".repeat(1_000),
            "</span>".repeat(1_000)
        ),
    )
    .unwrap();
    let e = error_of(&spans, &Limits::default());
    assert!(
        e.contains("HTML nests 1003 elements deep, over the limit of 256"),
        "{e}"
    );
    // A user who raises the limit gets the text, on a thread with a small
    // stack: nothing recurses per element.
    let limits = Limits {
        max_depth: 20_000,
        ..Limits::default()
    };
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            let v = read::read_path(&path, &limits).unwrap();
            let lex = Lexicon::builtin();
            let x = hutong::pipeline::extract(&lex, &v[0], true);
            x.text
                .map(|t| t.paragraphs.into_iter().map(|p| p.text).collect::<Vec<_>>())
        })
        .unwrap();
    let paras = handle.join().expect("no stack overflow");
    assert_eq!(paras, Some(vec!["淘宝可以选择微信支付。".to_string()]));
}

#[test]
fn feed_with_ten_thousand_items() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xml");
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>IT之家</title>\n",
    );
    for i in 1..=10_000 {
        xml.push_str(&format!(
            "<item><title>第 {i} 条：淘宝内测微信支付</title><link>https://www.ithome.com/0/{i}.htm</link>\
             <pubDate>Fri, 25 Mar 2022 23:06:09 GMT</pubDate>\
             <description><![CDATA[<p>IT之家 3 月 26 日消息，第 {i} 条。</p>]]></description></item>\n"
        ));
    }
    xml.push_str("</channel></rss>\n");
    std::fs::write(&path, xml).unwrap();
    let v = read::read_path(&path, &Limits::default()).unwrap();
    assert_eq!(v.len(), 10_000);
    for (i, a) in v.iter().enumerate() {
        let n = i + 1;
        assert_eq!(a.id, format!("big.xml#{n}"));
        assert_eq!(a.title, format!("第 {n} 条：淘宝内测微信支付"));
    }
    let last = &v[9_999];
    assert_eq!(
        last.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2022-03-26T07:06:09+08:00")
    );
    assert_eq!(
        text::document(last).text,
        "IT之家 3 月 26 日消息，第 10000 条。"
    );
}

#[test]
fn deep_json_and_yaml_are_errors_not_crashes() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let e = read::read_bytes(
        format!("{{\"title\":\"x\",\"text\":\"y\",\"z\":{deep}}}\n").as_bytes(),
        "deep.jsonl",
        "deep.jsonl",
        &Limits::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("deep.jsonl: line 1: not valid JSON"), "{e}");
    let e = read::read_bytes(
        format!("---\ntitle: x\nz: {deep}\n---\n<p>正文</p>\n").as_bytes(),
        "deep.txt",
        "deep.txt",
        &Limits::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("deep.txt: front matter is not valid YAML"),
        "{e}"
    );
}

/// The whole bad set and a seed in one batch: every failing file is named
/// with its problem, every other article is printed, the status is 1.
#[test]
fn cli_batch_goes_on_and_fails_at_the_end() {
    let seed = root().join("seeds/000_925aed67b6f27cf9.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--format", "jsonl"])
        .arg(root().join("tests/fixtures/bad"))
        .arg(&seed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for (name, problem) in FAILING {
        let line = format!("hutong: {}: {problem}", bad(name).display());
        assert!(stderr.contains(&line), "missing {line:?} in\n{stderr}");
    }
    assert_eq!(stderr.lines().count(), FAILING.len(), "{stderr}");
    let articles: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["article"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        articles,
        vec![
            "gbk_undeclared.html",
            "mixed_crlf.txt",
            "truncated.html",
            "zero_width_emoji.txt",
            "000_925aed67b6f27cf9.txt"
        ]
    );
}
