//! More shapes of page, feed, post and export: pages whose article is in
//! their data, charsets that lie, dates in script and compact forms, JSON
//! front matter, classic Mac line endings, API-shaped JSON. Each reads to
//! the right title, date and text, or fails naming the file and why.

mod reading;

use hutong::model::Article;
use reading::{date, paragraphs};
use std::path::PathBuf;
use std::process::Command;

const DIR: &str = "shapes2";

fn fixture(name: &str) -> PathBuf {
    reading::fixture(DIR, name)
}

fn read_all(name: &str) -> Vec<Result<Article, String>> {
    reading::read_all(DIR, name)
}

fn read_one(name: &str) -> Article {
    reading::read_one(DIR, name)
}

const FACT: &str = "3月26日，淘宝App已经支持微信支付，用户下单后可以选择微信支付付款。";
const SECOND: &str = "此前，阿里和腾讯表示将逐步推进互联互通。";
const TITLE: &str = "淘宝支持微信支付";
const MORNING: &str = "2022-03-26T07:06:00+08:00";

/// The command's standard error and exit code for some fixtures.
fn run(names: &[&str]) -> (String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--format", "jsonl"])
        .args(names.iter().map(|n| fixture(n)))
        .output()
        .unwrap();
    (String::from_utf8(out.stderr).unwrap(), out.status.code())
}

#[test]
fn page_whose_article_is_only_json_ld_article_body() {
    let a = read_one("page_json_ld_only.html");
    assert_eq!(a.title, TITLE);
    assert_eq!(date(&a).as_deref(), Some(MORNING));
    assert_eq!(paragraphs(&a), [FACT, SECOND]);
}

#[test]
fn script_shell_page_reads_its_json_state() {
    let a = read_one("page_next_data.html");
    assert_eq!(a.title, TITLE);
    assert_eq!(date(&a).as_deref(), Some(MORNING));
    let p = paragraphs(&a);
    assert_eq!(p, [FACT, SECOND]);
    assert!(!p.iter().any(|t| t.contains("加载中")));
}

#[test]
fn page_whose_text_is_in_noscript() {
    let a = read_one("page_noscript.html");
    assert_eq!(a.title, TITLE);
    assert_eq!(date(&a).as_deref(), Some(MORNING));
    assert_eq!(paragraphs(&a), [FACT, SECOND]);
}

#[test]
fn redirect_and_frameset_pages_say_where_the_text_is() {
    let e = read_all("page_refresh.html").remove(0).unwrap_err();
    assert!(e.ends_with("page_refresh.html: HTML page has no text: it only redirects to https://news.example.com/2022/0326/taobao.html"), "{e}");
    let e = read_all("page_frameset.html").remove(0).unwrap_err();
    assert!(e.contains("page_frameset.html: HTML page has no text: its text is in frames (top.html, article.html)"), "{e}");
    let (err, code) = run(&["page_refresh.html", "page_noscript.html"]);
    assert_eq!(code, Some(1));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("hutong: ") && err.contains("page_refresh.html: "),
        "{err}"
    );
}

#[test]
fn page_that_declares_utf8_but_is_gbk_is_decoded() {
    let a = read_one("page_says_utf8_is_gbk.html");
    assert_eq!(a.title, TITLE);
    assert_eq!(paragraphs(&a), [FACT, SECOND]);
}

#[test]
fn feed_dates_in_script_form_and_unix_time() {
    let v: Vec<Article> = read_all("feed_script_dates.xml")
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(v.len(), 2);
    assert_eq!(date(&v[0]).as_deref(), Some(MORNING));
    assert_eq!(date(&v[1]).as_deref(), Some(MORNING));
}

#[test]
fn post_with_classic_mac_line_endings() {
    let a = read_one("post_cr_only.md");
    assert_eq!(a.title, TITLE);
    assert_eq!(date(&a).as_deref(), Some(MORNING));
    assert_eq!(paragraphs(&a), [FACT, SECOND]);
}

#[test]
fn posts_with_json_front_matter() {
    for name in ["post_json_front_matter.md", "post_hexo_json.md"] {
        let a = read_one(name);
        assert_eq!(a.id, name);
        assert_eq!(a.title, TITLE, "{name}");
        assert_eq!(date(&a).as_deref(), Some(MORNING), "{name}");
        assert_eq!(paragraphs(&a), [FACT, SECOND], "{name}");
    }
}

#[test]
fn post_dated_by_publish_date_and_titled_by_its_heading() {
    let a = read_one("post_publishdate_heading.md");
    assert_eq!(a.title, TITLE);
    assert_eq!(date(&a).as_deref(), Some(MORNING));
    assert!(paragraphs(&a).iter().any(|p| p == FACT));
}

#[test]
fn compact_front_matter_date() {
    let a = read_one("post_compact_date.md");
    assert_eq!(date(&a).as_deref(), Some("2022-03-26T00:00:00+08:00"));
}

#[test]
fn api_shaped_json_lines() {
    let v: Vec<Article> = read_all("export_shapes.jsonl")
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(v.len(), 3);
    // HTML under `text`, a camel-case date key.
    assert_eq!(paragraphs(&v[0]), [FACT, SECOND]);
    assert_eq!(date(&v[0]).as_deref(), Some(MORNING));
    // One article wrapped in an API response, dated in Unix seconds.
    assert_eq!(v[1].title, "嵌套的文章");
    assert_eq!(date(&v[1]).as_deref(), Some(MORNING));
    assert_eq!(paragraphs(&v[1]), [FACT]);
    // WordPress REST: `{"rendered": ...}` strings.
    assert_eq!(v[2].title, "WordPress 标题");
    assert_eq!(paragraphs(&v[2]), [FACT]);
}
