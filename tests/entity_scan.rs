//! The entity scan searches only where a name may start: it must find what
//! a leftmost-longest search over every byte finds.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use hutong::entities::{scan, scan_by_automaton};
use hutong::lexicon::{Compiled, Lexicon};

fn unanchored(c: &Compiled) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&c.name_list)
        .expect("names build")
}

fn same(c: &Compiled, ac: &AhoCorasick, text: &str) {
    for in_title in [false, true] {
        let fast = scan(c, text, in_title);
        let slow = scan_by_automaton(c, ac, text, in_title);
        let spans = |v: &[hutong::model::Mention]| -> Vec<(usize, usize, String, bool)> {
            v.iter()
                .map(|m| (m.span.start, m.span.end, m.entity.clone(), m.in_title))
                .collect()
        };
        assert_eq!(spans(&fast), spans(&slow), "{text:?}");
    }
}

/// Texts built around every name: at the start and the end of the text,
/// run together, in other ASCII cases, inside ASCII words, cut short.
fn tricky(c: &Compiled) -> Vec<String> {
    let mut out = vec![String::new(), "a".into(), "淘".into()];
    for n in &c.name_list {
        let cut: String = n
            .chars()
            .take(n.chars().count().saturating_sub(1))
            .collect();
        let first: String = n.chars().take(1).collect();
        out.extend([
            n.clone(),
            format!("{n}{n}"),
            format!("x{n}"),
            format!("{n}x"),
            format!("，{n}。"),
            n.to_ascii_uppercase(),
            n.to_ascii_lowercase(),
            cut.clone(),
            format!("{cut}{n}"),
            format!("{first}{n}的"),
            format!("QQ{n}微信支付宝"),
        ]);
    }
    out
}

#[test]
fn scan_finds_what_a_search_of_every_byte_finds() {
    let lex = Lexicon::builtin();
    let c = lex.compiled();
    let ac = unanchored(c);
    for t in tricky(c) {
        same(c, &ac, &t);
    }
    let mut articles = 0;
    for a in real_articles() {
        let doc = hutong::text::document(&a);
        same(c, &ac, &doc.norm);
        same(c, &ac, &hutong::text::normalize(&a.title).0);
        articles += 1;
    }
    assert!(articles > 10, "seed and dev articles are readable");
}

#[test]
fn one_character_names_and_other_cases_are_found() {
    let yaml = "entities:\n  - {id: a, type: app, names: [甲, Qq, ＷeChat, 乙丙]}\n";
    let lex = Lexicon::from_yaml(yaml).expect("lexicon");
    let c = lex.compiled();
    let ac = unanchored(c);
    for t in [
        "甲",
        "甲乙丙",
        "乙丙甲",
        "qQ",
        "xqq",
        "QQ甲",
        "wechat乙",
        "乙",
        "丙甲",
        "WECHATQQ甲",
    ] {
        same(c, &ac, t);
    }
    assert_eq!(scan(c, "说甲乙丙qq", false).len(), 3);
}

/// A text in which a gate's literals are not found matches none of its
/// patterns: the credits and the third-party hosting cues are searched for
/// only where their literals are.
#[test]
fn literal_gates_pass_every_match() {
    use hutong::lexicon::{LazyRegex, LiteralGate};
    let lex = Lexicon::builtin();
    let c = lex.compiled();
    let r = &c.relevance;
    let gates: [(&str, &[LazyRegex], &Option<LiteralGate>); 2] = [
        ("credits", &c.credits, &c.credit_literals),
        (
            "third party",
            &r.hosting_third_party,
            &r.hosting_third_party_gate,
        ),
    ];
    let mut matched = [0usize; 2];
    let mut check = |t: &str| {
        for (k, (what, res, gate)) in gates.iter().enumerate() {
            let gate = gate
                .as_ref()
                .unwrap_or_else(|| panic!("{what} have literals"));
            if res.iter().any(|re| re.is_match(t)) {
                assert!(gate.is_match(t), "{what}: {t:?}");
                matched[k] += 1;
            }
        }
    };
    for t in [
        "图片来源：微信",
        "来源: 淘宝",
        "图源|抖音",
        "。图片 ：京东",
        "（来源：支付宝）",
        "收入来源：微信",
        "高德接入了携程、飞猪等第三方平台",
        "接入了携程\n等第三方服务",
    ] {
        check(t);
    }
    for a in real_articles() {
        check(&hutong::text::document(&a).norm);
    }
    assert!(
        matched.iter().all(|&n| n > 0),
        "each gate's patterns match: {matched:?}"
    );
}

/// The seed articles and, when the shared corpus is beside the checkout,
/// the dev articles: real text for the equivalence checks.
fn real_articles() -> Vec<hutong::model::Article> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("seeds"), root.join("../shared/corpus/dev")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if let Ok(found) = hutong::read::read_path(&path, &hutong::read::Limits::default()) {
                out.extend(found);
            }
        }
    }
    out
}
