//! Every reader on real-shaped input: the seeds, HTML pages, RSS and Atom,
//! JSON Lines, GBK pages, broken front matter, a missing date; and the
//! `extract` command over them.

use hutong::model::{Article, BodyKind};
use hutong::read::{self, Limits};
use hutong::text;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn read_one(path: &Path) -> Article {
    let mut v = read::read_path(path, &Limits::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(v.len(), 1, "{}", path.display());
    v.remove(0)
}

/// (id, text) of every paragraph of the text model.
fn paragraphs(a: &Article) -> Vec<(String, String)> {
    let doc = text::document(a);
    doc.paragraphs
        .iter()
        .map(|p| (p.id.clone(), doc.text[p.span.start..p.span.end].to_string()))
        .collect()
}

fn published(a: &Article) -> Option<String> {
    a.published.map(|d| d.to_rfc3339())
}

#[test]
fn seed_taobao_wechat_pay() {
    let a = read_one(&root().join("seeds/000_925aed67b6f27cf9.txt"));
    assert_eq!(a.id, "000_925aed67b6f27cf9.txt");
    assert_eq!(a.title, "腾讯阿里互联互通重大进展：淘宝内测微信支付！");
    // Fri, 25 Mar 2022 23:06:09 GMT is the next morning in Beijing.
    assert_eq!(published(&a).as_deref(), Some("2022-03-26T07:06:09+08:00"));
    assert_eq!(a.author.as_deref(), Some("IT 之家"));
    assert_eq!(a.categories, vec!["新媒体", "IT 之家", "热榜"]);
    assert_eq!(a.body_kind, BodyKind::Html);
    let p = paragraphs(&a);
    let ids: Vec<&str> = p.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["8090", "0243", "1007", "3934", "b1a7", "f5bf", "29de", "7481", "6014"]
    );
    assert_eq!(
        p[0].1,
        "IT之家 3 月 26 日消息，“互联互通”迎来新进展，IT之家小伙伴发现淘宝 App 下单后已经可以选择微信支付的付款方式，不过有点麻烦。"
    );
    // The contributor credit and the image-only paragraphs (3c96, fc17,
    // 32de) are gone.
    assert!(p.iter().all(|(_, t)| !t.contains("线索投递")));
    assert!(!ids.contains(&"3c96") && !ids.contains(&"fc17") && !ids.contains(&"32de"));
    let doc = text::document(&a);
    assert_eq!(doc.sentences().len(), 14);
}

#[test]
fn seed_wechat_opens_taobao_links() {
    let a = read_one(&root().join("seeds/001_77187ca88e7410b4.txt"));
    assert_eq!(
        a.title,
        "_互联互通_新进展：微信可直接打开淘宝链接购买，抖音、闲鱼链接也支持"
    );
    assert_eq!(published(&a).as_deref(), Some("2022-01-27T13:08:54+08:00"));
    let p = paragraphs(&a);
    let ids: Vec<&str> = p.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["bd0b", "392a", "9198", "c82f", "f5bf", "29de", "7481", "6014"]
    );
    assert!(p[0].1.starts_with("IT之家 1 月 27 日消息"));
    assert!(p.iter().all(|(_, t)| !t.contains("蓝海岸Nibiru")));
    for image_only in ["d2ff", "d400", "19bf"] {
        assert!(!ids.contains(&image_only), "{image_only} kept");
    }
}

#[test]
fn html_page_with_article_element() {
    let a = read_one(&fixture("page_article.html"));
    assert_eq!(a.id, "page_article.html");
    assert_eq!(a.title, "阿里腾讯“双向奔赴”再提速：微信可直接加入钉钉会议");
    // article:published_time beats the later <time> in the byline.
    assert_eq!(published(&a).as_deref(), Some("2024-03-04T10:21:00+08:00"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example.cn/2024/03/04/dingtalk-in-wechat.html")
    );
    let p = paragraphs(&a);
    let texts: Vec<&str> = p.iter().map(|(_, t)| t.as_str()).collect();
    // The headline is the title, and the byline with its date stamp is the
    // page's record of the posting: neither is a line of the body.
    assert_eq!(
        texts,
        vec![
            "继上月底淘宝悄然开放微信支付后，阿里和腾讯的互联互通还在继续。",
            "3月4日，有网友发现，阿里旗下业务钉钉最新版本也悄悄向微信开放，这意味着用户无需单独下载打开钉钉客户端，即可在微信内加入钉钉会议。",
            "据了解，只需将钉钉会议的入会链接分享给微信好友，对方即可在微信内直接进入同一场会议。",
        ]
    );
    // Navigation, related links, footers and scripts stay out.
    for noise in ["首页", "相关阅读", "责任编辑", "版权所有", "不是正文"] {
        assert!(texts.iter().all(|t| !t.contains(noise)), "{noise}");
    }
}

#[test]
fn html_page_densest_block_and_json_ld() {
    let a = read_one(&fixture("page_div.html"));
    // JSON-LD headline, without the site name of <title>.
    assert_eq!(a.title, "淘宝可直接用微信支付了！客服回应正逐步开放");
    // JSON-LD datePublished without a zone is Beijing time.
    assert_eq!(published(&a).as_deref(), Some("2024-02-20T09:12:00+08:00"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example.com/1234567.htm")
    );
    let p = paragraphs(&a);
    assert_eq!(p.len(), 3);
    assert_eq!(
        p[0].1,
        "快科技2月20日消息，据媒体报道，近日有多名网友发现， 部分淘宝订单可直接跳转至微信支付进行付款。"
    );
    assert!(p
        .iter()
        .all(|(_, t)| !t.contains("热门文章") && !t.contains("分享到")));
}

#[test]
fn html_page_time_element() {
    let a = read_one(&fixture("page_time.html"));
    assert_eq!(a.title, "支付宝、财付通收央行巨额罚单");
    assert_eq!(published(&a).as_deref(), Some("2023-07-07T21:30:00+08:00"));
    let p = paragraphs(&a);
    assert_eq!(p.len(), 5);
    assert_eq!(
        p[2].1,
        "7月7日晚间，中国人民银行对支付宝、财付通开出巨额罚单。"
    );
}

#[test]
fn rss_feed_items() {
    let v = read::read_path(&fixture("feed_rss.xml"), &Limits::default()).unwrap();
    assert_eq!(v.len(), 2);
    let a = &v[0];
    assert_eq!(a.id, "feed_rss.xml#1");
    assert_eq!(a.title, "腾讯阿里互联互通重大进展：淘宝内测微信支付！");
    assert_eq!(published(a).as_deref(), Some("2022-03-26T07:06:09+08:00"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.ithome.com/0/610/426.htm")
    );
    // content:encoded wins over the description.
    let p = paragraphs(a);
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].0, "8090");
    assert!(p.iter().all(|(_, t)| !t.contains("线索投递")));
    let b = &v[1];
    assert_eq!(b.id, "feed_rss.xml#2");
    assert_eq!(published(b).as_deref(), Some("2022-01-27T13:08:54+08:00"));
    let p = paragraphs(b);
    assert_eq!(
        p[1].1,
        "值得一提的是，在微信内点击淘宝链接购买商品，并不能使用微信支付。"
    );
}

#[test]
fn atom_feed_entries() {
    let v = read::read_path(&fixture("feed_atom.xml"), &Limits::default()).unwrap();
    assert_eq!(v.len(), 2);
    let a = &v[0];
    assert_eq!(a.id, "feed_atom.xml#1");
    assert_eq!(a.title, "阿里腾讯“双向奔赴”再提速：微信可直接加入钉钉会议");
    assert_eq!(published(a).as_deref(), Some("2024-03-04T10:21:00+08:00"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example.cn/2024/03/04/dingtalk-in-wechat.html")
    );
    assert_eq!(a.author.as_deref(), Some("欧阳宏宇"));
    assert_eq!(paragraphs(a).len(), 2);
    // No <published>: <updated> is the date; the summary is the body.
    let b = &v[1];
    assert_eq!(published(b).as_deref(), Some("2024-02-20T09:12:00+08:00"));
    assert_eq!(b.body_kind, BodyKind::Text);
    assert_eq!(
        paragraphs(b)[0].1,
        "快科技2月20日消息，近日有多名网友发现，部分淘宝订单可直接跳转至微信支付进行付款。"
    );
}

#[test]
fn json_lines_keep_good_lines_and_name_bad_ones() {
    let v = read::read_path_each(&fixture("articles.jsonl"), &Limits::default());
    assert_eq!(v.len(), 5);
    let a = v[0].as_ref().unwrap();
    assert_eq!(a.id, "dingtalk-wechat");
    assert_eq!(published(a).as_deref(), Some("2024-03-04T00:00:00+08:00"));
    assert_eq!(a.body_kind, BodyKind::Html);
    assert_eq!(paragraphs(a).len(), 2);
    let b = v[1].as_ref().unwrap();
    // No id: the file name and line number.
    assert_eq!(b.id, "articles.jsonl#2");
    assert_eq!(published(b).as_deref(), Some("2023-07-07T21:30:00+08:00"));
    assert_eq!(b.body_kind, BodyKind::Text);
    assert_eq!(paragraphs(b).len(), 2);
    let e = v[2].as_ref().unwrap_err().to_string();
    assert!(
        e.contains("articles.jsonl") && e.contains("line 3: not valid JSON"),
        "{e}"
    );
    // Line 4 is blank; line 5 has no body.
    let e = v[3].as_ref().unwrap_err().to_string();
    assert!(e.contains("line 5: no \"html\" or \"text\" field"), "{e}");
    let c = v[4].as_ref().unwrap();
    assert_eq!(c.id, "articles.jsonl#6");
    assert_eq!(published(c).as_deref(), Some("2024-02-20T09:12:00+08:00"));
    // The strict reader fails the whole file on its first bad line.
    assert!(read::read_path(&fixture("articles.jsonl"), &Limits::default()).is_err());
}

#[test]
fn gbk_page_without_declared_charset() {
    let bytes = std::fs::read(fixture("gbk_undeclared.html")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "fixture must be GBK");
    let a = read_one(&fixture("gbk_undeclared.html"));
    assert_eq!(a.title, "淘宝可直接用微信支付了！客服回应正逐步开放");
    assert_eq!(a.published, None);
    let p = paragraphs(&a);
    assert_eq!(p.len(), 3);
    assert_eq!(
        p[0].1,
        "据媒体报道，近日有多名网友发现，部分淘宝订单可直接跳转至微信支付进行付款。"
    );
}

#[test]
fn big5_page_without_declared_charset() {
    // Traditional pages from Hong Kong and Taiwan are Big5, not GBK: both
    // decode the same bytes without an error, so the detector has to tell.
    let bytes = std::fs::read(fixture("big5_undeclared.html")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "fixture must be Big5");
    assert_eq!(hutong::read::encoding::declared(&bytes), None);
    let (_, label) = hutong::read::encoding::decode_with_label(&bytes).unwrap();
    assert_eq!(label, "Big5");
    let a = read_one(&fixture("big5_undeclared.html"));
    assert_eq!(a.title, "微信開放淘寶連結 私聊可直接打開");
    let p = paragraphs(&a);
    assert_eq!(p.len(), 3);
    assert_eq!(
        p[0].1,
        "據媒體報道，近日有多位網友發現，微信個人對話中的淘寶商品連結已經可以直接打開。"
    );
}

#[test]
fn gbk_page_with_meta_charset() {
    let a = read_one(&fixture("gbk_meta.html"));
    assert_eq!(a.title, "淘宝可直接用微信支付了！客服回应正逐步开放");
    assert_eq!(published(&a).as_deref(), Some("2024-02-20T09:12:00+08:00"));
    let p = paragraphs(&a);
    assert_eq!(p.len(), 3);
    assert!(p[2]
        .1
        .starts_with("在去年10月份的时候，淘宝曾推出了“微信扫码支付”选项"));
}

#[test]
fn broken_front_matter_is_an_error_naming_the_file() {
    for (name, problem) in [
        ("unclosed_front_matter.txt", "front matter never closes"),
        ("invalid_yaml.txt", "front matter is not valid YAML"),
    ] {
        let path = fixture("bad").join(name);
        let e = read::read_path(&path, &Limits::default())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with(&path.display().to_string()), "{e}");
        assert!(e.contains(problem), "{e}");
    }
}

#[test]
fn missing_date_reads_without_one() {
    let a = read_one(&fixture("no_date.txt"));
    assert_eq!(a.published, None);
    assert_eq!(a.title, "淘宝可直接用微信支付了！客服回应正逐步开放");
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example.com/1234567.htm")
    );
    assert_eq!(paragraphs(&a).len(), 2);
    let lex = hutong::lexicon::Lexicon::builtin();
    let x = hutong::pipeline::extract(&lex, &a, false);
    assert_eq!(x.published, None);
}

#[test]
fn standard_input_is_read() {
    let seed = std::fs::read(root().join("seeds/000_925aed67b6f27cf9.txt")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&seed).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["article"], "-");
    assert_eq!(v["published"], "2022-03-26T07:06:09+08:00");
}

#[test]
fn cli_extracts_the_seeds() {
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--format", "jsonl"])
        .arg(root().join("seeds"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["article"], "000_925aed67b6f27cf9.txt");
    assert_eq!(lines[0]["published"], "2022-03-26T07:06:09+08:00");
    assert_eq!(lines[1]["article"], "001_77187ca88e7410b4.txt");
    assert_eq!(lines[1]["published"], "2022-01-27T13:08:54+08:00");
    for l in &lines {
        for field in ["title", "relevant", "entities", "timexes", "events"] {
            assert!(l.get(field).is_some(), "no {field}");
        }
    }
}

#[test]
fn cli_missing_file_fails_the_batch_but_not_the_others() {
    let missing = root().join("seeds/no_such_article.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--format", "jsonl"])
        .arg(root().join("seeds/000_925aed67b6f27cf9.txt"))
        .arg(&missing)
        .arg(root().join("seeds/001_77187ca88e7410b4.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!("hutong: {}: ", missing.display())),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let published: Vec<String> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["published"].to_string())
        .collect();
    assert_eq!(
        published,
        vec![
            "\"2022-03-26T07:06:09+08:00\"",
            "\"2022-01-27T13:08:54+08:00\""
        ]
    );
}

#[test]
fn cli_text_format_and_text_dump() {
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--format", "jsonl", "--text"])
        .arg(root().join("seeds/000_925aed67b6f27cf9.txt"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["text"]["paragraphs"][0]["id"], "8090");
    assert_eq!(v["text"]["sentences"].as_array().map(Vec::len), Some(14));
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--format", "text"])
        .arg(root().join("seeds/001_77187ca88e7410b4.txt"))
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("== 001_77187ca88e7410b4.txt (2022-01-27T13:08:54+08:00)\n"),
        "{s}"
    );
}

#[test]
fn json_array_of_articles() {
    let text = r#"[{"title": "阿里腾讯“双向奔赴”再提速", "published": "2024-03-04", "html": "<p>继上月底淘宝悄然开放微信支付后，阿里和腾讯的互联互通还在继续。</p>"},
 {"title": "没有正文"}]"#;
    let v = read::read_bytes_each(
        text.as_bytes(),
        "export.json",
        "export.json",
        &Limits::default(),
    );
    assert_eq!(v.len(), 2);
    let a = v[0].as_ref().unwrap();
    assert_eq!(a.id, "export.json#1");
    assert_eq!(published(a).as_deref(), Some("2024-03-04T00:00:00+08:00"));
    assert_eq!(paragraphs(a).len(), 1);
    let e = v[1].as_ref().unwrap_err().to_string();
    assert_eq!(e, "export.json: item 2: no \"html\" or \"text\" field");
}

#[cfg(unix)]
#[test]
fn directories_recurse_in_order_and_links_back_up_are_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("b/inner")).unwrap();
    for (to, from) in [
        ("a.txt", "seeds/000_925aed67b6f27cf9.txt"),
        ("b/inner/c.txt", "seeds/001_77187ca88e7410b4.txt"),
        ("d.txt", "tests/fixtures/no_date.txt"),
        (".hidden.txt", "tests/fixtures/no_date.txt"),
    ] {
        std::fs::copy(root().join(from), d.join(to)).unwrap();
    }
    std::os::unix::fs::symlink(d, d.join("b/inner/loop")).unwrap();
    let found: Vec<PathBuf> = read::collect_inputs(&[d.to_path_buf()])
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        found,
        vec![d.join("a.txt"), d.join("b/inner/c.txt"), d.join("d.txt")]
    );
}

#[cfg(unix)]
#[test]
fn endless_input_stops_at_the_size_limit() {
    let zero = Path::new("/dev/zero");
    if !zero.exists() {
        return;
    }
    let limits = Limits {
        max_file_bytes: 4096,
        ..Limits::default()
    };
    let e = read::read_path(zero, &limits).unwrap_err().to_string();
    assert_eq!(
        e,
        "/dev/zero: 4097 bytes or more, over the limit of 4096 (raise it with --max-file-bytes)"
    );
}

fn read_json(text: &str, name: &str) -> Vec<Result<Article, read::ReadError>> {
    read::read_bytes_each(text.as_bytes(), name, name, &Limits::default())
}

#[test]
fn json_feed_items_are_articles() {
    let text = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "科技新闻",
  "items": [
    {"id": "a1", "url": "https://example.com/a1", "title": "淘宝接入微信支付",
     "date_published": "2022-03-26T07:00:00+08:00",
     "content_html": "<p>淘宝正在测试微信支付。</p><p>此前只能用支付宝。</p>",
     "authors": [{"name": "小编"}]},
    {"id": "a2", "title": "纯文本", "date_published": "2022-03-27T09:00:00Z",
     "content_text": "微信可以打开淘宝链接了。"}
  ]
}"#;
    let v = read_json(text, "feed.json");
    assert_eq!(v.len(), 2, "{v:?}");
    let a = v[0].as_ref().unwrap();
    assert_eq!(a.title, "淘宝接入微信支付");
    assert_eq!(a.url.as_deref(), Some("https://example.com/a1"));
    assert_eq!(published(a).as_deref(), Some("2022-03-26T07:00:00+08:00"));
    assert_eq!(paragraphs(a).len(), 2);
    let b = v[1].as_ref().unwrap();
    assert_eq!(published(b).as_deref(), Some("2022-03-27T17:00:00+08:00"));
    assert!(b.body.contains("淘宝链接"));
}

#[test]
fn json_exports_under_other_field_names_and_shapes() {
    // One pretty-printed article, with a Unix time in milliseconds, the
    // body under `content` and the author as an object.
    let one = r#"{
  "headline": "微信开放抖音链接",
  "publish_time": 1644544800000,
  "link": "https://example.com/b",
  "author": {"name": "记者"},
  "content": "<div><p>微信开始支持直接打开抖音链接。</p></div>"
}"#;
    let v = read_json(one, "one.json");
    assert_eq!(v.len(), 1, "{v:?}");
    let a = v[0].as_ref().unwrap();
    assert_eq!(a.title, "微信开放抖音链接");
    assert_eq!(a.body_kind, BodyKind::Html);
    assert_eq!(a.author.as_deref(), Some("记者"));
    assert_eq!(a.url.as_deref(), Some("https://example.com/b"));
    assert_eq!(published(a).as_deref(), Some("2022-02-11T10:00:00+08:00"));

    // A wrapper object; the second item's date is Unix seconds, the third
    // has no body and is reported by its position.
    let wrapped = r#"{"total": 3, "articles": [
  {"title": "甲", "pubDate": "Sat, 26 Mar 2022 07:00:00 +0800", "body": "淘宝正在测试微信支付。"},
  {"title": "乙", "time": 1648249200, "description": "支付宝接入云闪付。"},
  {"title": "丙"}
]}"#;
    let v = read_json(wrapped, "export.json");
    assert_eq!(v.len(), 3);
    let a = v[0].as_ref().unwrap();
    assert_eq!(a.body_kind, BodyKind::Text);
    assert_eq!(published(a).as_deref(), Some("2022-03-26T07:00:00+08:00"));
    let b = v[1].as_ref().unwrap();
    assert_eq!(published(b).as_deref(), Some("2022-03-26T07:00:00+08:00"));
    let e = v[2].as_ref().unwrap_err().to_string();
    assert_eq!(e, "export.json: item 3: no \"html\" or \"text\" field");

    // A date that is neither a string nor a number is named in the error.
    let bad = r#"{"title": "丁", "date": [2022, 3, 26], "text": "正文"}"#;
    let e = read_json(bad, "bad.jsonl")[0]
        .as_ref()
        .unwrap_err()
        .to_string();
    assert_eq!(e, "bad.jsonl: line 1: \"date\" is not a date but an array");
}

#[test]
fn html_page_with_each_paragraph_in_its_own_section() {
    // An editor that wraps every paragraph in <section><p><span>: the
    // article is the block holding them all, and its date sits in an
    // element named for it.
    let a = read::read_path(&fixture("page_sections.html"), &Limits::default())
        .unwrap()
        .remove(0);
    assert_eq!(published(&a).as_deref(), Some("2022-02-11T10:00:00+08:00"));
    let p = paragraphs(&a);
    assert_eq!(p.len(), 5, "{p:?}");
    assert!(p[0].1.starts_with("2月10日"));
    assert!(p.iter().all(|(_, t)| !t.contains("喜欢作者")));
}

#[test]
fn html_page_dated_only_in_its_byline() {
    // No metadata, no <time>: the date with a time of day just before the
    // article; the navigation's date is not the article's.
    let a = read::read_path(&fixture("page_byline.html"), &Limits::default())
        .unwrap()
        .remove(0);
    assert_eq!(published(&a).as_deref(), Some("2022-03-26T07:06:00+08:00"));
    assert_eq!(a.title, "淘宝接入微信支付");
    let p = paragraphs(&a);
    assert_eq!(p.len(), 3, "{p:?}");
}
