//! Other shapes of page and feed, and broken files: each reads to the right
//! title, date and text (and the fact the article states), or fails with an
//! error naming the file and the fault while the rest of the batch goes on.

mod reading;

use hutong::model::Article;
use reading::{date, paragraphs};
use std::path::PathBuf;
use std::process::Command;

const DIR: &str = "";

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

/// The extraction of one file by the command, as JSON lines, and its
/// standard error and exit code.
fn extract(name: &str) -> (Vec<serde_json::Value>, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--format", "jsonl"])
        .arg(fixture(name))
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        lines,
        String::from_utf8(out.stderr).unwrap(),
        out.status.code(),
    )
}

fn has_fact(v: &serde_json::Value, subject: &str, capability: &str, object: &str) -> bool {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["subject"] == subject && e["capability"] == capability && e["object"] == object)
}

#[test]
fn outlet_page_loses_the_site_name_and_the_chrome() {
    let a = read_one("page_sina_suffix.html");
    assert_eq!(a.title, "淘宝App支持微信支付");
    assert_eq!(date(&a).as_deref(), Some("2022-03-26T07:06:00+08:00"));
    let p = paragraphs(&a);
    assert!(p[0].ends_with(FACT), "{p:?}");
    assert_eq!(p[1], SECOND);
    assert!(!p
        .iter()
        .any(|t| t.contains("网友") || t.contains("相关新闻") || t.contains("脚本")));
    let (out, _, code) = extract("page_sina_suffix.html");
    assert_eq!(code, Some(0));
    assert!(has_fact(&out[0], "taobao", "accept_payment", "wechat_pay"));
}

#[test]
fn channel_title_gives_way_to_the_headline() {
    // `<title>` names only the channel; the date is a Chinese one in a meta.
    let a = read_one("page_channel_title.html");
    assert_eq!(a.title, "淘宝App支持微信支付");
    assert_eq!(date(&a).as_deref(), Some("2022-03-26T07:06:00+08:00"));
    assert_eq!(paragraphs(&a), vec![FACT, SECOND]);
}

#[test]
fn wechat_article() {
    let a = read_one("page_wechat.html");
    assert_eq!(a.title, "重磅！淘宝App支持微信支付");
    assert_eq!(date(&a).as_deref(), Some("2022-03-26T07:06:00+08:00"));
    let p = paragraphs(&a);
    assert_eq!(p[..2], [FACT, SECOND]);
}

#[test]
fn big5_and_utf16_pages() {
    let a = read_one("big5_meta.html");
    assert_eq!(a.title, "淘寶支持微信支付");
    assert!(paragraphs(&a)[0].starts_with("3月26日，淘寶App已經支持微信支付"));
    for name in ["utf16le_no_bom.html", "utf16be_bom.html"] {
        let a = read_one(name);
        assert_eq!(a.title, "淘宝支持微信支付", "{name}");
        assert_eq!(date(&a).as_deref(), Some("2022-03-26T07:06:00+08:00"));
        assert_eq!(paragraphs(&a), vec![FACT, SECOND], "{name}");
    }
}

#[test]
fn feed_dates_in_any_common_form() {
    let v: Vec<Article> = read_all("feed_odd_dates.xml")
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let dates: Vec<Option<String>> = v.iter().map(date).collect();
    assert_eq!(
        dates,
        vec![
            Some("2022-03-26T07:06:00+08:00".to_string()),
            None,
            Some("2022-03-26T07:06:00+08:00".to_string()),
            Some("2022-03-26T00:00:00+08:00".to_string()),
            Some("2022-03-26T07:06:00+08:00".to_string()),
        ]
    );
    // Entity-escaped HTML in a description is the item's markup.
    assert_eq!(paragraphs(&v[1]), vec![FACT, SECOND]);
}

#[test]
fn rdf_and_xhtml_atom_feeds() {
    let a = read_one("feed_rdf.xml");
    assert_eq!(a.title, "淘宝App支持微信支付");
    assert_eq!(date(&a).as_deref(), Some("2022-03-26T07:06:00+08:00"));
    assert_eq!(paragraphs(&a), vec![FACT]);
    let v: Vec<Article> = read_all("feed_atom_xhtml.xml")
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(v[0].title, "淘宝App支持微信支付");
    assert_eq!(paragraphs(&v[0]), vec![FACT, SECOND]);
    // Only a summary, only an updated time.
    assert_eq!(paragraphs(&v[1]), vec![FACT]);
    assert_eq!(date(&v[1]).as_deref(), Some("2022-03-26T15:06:00+08:00"));
}

#[test]
fn bare_ampersand_in_a_feed_is_repaired() {
    let v = read_all("feed_bare_ampersand.xml");
    assert_eq!(v.len(), 2);
    assert_eq!(v[1].as_ref().unwrap().title, "坏的 & 不转义");
}

#[test]
fn posts_with_toml_or_no_front_matter_and_crlf() {
    let a = read_one("post_toml.md");
    assert_eq!(a.title, "淘宝App支持微信支付");
    assert_eq!(date(&a).as_deref(), Some("2022-03-26T07:06:00+08:00"));
    assert_eq!(a.tags, vec!["淘宝", "微信"]);
    assert_eq!(paragraphs(&a), vec![FACT, SECOND]);
    let a = read_one("post_no_front_matter.md");
    assert_eq!(a.title, "淘宝App支持微信支付");
    let a = read_one("post_crlf.md");
    assert_eq!(a.title, "CRLF 文件");
    assert_eq!(paragraphs(&a), vec![FACT, SECOND]);
}

#[test]
fn json_lines_with_bom_blank_lines_and_crlf() {
    let v = read_all("articles_bom_crlf.jsonl");
    assert_eq!(v.len(), 2);
    for a in &v {
        assert_eq!(paragraphs(a.as_ref().unwrap()), vec![FACT]);
    }
}

#[test]
fn broken_feeds_keep_their_good_items() {
    let v = read_all("broken/feed_one_bad_item.xml");
    assert_eq!(v.len(), 3);
    assert_eq!(v[0].as_ref().unwrap().id, "feed_one_bad_item.xml#1");
    let e = v[1].as_ref().unwrap_err();
    assert!(
        e.contains("feed_one_bad_item.xml: item 2: not a readable feed item"),
        "{e}"
    );
    let c = v[2].as_ref().unwrap();
    assert_eq!(c.id, "feed_one_bad_item.xml#3");
    assert_eq!(date(c).as_deref(), Some("2022-03-27T08:00:00+08:00"));

    let v = read_all("broken/feed_truncated.xml");
    assert_eq!(v.len(), 2);
    assert!(v[0].is_ok());
    let e = v[1].as_ref().unwrap_err();
    assert!(e.contains("item 2") && e.contains("cut off"), "{e}");
}

#[test]
fn broken_files_name_the_fault() {
    for (name, fault) in [
        ("broken/array_truncated.json", "item 2: the file is cut off"),
        (
            "broken/page.html.gz",
            "gzip-compressed data (decompress it first)",
        ),
        ("broken/feed_empty.xml", "feed has no items"),
    ] {
        let v = read_all(name);
        let e = v.last().unwrap().as_ref().unwrap_err();
        assert!(e.starts_with(&fixture(name).display().to_string()), "{e}");
        assert!(e.contains(fault), "{name}: {e}");
    }
    // The good item before the cut is kept.
    assert_eq!(
        read_all("broken/array_truncated.json")[0]
            .as_ref()
            .unwrap()
            .title,
        "a"
    );
}

#[test]
fn batch_of_broken_files_goes_on_and_fails_at_the_end() {
    let (out, stderr, code) = extract("broken");
    assert_eq!(code, Some(1));
    for line in [
        "array_truncated.json: item 2: the file is cut off",
        "feed_empty.xml: feed has no items",
        "feed_one_bad_item.xml: item 2: not a readable feed item",
        "feed_truncated.xml: item 2: not a readable feed item (the feed is cut off here)",
        "page.html.gz: gzip-compressed data",
    ] {
        assert!(stderr.contains(line), "missing {line:?} in\n{stderr}");
    }
    assert!(!stderr.contains("panicked"));
    let ids: Vec<&str> = out.iter().map(|v| v["article"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        vec![
            "array_truncated.json#1",
            "feed_one_bad_item.xml#1",
            "feed_one_bad_item.xml#3",
            "feed_truncated.xml#1"
        ]
    );
}

#[cfg(unix)]
#[test]
fn links_to_nowhere_and_empty_directories() {
    let dir = std::env::temp_dir().join(format!("hutong-shapes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    std::os::unix::fs::symlink("nowhere.html", dir.join("dangling.html")).unwrap();
    std::os::unix::fs::symlink("loop", dir.join("loop")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .arg("extract")
        .arg(dir.join("dangling.html"))
        .arg(dir.join("loop"))
        .arg(dir.join("empty"))
        .arg(fixture("post_toml.md"))
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("dangling.html: broken symbolic link"),
        "{stderr}"
    );
    assert!(
        stderr.contains("loop: symbolic link that cannot be followed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("empty: directory holds no files to read"),
        "{stderr}"
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn markdown_body_and_nested_front_matter() {
    // Lists and a nested map in the front matter, `2022/03/26 07:06`.
    let a = read_one("post_markdown_body.md");
    assert_eq!(a.title, "淘宝App支持微信支付");
    assert_eq!(date(&a).as_deref(), Some("2022-03-26T07:06:00+08:00"));
    assert_eq!(a.tags, vec!["淘宝", "微信"]);
    assert_eq!(a.categories, vec!["科技", "互联网"]);
    let p = paragraphs(&a);
    assert_eq!(p[..3], ["小标题", FACT, SECOND]);
    assert_eq!(p[4], "列表项二：淘宝");
}

#[test]
fn traditional_page_states_what_its_simplified_twin_states() {
    // A Hong Kong or Taiwan outlet's page of the same story: 微信開放淘寶連結,
    // 支付寶, 騰訊, 於9月17日前, 下週三, 春節後兩天.
    let (trad, err, code) = extract("page_traditional.html");
    assert_eq!(code, Some(0), "{err}");
    let (simp, _, _) = extract("page_simplified_twin.html");
    let (t, s) = (&trad[0], &simp[0]);
    assert_eq!(t["relevant"], true);
    for key in ["relevant", "entities", "published"] {
        assert_eq!(t[key], s[key], "{key}");
    }
    let ids = t["entities"].as_array().unwrap();
    for id in [
        "wechat",
        "taobao",
        "alipay",
        "tencent",
        "miit",
        "wechat_pay",
    ] {
        assert!(ids.iter().any(|e| e == id), "{id} in {ids:?}");
    }
    // The same values, each quoted as the page wrote it.
    let timexes = |v: &serde_json::Value| -> Vec<(String, String, String)> {
        v["timexes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                let f = |k: &str| x[k].as_str().unwrap_or_default().to_string();
                (f("type"), f("value"), f("text"))
            })
            .collect()
    };
    let (tt, st) = (timexes(t), timexes(s));
    assert_eq!(tt.len(), st.len());
    for (a, b) in tt.iter().zip(&st) {
        assert_eq!((&a.0, &a.1), (&b.0, &b.1), "{a:?} {b:?}");
    }
    let texts: Vec<&str> = tt.iter().map(|x| x.2.as_str()).collect();
    for w in ["下週三", "春節", "兩天", "9月17日前", "2021年11月底"] {
        assert!(texts.contains(&w), "{w} in {texts:?}");
    }
    // The same facts; the evidence is the page's own words.
    let facts = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e.as_object_mut().unwrap().remove("evidence");
                e
            })
            .collect()
    };
    assert_eq!(facts(t), facts(s));
    assert!(has_fact(t, "wechat", "open_link", "taobao"));
    assert!(t["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["scope"] == "private_chat"
            && e["when"] == "2021-11"
            && e["evidence"]["quote"]
                .as_str()
                .unwrap()
                .contains("淘寶商品連結")));
}
