//! Reports and charts from the seed articles.
//!
//! The timeline the renderers draw here is the gold timeline of the seeds
//! (../shared/gold/seeds), joined to the seed articles as read by hutong,
//! so these tests check the drawing whatever the extraction scores.

use hutong::model::{Extraction, Fact, Relevance, TimelineRow};
use hutong::read::{self, Limits};
use hutong::render::charts::{self, Chart, LabelBox};
use hutong::render::report::{self, Labels, Report, ReportOptions};
use std::path::{Path, PathBuf};
use yaml_serde::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn gold_dir() -> PathBuf {
    root().join("../shared/gold/seeds")
}

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(str::to_string)
}

fn load_yaml(p: &Path) -> Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The gold merged timeline of the seeds.
fn gold_rows() -> Vec<TimelineRow> {
    let y = load_yaml(&gold_dir().join("timeline.yaml"));
    let rows = y
        .get("timeline")
        .and_then(|t| t.as_sequence())
        .expect("timeline list");
    rows.iter()
        .map(|r| TimelineRow {
            first: s(r, "first").expect("first"),
            subject: s(r, "subject").expect("subject"),
            capability: s(r, "capability").expect("capability"),
            object: s(r, "object"),
            scope: s(r, "scope"),
            status: s(r, "status").expect("status"),
            sources: r
                .get("sources")
                .and_then(|x| x.as_sequence())
                .map(|v| {
                    v.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            evidence: Vec::new(),
            conflict: false,
        })
        .collect()
}

/// The seed articles as read, with their gold facts.
fn gold_extractions() -> Vec<Extraction> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .expect("seeds/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for f in files {
        let arts = read::read_path(&f, &Limits::default()).expect("seed reads");
        for a in arts {
            let gold = gold_dir().join(a.id.replace(".txt", ".yaml"));
            let g = load_yaml(&gold);
            let events = g
                .get("events")
                .and_then(|e| e.as_sequence())
                .map(|v| {
                    v.iter()
                        .map(|e| Fact {
                            when: s(e, "when").unwrap_or_default(),
                            subject: s(e, "subject").unwrap_or_default(),
                            capability: s(e, "capability").unwrap_or_default(),
                            object: s(e, "object"),
                            scope: s(e, "scope"),
                            status: s(e, "status").unwrap_or_default(),
                            evidence: None,
                        })
                        .collect()
                })
                .unwrap_or_default();
            out.push(Extraction {
                article: a.id.clone(),
                published: a.published.map(|d| d.to_rfc3339()),
                title: a.title.clone(),
                url: a.url.clone(),
                relevant: true,
                relevance: Relevance::default(),
                entities: Vec::new(),
                timexes: Vec::new(),
                events,
                text: None,
            });
        }
    }
    assert_eq!(out.len(), 2, "two seed articles");
    out
}

fn gold_report() -> Report {
    Report::new(
        &gold_rows(),
        &gold_extractions(),
        Labels::builtin(),
        &ReportOptions::default(),
    )
}

/// Render the gold report once per test binary and keep a copy under
/// target/ for people to look at.
fn rendered() -> &'static report::Rendered {
    static R: std::sync::OnceLock<report::Rendered> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        let r = report::render(&gold_report()).unwrap_or_else(|e| panic!("{e}"));
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-preview");
        r.write_to(&dir).expect("preview written");
        r
    })
}

fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("SVG is not XML: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect()
}

#[test]
fn svgs_parse_and_name_the_platforms() {
    let r = rendered();
    let tl = svg_texts(&r.timeline.svg);
    for lane in ["工信部", "微信", "淘宝"] {
        assert!(
            tl.iter().any(|t| t == lane),
            "timeline lane {lane} in {tl:?}"
        );
    }
    // The WeChat Pay story: not supported, then in beta.
    assert!(
        tl.iter()
            .any(|t| t.contains("微信支付") && t.contains("不支持")),
        "{tl:?}"
    );
    assert!(
        tl.iter()
            .any(|t| t.contains("微信支付") && t.contains("内测")),
        "{tl:?}"
    );
    assert!(tl.iter().any(|t| t == "2022-01"), "month ticks: {tl:?}");

    let cap = svg_texts(&r.capabilities.svg);
    for label in [
        "微信",
        "淘宝",
        "微信支付 支付方式",
        "淘宝 打开链接 (朋友圈)",
    ] {
        assert!(
            cap.iter().any(|t| t == label),
            "capabilities row {label} in {cap:?}"
        );
    }
    // One row per capability of the gold timeline (14 distinct keys).
    let report = gold_report();
    assert_eq!(report.histories.len(), 14);
    let rows = report
        .histories
        .iter()
        .filter(|h| cap.contains(&report.lane_label(&h.key)))
        .count();
    assert_eq!(rows, 14);
}

fn decode(png: &[u8]) -> image::RgbImage {
    image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .expect("PNG decodes")
        .to_rgb8()
}

fn dark(p: &image::Rgb<u8>) -> bool {
    let [r, g, b] = p.0;
    (r as u32 * 299 + g as u32 * 587 + b as u32 * 114) / 1000 < 110
}

fn check_png(chart: &Chart, name: &str) {
    let img = decode(&chart.png);
    assert_eq!(img.dimensions(), chart.png_size, "{name} size");
    assert_eq!(
        img.width() as f64,
        charts::WIDTH * charts::PNG_SCALE,
        "{name} width"
    );
    assert_eq!(
        (chart.svg_size.0 as f64 * charts::PNG_SCALE) as u32,
        img.width()
    );
    let total = (img.width() * img.height()) as usize;
    let non_white = img.pixels().filter(|p| p.0 != [255, 255, 255]).count();
    assert!(
        non_white * 20 > total,
        "{name} is nearly blank: {non_white}/{total}"
    );
    assert!(!chart.png_labels.is_empty());
    let font = hutong::render::fonts::cjk().expect("a CJK font");
    for b in &chart.png_labels {
        // Every character has a glyph in the font that drew it: no empty
        // boxes and no `?` stand-ins.
        font.check_covers(&b.text)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let ink = ink_in(&img, b);
        let area = (b.w * b.h).max(1) as usize;
        // A line of CJK glyphs covers a good share of its box; an empty
        // box (no font, no glyphs) covers none.
        assert!(
            ink * 25 > area,
            "{name}: label {:?} has {ink} dark pixels in {area}",
            b.text
        );
    }
}

fn ink_in(img: &image::RgbImage, b: &LabelBox) -> usize {
    let mut n = 0;
    for y in b.y.max(0)..(b.y + b.h).min(img.height() as i32) {
        for x in b.x.max(0)..(b.x + b.w).min(img.width() as i32) {
            if dark(img.get_pixel(x as u32, y as u32)) {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn pngs_decode_and_draw_every_label() {
    let r = rendered();
    check_png(&r.timeline, "timeline");
    check_png(&r.capabilities, "capabilities");
}

#[test]
fn timeline_labels_do_not_overlap() {
    let r = rendered();
    let b = &r.timeline.png_labels;
    for (i, a) in b.iter().enumerate() {
        for c in b.iter().skip(i + 1) {
            let apart =
                a.x + a.w <= c.x || c.x + c.w <= a.x || a.y + a.h <= c.y || c.y + c.h <= a.y;
            assert!(apart, "labels overlap: {:?} and {:?}", a.text, c.text);
        }
    }
    // Every milestone has its label.
    assert!(b.len() >= gold_rows().len());
}

#[test]
fn same_input_same_bytes() {
    let a = report::render(&gold_report()).expect("render");
    let b = rendered();
    for ((n, x), (_, y)) in a.files().into_iter().zip(b.files()) {
        assert!(x == y, "{n} differs between two runs");
    }
}

#[test]
fn markdown_tells_the_story() {
    let md = &rendered().markdown;
    assert!(md.contains("```mermaid\ntimeline\n"), "mermaid block");
    // Milestones in date order: the regulator's demand comes first, the
    // scan-to-pay test last.
    let miit = md.find("| 2021-09 | 工信部 |").expect("miit row");
    let pay = md
        .find("| 2022-03-26 | 淘宝 | 支付方式 | 微信支付 |")
        .expect("pay row");
    assert!(miit < pay);
    assert!(
        md.contains("淘宝 → 微信支付 · 支付方式：不支持 → 内测"),
        "change"
    );
    assert!(md.contains("## 能力矩阵"));
    assert!(md.contains("| 淘宝 → 微信支付 |"), "matrix row");
    assert!(md.contains("### 2022-03\n"), "change log by month");
    assert!(
        md.contains("1. _互联互通_新进展"),
        "sources by date with titles: {md}"
    );
}

#[test]
fn html_is_self_contained() {
    let html = &rendered().html;
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<svg").count(), 2, "both charts inline");
    for bad in ["<script", "<link", " src=\"http", "url(http", "@import"] {
        assert!(!html.contains(bad), "fetches something: {bad}");
    }
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains("Noto Sans CJK SC"));
    assert!(html.contains("不支持"));
}

#[test]
fn cli_writes_every_file() {
    let out = tempfile::tempdir().expect("tmp");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_hutong"))
        .arg("report")
        .arg(root().join("seeds"))
        .arg("--out")
        .arg(out.path())
        .status()
        .expect("hutong runs");
    assert!(status.success());
    for f in [
        "report.md",
        "report.html",
        "timeline.svg",
        "timeline.png",
        "capabilities.svg",
        "capabilities.png",
    ] {
        let p = out.path().join(f);
        let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert!(!bytes.is_empty(), "{f} empty");
    }
    let png = std::fs::read(out.path().join("timeline.png")).expect("png");
    decode(&png);
}

#[test]
fn a_file_that_is_not_a_cjk_font_is_named() {
    let out = tempfile::tempdir().expect("tmp");
    let not_font = root().join("Cargo.toml");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_hutong"))
        .env(hutong::render::fonts::FONT_ENV, &not_font)
        .arg("report")
        .arg(root().join("seeds"))
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("hutong runs");
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("Cargo.toml"), "{err}");
    let missing = hutong::render::fonts::FontError::NotFound.to_string();
    assert!(missing.contains("fonts-noto-cjk") && missing.contains("fonts-wqy-zenhei"));
}

#[test]
fn cli_rejects_bad_jsonl() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"article\": 1}\n").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["report", "--out"])
        .arg(dir.path().join("out"))
        .arg("--from-jsonl")
        .arg(&bad)
        .output()
        .expect("hutong runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.jsonl:1"), "{err}");
}

/// Open the HTML report in headless Chromium and check the screenshot
/// holds a page. Runs with HUTONG_BROWSER_TEST=1 (CI installs chromium).
#[test]
fn html_renders_in_chromium() {
    if std::env::var("HUTONG_BROWSER_TEST").as_deref() != Ok("1") {
        eprintln!("skipped: set HUTONG_BROWSER_TEST=1 to open the report in headless Chromium");
        return;
    }
    let r = rendered();
    let dir = tempfile::tempdir().expect("tmp");
    r.write_to(dir.path()).expect("written");
    let profile = tempfile::tempdir().expect("profile");
    let shot = dir.path().join("shot.png");
    let page = format!("file://{}", dir.path().join("report.html").display());
    let browser = std::env::var("HUTONG_CHROMIUM").unwrap_or_else(|_| "chromium".to_string());
    let out = std::process::Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1200,2000")
        .arg(&page)
        .output()
        .unwrap_or_else(|e| panic!("{browser}: {e}"));
    assert!(
        shot.exists(),
        "no screenshot; chromium said: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let img = decode(&std::fs::read(&shot).expect("screenshot"));
    assert_eq!(img.dimensions(), (1200, 2000));
    let total = (img.width() * img.height()) as usize;
    let ink = img.pixels().filter(|p| dark(p)).count();
    let colour = img
        .pixels()
        .filter(|p| {
            let [r, g, b] = p.0;
            r.max(g).max(b) - r.min(g).min(b) > 60
        })
        .count();
    assert!(
        ink * 200 > total,
        "screenshot has almost no text: {ink}/{total}"
    );
    assert!(
        colour * 500 > total,
        "screenshot has no chart colours: {colour}/{total}"
    );
    std::fs::copy(
        &shot,
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-preview/screenshot.png"),
    )
    .ok();
}

/// reports/ is what `hutong report seeds/ --out reports/` writes; fail when
/// the committed copy is stale. PNG bytes depend on the CJK font installed,
/// so PNGs are compared by size; every other file byte for byte.
#[test]
fn committed_reports_are_fresh() {
    let out = tempfile::tempdir().expect("tmp");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_hutong"))
        .arg("report")
        .arg(root().join("seeds"))
        .arg("--out")
        .arg(out.path())
        .status()
        .expect("hutong runs");
    assert!(status.success());
    let committed = root().join("reports");
    for f in [
        "report.md",
        "report.html",
        "timeline.svg",
        "capabilities.svg",
    ] {
        let fresh = std::fs::read(out.path().join(f)).expect("fresh");
        let old = std::fs::read(committed.join(f)).unwrap_or_default();
        assert!(
            fresh == old,
            "reports/{f} is stale: run `cargo run --release -- report seeds/ --out reports/`"
        );
    }
    for f in ["timeline.png", "capabilities.png"] {
        let fresh = decode(&std::fs::read(out.path().join(f)).expect("fresh"));
        let old = decode(&std::fs::read(committed.join(f)).expect("committed"));
        assert_eq!(fresh.dimensions(), old.dimensions(), "reports/{f} is stale");
    }
}

/// The whole path from `extract` output to a report: the gold facts of the
/// seeds as JSON lines, merged by the timeline graph, drawn by `report`.
#[test]
fn cli_reports_from_jsonl() {
    let dir = tempfile::tempdir().expect("tmp");
    let jsonl = dir.path().join("seeds.jsonl");
    let mut text = String::new();
    for x in gold_extractions() {
        text.push_str(&serde_json::to_string(&x).expect("json"));
        text.push('\n');
    }
    std::fs::write(&jsonl, text).expect("write");
    let out = dir.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["report", "--from-jsonl"])
        .arg(&jsonl)
        .arg("--out")
        .arg(&out)
        .status()
        .expect("hutong runs");
    assert!(status.success());
    let md = std::fs::read_to_string(out.join("report.md")).expect("report.md");
    assert!(
        md.contains("淘宝 → 微信支付 · 支付方式：不支持 → 内测"),
        "{md}"
    );
    let svg = std::fs::read_to_string(out.join("timeline.svg")).expect("svg");
    assert!(svg_texts(&svg).iter().any(|t| t.contains("微信支付")));

    // --since drops what came before it but keeps the later story.
    let since = dir.path().join("since");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["report", "--since", "2022-01-27", "--from-jsonl"])
        .arg(&jsonl)
        .arg("--out")
        .arg(&since)
        .status()
        .expect("hutong runs");
    assert!(status.success());
    let md = std::fs::read_to_string(since.join("report.md")).expect("report.md");
    assert!(!md.contains("| 工信部 |"), "{md}");
    assert!(md.contains("不支持 → 内测"), "{md}");
}

fn row(first: &str, subject: &str, cap: &str, object: Option<&str>, status: &str) -> TimelineRow {
    TimelineRow {
        first: first.to_string(),
        subject: subject.to_string(),
        capability: cap.to_string(),
        object: object.map(str::to_string),
        scope: None,
        status: status.to_string(),
        sources: vec!["a.txt".to_string()],
        evidence: Vec::new(),
        conflict: false,
    }
}

fn assert_apart(boxes: &[LabelBox]) {
    for (i, a) in boxes.iter().enumerate() {
        for c in boxes.iter().skip(i + 1) {
            let apart =
                a.x + a.w <= c.x || c.x + c.w <= a.x || a.y + a.h <= c.y || c.y + c.h <= a.y;
            assert!(apart, "labels overlap: {:?} and {:?}", a.text, c.text);
        }
    }
}

#[test]
fn odd_timelines_still_render() {
    let objects = [
        "taobao",
        "douyin",
        "xianyu",
        "jd",
        "meituan",
        "pinduoduo",
        "kuaishou",
    ];
    let crowded: Vec<TimelineRow> = objects
        .iter()
        .flat_map(|o| {
            ["open_link", "share_link", "in_app_purchase"]
                .into_iter()
                .map(move |c| row("2023-05-04", "wechat", c, Some(o), "available"))
        })
        .collect();
    let long_span: Vec<TimelineRow> = (2010..2025)
        .map(|y| {
            let status = if y % 2 == 0 { "beta" } else { "available" };
            row(
                &format!("{y}-Q2"),
                "alipay",
                "mini_program",
                Some("meituan"),
                status,
            )
        })
        .collect();
    let cases: Vec<(&str, Vec<TimelineRow>)> = vec![
        ("empty", Vec::new()),
        (
            "undated",
            vec![row("PRESENT_REF", "wechat", "open_link", None, "available")],
        ),
        (
            "unknown ids",
            vec![
                row("2022", "new_app", "teleport", Some("other_app"), "rumoured"),
                row(
                    "2022-H2",
                    "new_app",
                    "teleport",
                    Some("other_app"),
                    "available",
                ),
            ],
        ),
        ("crowded", crowded),
        ("long span", long_span),
        (
            "long name",
            vec![row(
                "2022-03-26",
                "taobao",
                "accept_payment",
                Some(&"x".repeat(300)),
                "beta",
            )],
        ),
    ];
    for (name, rows) in cases {
        let report = Report::new(&rows, &[], Labels::builtin(), &ReportOptions::default());
        let r = report::render(&report).unwrap_or_else(|e| panic!("{name}: {e}"));
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("odd-{}", name.replace(' ', "-")));
        r.write_to(&dir).expect("written");
        svg_texts(&r.timeline.svg);
        svg_texts(&r.capabilities.svg);
        assert_eq!(
            decode(&r.timeline.png).dimensions(),
            r.timeline.png_size,
            "{name}"
        );
        assert_eq!(
            decode(&r.capabilities.png).dimensions(),
            r.capabilities.png_size
        );
        assert_apart(&r.timeline.png_labels);
        assert!(r.markdown.starts_with("# "), "{name}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Whatever the rows hold, the text reports come out.
    #[test]
    fn any_rows_give_text_reports(
        rows in proptest::collection::vec(
            (".{0,12}", "[a-z_|<>:#]{0,8}", "[a-z_]{0,8}", proptest::option::of(".{0,6}"), ".{0,8}"),
            0..12,
        )
    ) {
        let rows: Vec<TimelineRow> = rows
            .iter()
            .map(|(d, s, c, o, st)| row(d, s, c, o.as_deref(), st))
            .collect();
        let report = Report::new(&rows, &[], Labels::builtin(), &ReportOptions::default());
        let md = hutong::render::markdown::render(&report);
        let html = hutong::render::html::render(&report, "<svg/>", "<svg/>");
        proptest::prop_assert!(md.starts_with("# "));
        proptest::prop_assert!(html.ends_with("</html>\n"));
    }
}
