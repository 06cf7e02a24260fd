//! Relevance cues and time words met in the fourth held-out set's kinds of
//! text, on sentences made for the purpose: 代付 across two platforms,
//! smart-home 互联互通, 年底前, 过去 as "in the past" or as a verb.

use chrono::{DateTime, NaiveDate};
use hutong::lexicon::Lexicon;
use hutong::model::{Article, BodyKind, Extraction};
use hutong::pipeline;

fn lexicon() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

fn run(title: &str, body: &str) -> Extraction {
    let a = Article {
        id: "t.txt".into(),
        source: "t.txt".into(),
        title: title.into(),
        published: DateTime::parse_from_rfc3339("2024-05-10T10:00:00+08:00").ok(),
        url: None,
        author: None,
        categories: Vec::new(),
        tags: Vec::new(),
        body_kind: BodyKind::Text,
        body: body.into(),
    };
    pipeline::extract(lexicon(), &a, false)
}

/// Timexes as `text=value` or `text=value:MOD`.
fn tags(s: &str) -> Vec<String> {
    let r = NaiveDate::from_ymd_opt(2024, 5, 10).and_then(|d| d.and_hms_opt(10, 0, 0));
    hutong::time::tag(s, r)
        .into_iter()
        .map(|t| match t.modifier {
            Some(m) => format!("{}={}:{m:?}", t.text, t.value),
            None => format!("{}={}", t.text, t.value),
        })
        .collect()
}

#[test]
fn paying_for_one_platform_from_anothers_chat_is_relevant() {
    let x = run(
        "",
        "我在拼多多下单后点了好友代付，订单卡片直接发到了QQ里，朋友点开就付了。",
    );
    assert!(x.relevant, "{:?}", x.relevance);
    let x = run("京东订单能让微信好友帮忙付了", "用了一下，确实方便。");
    assert!(x.relevant, "{:?}", x.relevance);
    // 代付 with one platform only is a feature of that platform.
    let x = run("", "淘宝的亲友代付功能升级，额度提高到五千元。");
    assert!(!x.relevant, "{:?}", x.relevance);
}

#[test]
fn smart_home_interconnection_is_another_sense() {
    let x = run(
        "",
        "智能家居平台互联互通加速：京东小家和天猫精灵的设备今后可互通，用户一个App就能控制。",
    );
    assert!(!x.relevant, "{:?}", x.relevance);
}

#[test]
fn by_the_end_of_a_period_keeps_end() {
    assert_eq!(tags("双方计划年底前完成对接"), ["年底前=2024:End"]);
    assert_eq!(tags("2026年底前全面上线"), ["2026年底前=2026:End"]);
    assert_eq!(tags("预计6月底前开放"), ["6月底前=2024-06:End"]);
    // Without 底, 前 is BEFORE as it was.
    assert_eq!(tags("今年三季度前完成"), ["今年三季度前=2024-Q3:Before"]);
}

#[test]
fn past_set_against_now_is_a_time_word() {
    assert_eq!(
        tags("两家公司过去各守一方，如今开始合作。"),
        ["过去=PAST_REF", "如今=PRESENT_REF"]
    );
    // Traditional text is folded before tagging; the text stays as written.
    let x = run("", "兩家公司過去各守一方，現在開始合作。");
    let t: Vec<(&str, &str)> = x
        .timexes
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_str()))
        .collect();
    assert_eq!(t, [("過去", "PAST_REF"), ("現在", "PRESENT_REF")]);
    // Without the present set against it, a mid-clause 过去 stays out.
    assert!(tags("两家公司过去的合作").len() == 1);
    assert!(tags("他们过去常去那家店").is_empty());
}

#[test]
fn past_as_a_verbs_direction_is_no_time_word() {
    assert!(tags("“能跳过去，和能留下来，是两回事。”").is_empty());
    assert!(tags("把文件发过去，目前还没回音。")
        .iter()
        .all(|t| !t.starts_with("过去")));
    assert!(tags("三年过去，如今一切都变了。")
        .iter()
        .all(|t| !t.starts_with("过去")));
    assert_eq!(
        tags("经过去年的调整，目前价格回落。"),
        ["去年=2023", "目前=PRESENT_REF"]
    );
    assert!(tags("疫情已经过去，现在一切恢复正常。")
        .iter()
        .all(|t| !t.starts_with("过去")));
    assert!(tags("这个理由说得过去，现在看也成立。")
        .iter()
        .all(|t| !t.starts_with("过去")));
}

fn fact_keys(x: &Extraction) -> Vec<String> {
    x.events
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {}",
                f.subject,
                f.capability,
                f.object.as_deref().unwrap_or("*"),
                f.status
            )
        })
        .collect()
}

#[test]
fn a_pay_on_behalf_button_named_in_quotes_is_the_feature() {
    // The button's label in quotation marks, the chat app it sends to after
    // 直接发.
    let x = run(
        "",
        "在京东下单后点了“好友代付”，可以直接发QQ好友，不用再复制口令。",
    );
    let k = fact_keys(&x);
    assert!(
        k.contains(&"jd pay_on_behalf qq available".to_string()),
        "{k:?}"
    );
    // The title names the parties; the body only the button.
    let x = run(
        "【实测】淘宝“找朋友帮忙付”终于能直接发微信了！",
        "昨天下单的时候点了“找朋友帮忙付”，弹出来的居然是好友列表。",
    );
    let k = fact_keys(&x);
    assert!(
        k.contains(&"taobao pay_on_behalf wechat available".to_string()),
        "{k:?}"
    );
}
