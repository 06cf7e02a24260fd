//! The lexicon: checked on load with errors that name the entry, extensible
//! from the command line, and safe against pathological user patterns.

use hutong::lexicon::Lexicon;
use hutong::model::{Article, BodyKind};
use std::io::Write;
use std::process::Command;

/// An untitled, undated plain-text article.
fn text_article(body: &str) -> Article {
    Article {
        id: "x".into(),
        source: "x".into(),
        title: String::new(),
        published: None,
        url: None,
        author: None,
        categories: Vec::new(),
        tags: Vec::new(),
        body_kind: BodyKind::Text,
        body: body.into(),
    }
}

fn load_err(yaml: &str) -> String {
    match Lexicon::from_yaml(yaml) {
        Ok(_) => panic!("loaded:\n{yaml}"),
        Err(e) => e.to_string(),
    }
}

const CAPS: &str = "capabilities: [{id: open_link}]\n";

#[test]
fn builtin_loads_and_has_the_canonical_ids() {
    let lex = Lexicon::from_yaml(hutong::lexicon::DEFAULT_YAML).expect("built-in lexicon");
    for id in [
        "wechat",
        "wechat_pay",
        "taobao",
        "alipay",
        "miit",
        "douyin",
        "jd",
    ] {
        assert!(lex.entities.iter().any(|e| e.id == id), "{id}");
    }
}

#[test]
fn unknown_id_is_named() {
    let e = load_err(&format!(
        "{CAPS}entities:\n  - {{id: wechat_pay, type: payment, names: [微信支付], parent: tencentt}}\n"
    ));
    assert!(e.contains("wechat_pay") && e.contains("tencentt"), "{e}");
    let e = load_err(&format!(
        "{CAPS}entities: [{{id: a, type: app, names: [甲]}}]\nscopes:\n  - {{id: moments, platform: wechatt, cues: [朋友圈]}}\n"
    ));
    assert!(e.contains("moments") && e.contains("wechatt"), "{e}");
    let e = load_err(&format!(
        "{CAPS}rules:\n  - {{capability: open_door, triggers: [打开]}}\n"
    ));
    assert!(e.contains("rule #1") && e.contains("open_door"), "{e}");
}

#[test]
fn an_extension_is_checked_once_merged() {
    let extra = Lexicon::from_yaml("rules:\n  - {capability: open_door, triggers: [开门]}\n")
        .expect("an extension alone");
    let e = Lexicon::builtin().extend(extra).expect_err("merged");
    assert!(e.to_string().contains("open_door"), "{e}");
}

#[test]
fn bad_pattern_is_named() {
    let e = load_err(&format!(
        "{CAPS}rules:\n  - {{capability: open_link, triggers: ['打开(链接']}}\n"
    ));
    assert!(
        e.contains("rule #1 (open_link)") && e.contains("打开(链接"),
        "{e}"
    );
    let e = load_err("statuses:\n  - {id: beta, cues: ['内测[']}\n");
    assert!(e.contains("status 'beta'"), "{e}");
    let e = load_err("restriction: ['部分(订单']\n");
    assert!(e.contains("restriction") && e.contains("部分(订单"), "{e}");
}

#[test]
fn duplicate_alias_is_named() {
    let e = load_err(
        "entities:\n  - {id: wechat, type: app, names: [微信]}\n  - {id: weixin, type: app, names: [微信]}\n",
    );
    assert!(
        e.contains("weixin") && e.contains("微信") && e.contains("wechat"),
        "{e}"
    );
    // Full-width and case variants are the same name.
    let e = load_err("entities:\n  - {id: qq, type: app, names: [QQ, ｑｑ]}\n");
    assert!(e.contains("duplicate alias"), "{e}");
}

#[test]
fn extend_adds_an_alias_that_then_matches() {
    let art = text_article("用户在小蓝书上分享了笔记。");
    let base = Lexicon::builtin();
    let x = hutong::pipeline::extract(&base, &art, false);
    assert!(!x.entities.contains(&"xiaohongshu".to_string()));
    let extra =
        Lexicon::from_yaml("entities:\n  - {id: xiaohongshu, type: app, names: [小蓝书]}\n")
            .expect("extra");
    let lex = base.extend(extra).expect("extend");
    let x = hutong::pipeline::extract(&lex, &art, false);
    assert_eq!(x.entities, vec!["xiaohongshu"]);
    // An alias that is already another entity's name is refused.
    let clash = Lexicon::from_yaml("entities:\n  - {id: xiaohongshu, type: app, names: [微信]}\n")
        .expect("parses alone");
    let e = Lexicon::builtin().extend(clash).expect_err("clash");
    assert!(e.to_string().contains("微信"), "{e}");
}

#[test]
fn lexicon_extra_flag_adds_an_alias() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lex = dir.path().join("extra.yaml");
    std::fs::write(
        &lex,
        "entities:\n  - {id: xiaohongshu, type: app, names: [小蓝书]}\n",
    )
    .expect("write");
    let art = dir.path().join("a.txt");
    let mut f = std::fs::File::create(&art).expect("create");
    writeln!(f, "用户在小蓝书上分享了笔记。").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--format", "jsonl", "--lexicon-extra"])
        .arg(&lex)
        .arg(&art)
        .output()
        .expect("run hutong");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(out.stdout.split(|b| *b == b'\n').next().unwrap_or_default())
            .expect("json line");
    assert_eq!(v["entities"], serde_json::json!(["xiaohongshu"]));
    // A broken lexicon file is an error naming the file and the entry.
    std::fs::write(&lex, "rules:\n  - {capability: nope, triggers: [x]}\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--lexicon-extra"])
        .arg(&lex)
        .arg(&art)
        .output()
        .expect("run hutong");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("extra.yaml") && err.contains("nope"), "{err}");
}

#[test]
fn pathological_user_pattern_finishes() {
    // `(a*)*b` backtracks exponentially in a backtracking engine; the regex
    // crate matches in linear time.
    let extra = Lexicon::from_yaml(
        "rules:\n  - {capability: open_link, triggers: ['(a*)*b'], subject: [agent], object: []}\n",
    )
    .expect("extra");
    let lex = Lexicon::builtin().extend(extra).expect("extend");
    let art = text_article(&format!("微信{}", "a".repeat(50_000)));
    let x = hutong::pipeline::extract(&lex, &art, false);
    assert!(x.events.is_empty());
}

#[test]
fn pathological_pattern_from_a_lexicon_file_runs_and_finishes() {
    // Through the command line's loading path (`--lexicon-extra` file):
    // `(x+x+)+y` over a long run of `x` with no `y` takes exponential time
    // in a backtracking engine. The same pattern must still match where it
    // should, which shows that it was loaded and run.
    let dir = tempfile::tempdir().expect("tempdir");
    let lex = dir.path().join("extra.yaml");
    std::fs::write(
        &lex,
        "rules:\n  - {capability: open_link, triggers: ['(x+x+)+y'], subject: [agent], object: [target]}\n",
    )
    .expect("write");
    let art = dir.path().join("a.txt");
    std::fs::write(
        &art,
        format!(
            "---\ntitle: t\ndate: 2023-03-01\n---\n淘宝{}至微信。\n\n淘宝已经xxy至微信。\n",
            "x".repeat(30_000)
        ),
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--format", "jsonl", "--lexicon-extra"])
        .arg(&lex)
        .arg(&art)
        .output()
        .expect("run hutong");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(out.stdout.split(|b| *b == b'\n').next().unwrap_or_default())
            .expect("json line");
    let quotes: Vec<&str> = v["events"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["evidence"]["quote"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        quotes.iter().any(|q| q.contains("xxy")),
        "the user's pattern did not match: {quotes:?}"
    );
}

#[test]
fn extend_tags_a_platform_that_then_hosts_mini_programs() {
    let art = text_article("京东上线了美团小程序。");
    // Neither name hosts mini programs: which side runs in which is unsaid.
    let base = Lexicon::builtin();
    assert!(hutong::pipeline::extract(&base, &art, false)
        .events
        .is_empty());
    let extra =
        Lexicon::from_yaml("entities:\n  - {id: jd, type: app, tags: [mini_program_host]}\n")
            .expect("extra");
    let lex = base.extend(extra).expect("extend");
    let x = hutong::pipeline::extract(&lex, &art, false);
    let facts: Vec<(String, String, Option<String>)> = x
        .events
        .iter()
        .map(|f| (f.subject.clone(), f.capability.clone(), f.object.clone()))
        .collect();
    assert_eq!(
        facts,
        vec![("jd".into(), "mini_program".into(), Some("meituan".into()))]
    );
}

#[test]
fn a_compound_abbreviates_names() {
    let yaml = format!(
        "{CAPS}entities:\n  - {{id: a, type: app, names: [甲乙]}}\n  - {{id: b, type: app, names: [丙丁]}}\ncompounds:\n  - {{text: 甲丙, parts: [甲, 丙], names: [甲乙, 丙丁]}}\n"
    );
    let lex = Lexicon::from_yaml(&yaml).expect("abbreviating compound");
    let x = hutong::pipeline::extract(&lex, &text_article("甲丙都来了。"), false);
    assert_eq!(x.entities, vec!["a", "b"]);
    // One name per part, and each a name of an entity.
    let e = load_err(&format!(
        "{CAPS}entities:\n  - {{id: a, type: app, names: [甲乙]}}\ncompounds:\n  - {{text: 甲丙, parts: [甲, 丙], names: [甲乙]}}\n"
    ));
    assert!(e.contains("甲丙"), "{e}");
    let e = load_err(&format!(
        "{CAPS}entities:\n  - {{id: a, type: app, names: [甲乙]}}\ncompounds:\n  - {{text: 甲丙, parts: [甲, 丙], names: [甲乙, 丙丁]}}\n"
    ));
    assert!(e.contains("丙丁"), "{e}");
}

#[test]
fn relevance_hosting_cues_and_other_platforms_extend() {
    let extra = Lexicon::from_yaml(
        "relevance:\n  hosting: ['入驻了[^，。]{0,8}?商城']\n  other_platforms: [某甲网]\n",
    )
    .expect("extra");
    let lex = Lexicon::builtin().extend(extra).expect("extend");
    let art = text_article("某甲网入驻了京东商城。");
    assert!(!hutong::pipeline::extract(&Lexicon::builtin(), &art, false).relevant);
    assert!(hutong::pipeline::extract(&lex, &art, false).relevant);
}

#[test]
fn relevance_unnamed_platforms_extend() {
    let extra =
        Lexicon::from_yaml("relevance:\n  unnamed_platforms: ['某乙(?:站|网)']\n").expect("extra");
    let lex = Lexicon::builtin().extend(extra).expect("extend");
    let art = text_article("某乙站已支持使用微信支付。");
    let x = hutong::pipeline::extract(&lex, &art, false);
    assert!(x.relevant, "{:?}", x.relevance);
    assert!(x.events.is_empty() && x.entities == vec!["wechat_pay"]);
    assert!(!hutong::pipeline::extract(&Lexicon::builtin(), &art, false).relevant);
}

/// Patterns are compiled on several threads; the error reported is still
/// the first in definition order, and a rule's own checks come before its
/// triggers' errors.
#[test]
fn first_bad_pattern_in_order_is_reported() {
    let mut yaml = format!("{CAPS}rules:\n");
    for i in 0..40 {
        yaml.push_str(&format!(
            "  - {{capability: open_link, triggers: [ok{i}, 'bad{i}(']}}\n"
        ));
    }
    for _ in 0..5 {
        let e = load_err(&yaml);
        assert!(
            e.contains("rule #1 (open_link)") && e.contains("bad0("),
            "{e}"
        );
    }
    let e = load_err(&format!(
        "{CAPS}rules:\n  - {{capability: nope, triggers: ['bad(']}}\n"
    ));
    assert!(e.contains("unknown capability"), "{e}");
    let cues: Vec<String> = (0..40).map(|i| format!("'c{i}['")).collect();
    let e = load_err(&format!("restriction: [{}]\n", cues.join(", ")));
    assert!(e.contains("c0["), "{e}");
}

#[test]
fn a_rule_written_in_traditional_characters_matches_either_script() {
    // Text is folded to simplified characters before matching, so a user's
    // rule must be folded the same way or it would never match.
    let extra = Lexicon::from_yaml(
        "rules:\n  - {capability: mandate_unblock, triggers: ['勒令[^。]{0,20}?開放[^，。]{0,4}?連結'], subject: [regulator, agent], subject_types: [regulator], object: [], object_optional: true, status: required}\n",
    )
    .expect("extra");
    let lex = Lexicon::builtin().extend(extra).expect("extend");
    let events = |body: &str, lex: &Lexicon| {
        hutong::pipeline::extract(lex, &text_article(body), false)
            .events
            .iter()
            .map(|e| format!("{} {}", e.subject, e.capability))
            .collect::<Vec<_>>()
    };
    for body in ["工信部勒令各平台开放链接。", "工信部勒令各平台開放連結。"]
    {
        assert!(events(body, &Lexicon::builtin()).is_empty(), "{body}");
        assert_eq!(events(body, &lex), vec!["miit mandate_unblock"], "{body}");
    }
}
