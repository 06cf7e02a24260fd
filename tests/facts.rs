//! Facts, relevance and entities: rules on sentences made for the purpose,
//! and the figures on the real seed and development articles.

use chrono::DateTime;
use hutong::lexicon::Lexicon;
use hutong::model::{Article, BodyKind, Extraction, Fact};
use hutong::pipeline;
use std::collections::HashSet;
use std::path::Path;

fn article(title: &str, body: &str) -> Article {
    Article {
        id: "t.txt".into(),
        source: "t.txt".into(),
        title: title.into(),
        published: DateTime::parse_from_rfc3339("2024-03-04T10:00:00+08:00").ok(),
        url: None,
        author: None,
        categories: Vec::new(),
        tags: Vec::new(),
        body_kind: BodyKind::Text,
        body: body.into(),
    }
}

fn lexicon() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

fn run(body: &str) -> Extraction {
    pipeline::extract(lexicon(), &article("", body), false)
}

fn key(f: &Fact) -> String {
    format!(
        "{} {} {} {} {}",
        f.subject,
        f.capability,
        f.object.as_deref().unwrap_or("*"),
        f.scope.as_deref().unwrap_or("*"),
        f.status
    )
}

fn keys(body: &str) -> Vec<String> {
    let mut v: Vec<String> = run(body).events.iter().map(key).collect();
    v.sort();
    v
}

/// `want` is among the keys `k` of one body.
fn contains(k: &[String], want: &str) {
    assert!(k.iter().any(|x| x == want), "want {want}\n  got {k:?}");
}

fn has(body: &str, want: &str) {
    let k = keys(body);
    assert!(
        k.iter().any(|x| x == want),
        "{body}\n  want {want}\n  got {k:?}"
    );
}

#[test]
fn accepting_a_payment_method() {
    has(
        "京东宣布接入微信支付。",
        "jd accept_payment wechat_pay * available",
    );
    has(
        "拼多多App目前已支持使用微信支付、云闪付付款。",
        "pinduoduo accept_payment unionpay * available",
    );
    has(
        "拼多多App目前已支持使用微信支付、云闪付付款。",
        "pinduoduo accept_payment wechat_pay * available",
    );
}

#[test]
fn openings_inside_one_group_are_not_interoperability() {
    assert!(keys("淘宝支持使用支付宝付款。").is_empty());
    assert_eq!(
        keys("饿了么已经接入支付宝和微信支付。"),
        vec!["eleme accept_payment wechat_pay * available"]
    );
}

#[test]
fn negation_gives_not_supported() {
    has(
        "淘宝目前仍不支持微信支付。",
        "taobao accept_payment wechat_pay * not_supported",
    );
    has(
        "在抖音中分享的淘宝链接需复制到浏览器才能打开。",
        "douyin open_link taobao * not_supported",
    );
}

#[test]
fn a_platform_starting_a_test_is_beta_a_reporters_test_is_not() {
    has(
        "京东App开始测试微信支付。",
        "jd accept_payment wechat_pay * beta",
    );
    has(
        "抖音测试版已可直接打开淘宝链接。",
        "douyin open_link taobao * beta",
    );
    has(
        "经测试，京东App仍不支持微信支付。",
        "jd accept_payment wechat_pay * not_supported",
    );
    has(
        "实测发现，京东App已支持微信支付。",
        "jd accept_payment wechat_pay * available",
    );
}

#[test]
fn questions_wishes_and_guesses_state_no_fact() {
    assert!(keys("淘宝会接入微信支付吗？").is_empty());
    assert!(keys("分析人士认为，淘宝未来可能接入微信支付。").is_empty());
    assert!(keys("业内人士希望微信对话框中能直接打开抖音链接。").is_empty());
}

#[test]
fn mini_program_runs_inside_the_host() {
    has(
        "美团小程序在支付宝上线。",
        "alipay mini_program meituan * available",
    );
    has(
        "用户即可在微信内使用钉钉会议。",
        "wechat mini_program dingtalk * available",
    );
}

#[test]
fn a_mini_program_named_inside_its_host() {
    has(
        "用户还能用支付宝App内的美团小程序点外卖。",
        "alipay mini_program meituan * available",
    );
    has(
        "不少用户通过微信跳转到京东小程序下单。",
        "wechat mini_program jd * available",
    );
    has(
        "此后美团以支付宝小程序的方式向用户提供服务。",
        "alipay mini_program meituan * available",
    );
    has(
        "用户下单时会跳转至京东、美团等微信小程序。",
        "wechat mini_program meituan * available",
    );
    // The service's own mini program, with no host named, is no fact.
    assert!(keys("美团小程序的日活继续增长。").is_empty());
}

#[test]
fn a_mini_program_named_by_service_then_host() {
    has(
        "美团支付宝小程序的订单量上季度翻了一番。",
        "alipay mini_program meituan * available",
    );
    has(
        "京东的微信小程序目前还无法使用。",
        "wechat mini_program jd * not_supported",
    );
    // Two hosts side by side say nothing about each other.
    assert!(keys("抖音快手小程序的商家都在增加。").is_empty());
}

#[test]
fn links_posted_into_another_apps_group() {
    has(
        "商家的京东直播链接也可以投放到微信群。",
        "jd share_link wechat group_chat available",
    );
}

#[test]
fn a_platforms_group_is_a_group_chat() {
    has(
        "淘宝的商品链接现在可以直接分享到微信群。",
        "taobao share_link wechat group_chat available",
    );
}

#[test]
fn a_quoted_statement_states_facts_a_quoted_label_does_not() {
    has(
        "负责人表示：“京东App已经接入了微信支付，用户下单时可以直接选择。”",
        "jd accept_payment wechat_pay * available",
    );
    assert!(keys("页面上出现了“支持微信支付”的字样，京东尚未回应。").is_empty());
}

#[test]
fn a_wallet_opens_its_payment_scenes_to_another() {
    has(
        "去年，微信支付向云闪付开放了线下收款场景。",
        "wechat_pay accept_payment unionpay * available",
    );
    has(
        "微信支付此前已向银联云闪付开放支付场景。",
        "wechat_pay accept_payment unionpay * available",
    );
}

#[test]
fn logistics_for_every_coordinated_subject() {
    let k = keys("淘宝天猫商家可选择京东物流发货。");
    contains(&k, "taobao logistics jd * available");
    contains(&k, "tmall logistics jd * available");
}

#[test]
fn accepting_a_payment_method_in_so_many_words() {
    has(
        "拼多多此后也开始接受云闪付付款。",
        "pinduoduo accept_payment unionpay * available",
    );
}

#[test]
fn a_link_feature_covering_named_platforms_links() {
    let k = keys(
        "用户发现，在微博App内点击快手视频链接已可直接打开。\n据悉，这一功能仍在灰度测试中，首批覆盖快手、小红书等平台的链接。",
    );
    contains(&k, "weibo open_link xiaohongshu * beta");
    contains(&k, "weibo open_link kuaishou * beta");
}

#[test]
fn a_carrier_named_bare_is_the_object_of_logistics() {
    has(
        "截至目前，菜鸟仍未接入微信小店的物流服务。",
        "wechat logistics cainiao * not_supported",
    );
    has(
        "今年3月，快手电商正式接入了菜鸟。",
        "kuaishou logistics cainiao * available",
    );
    // A carrier's own mini program on another platform is no delivery.
    lacks("菜鸟小程序已接入支付宝。", "logistics");
}

#[test]
fn ads_link_into_another_platform() {
    has(
        "微信朋友圈广告可直接跳转淘宝。",
        "wechat ad_link taobao moments available",
    );
}

#[test]
fn an_entity_not_named_never_appears() {
    // 朋友圈 alone does not name WeChat.
    let x = run("朋友圈广告可直接跳转淘宝。");
    assert!(
        x.events.iter().all(|f| f.subject != "wechat"),
        "{:?}",
        x.events
    );
    assert!(!x.entities.contains(&"wechat".to_string()));
}

#[test]
fn unblocking_links_and_tense() {
    has(
        "抖音将不再屏蔽微信链接。",
        "douyin open_link wechat * planned",
    );
    has(
        "小红书目前仍然屏蔽淘宝链接。",
        "xiaohongshu open_link taobao * not_supported",
    );
}

#[test]
fn roles_pick_subject_and_object() {
    has(
        "在微信对话框中可以直接打开京东商品链接。",
        "wechat open_link jd private_chat available",
    );
    has(
        "用户可以在淘宝App选择商品分享至微信。",
        "taobao share_link wechat * available",
    );
    has(
        "微信群聊中试点打开抖音链接。",
        "wechat open_link douyin group_chat beta",
    );
}

#[test]
fn a_regulators_demand() {
    has(
        "工信部要求各平台在限期内解除屏蔽网址链接。",
        "miit mandate_unblock * * required",
    );
}

#[test]
fn paying_on_behalf_and_logging_in() {
    has(
        "拼多多下单后可以复制链接去微信找好友帮忙付款。",
        "pinduoduo pay_on_behalf wechat * available",
    );
    has(
        "淘宝App内可使用微信账号登录。",
        "taobao login wechat * available",
    );
}

#[test]
fn partial_and_beta() {
    has(
        "拼多多部分商家已支持微信支付。",
        "pinduoduo accept_payment wechat_pay * partial",
    );
    has(
        "京东App正在灰度测试微信支付。",
        "jd accept_payment wechat_pay * beta",
    );
}

#[test]
fn this_feature_points_back() {
    let body = "京东App已接入微信支付。该功能目前仍处于内测阶段。";
    let k = keys(body);
    // While in a test, a report that it works is the test: beta alone.
    assert_eq!(k, vec!["jd accept_payment wechat_pay * beta"], "{k:?}");
}

#[test]
fn mutual_opening_gives_both_directions() {
    let k = keys("快手与美团已实现互联互通。");
    contains(&k, "kuaishou open_link meituan * available");
    contains(&k, "meituan open_link kuaishou * available");
}

#[test]
fn when_follows_the_clause_then_the_sentence() {
    let x =
        run("2021年9月，饿了么宣布接入微信支付；2023年6月，微信朋友圈广告也实现了跳转淘宝App。");
    let when = |cap: &str| {
        x.events
            .iter()
            .find(|f| f.capability == cap)
            .map(|f| f.when.clone())
    };
    assert_eq!(when("accept_payment").as_deref(), Some("2021-09"));
    assert_eq!(when("ad_link").as_deref(), Some("2023-06"));
    let ev = x.events[0].evidence.as_ref().expect("evidence");
    assert!(ev.quote.starts_with("2021年9月"));
    assert_eq!(ev.article, "t.txt");
}

#[test]
fn other_senses_of_interconnection_are_not_relevant() {
    let x = run("沪深港通下的港股通交易日安排公布，两地市场互联互通持续深化。");
    assert!(!x.relevant);
    assert!(x.events.is_empty());
    let x = run("两省高铁实现交通互联互通，微信和支付宝乘车码均可使用。");
    assert!(!x.relevant, "{:?}", x.relevance);
}

#[test]
fn entity_names_leftmost_longest() {
    let x = run("微信支付和微信都提到了；淘宝网页版、taobao.com、抖音电商、京东物流、美团优选。");
    assert_eq!(
        x.entities,
        vec!["wechat_pay", "wechat", "taobao", "douyin", "jd", "meituan"]
    );
    // Media credits are not entities; two names run together are split.
    let x = run("腾讯科技讯 年轻人把钱存在微信支付宝里。");
    assert_eq!(x.entities, vec!["wechat", "alipay"]);
}

#[test]
fn a_studio_credit_is_no_mention_of_its_owner() {
    // A newsroom studio's byline names the company that runs it.
    let x = run("出品｜腾讯小满工作室 拼多多上线了新的退款规则。");
    assert_eq!(x.entities, vec!["pinduoduo"]);
}

// ---- the real articles ----

fn shared() -> Option<&'static Path> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    p.is_dir().then(|| Box::leak(p.into_boxed_path()) as &Path)
}

fn extract_dir(dir: &Path) -> Vec<Extraction> {
    let lex = Lexicon::builtin();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            hutong::read::read_path(f, &Default::default())
                .expect("read article")
                .into_iter()
                .map(|a| pipeline::extract(&lex, &a, false))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add<T: Eq + std::hash::Hash>(&mut self, gold: HashSet<T>, pred: HashSet<T>) {
        self.tp += gold.intersection(&pred).count();
        self.fp += pred.difference(&gold).count();
        self.fn_ += gold.difference(&pred).count();
    }
    fn f1(&self) -> f64 {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

type Val = yaml_serde::Value;

fn s(v: &Val, k: &str) -> Option<String> {
    match v.get(k) {
        Some(Val::String(s)) => Some(s.clone()),
        _ => None,
    }
}

/// (relevance, entities, fact, full) figures of the scorer's rules.
fn figures(gold_dir: &Path, xs: &[Extraction]) -> [Counts; 4] {
    let mut c: [Counts; 4] = Default::default();
    let month = |v: &str| v.chars().take(7).collect::<String>();
    for x in xs {
        let stem = x.article.trim_end_matches(".txt");
        let Ok(y) = std::fs::read_to_string(gold_dir.join(format!("{stem}.yaml"))) else {
            continue;
        };
        let g: Val = yaml_serde::from_str(&y).expect("gold yaml");
        let rel = matches!(g.get("relevant"), Some(Val::Bool(true)));
        c[0].add(
            [rel].into_iter().filter(|r| *r).collect(),
            [x.relevant].into_iter().filter(|r| *r).collect(),
        );
        let ge: HashSet<String> = match g.get("entities") {
            Some(Val::Sequence(v)) => v
                .iter()
                .filter_map(|e| e.as_str().map(String::from))
                .collect(),
            _ => HashSet::new(),
        };
        c[1].add(ge, x.entities.iter().cloned().collect());
        let gev: Vec<Val> = match g.get("events") {
            Some(Val::Sequence(v)) => v.clone(),
            _ => Vec::new(),
        };
        let fact = |e: &Val| {
            (
                s(e, "subject"),
                s(e, "capability"),
                s(e, "object"),
                s(e, "scope"),
            )
        };
        let pf = |f: &Fact| {
            (
                Some(f.subject.clone()),
                Some(f.capability.clone()),
                f.object.clone(),
                f.scope.clone(),
            )
        };
        c[2].add(
            gev.iter().map(fact).collect(),
            x.events.iter().map(pf).collect(),
        );
        c[3].add(
            gev.iter()
                .map(|e| {
                    (
                        fact(e),
                        s(e, "status"),
                        month(&s(e, "when").unwrap_or_default()),
                    )
                })
                .collect(),
            x.events
                .iter()
                .map(|f| (pf(f), Some(f.status.clone()), month(&f.when)))
                .collect(),
        );
    }
    c
}

#[test]
fn seeds_score_full_marks() {
    let Some(sh) = shared() else { return };
    let xs = extract_dir(&sh.join("seeds"));
    assert_eq!(xs.len(), 2);
    let [rel, ent, fact, full] = figures(&sh.join("gold/seeds"), &xs);
    assert_eq!(rel.f1(), 1.0);
    assert_eq!(ent.f1(), 1.0);
    assert_eq!(fact.f1(), 1.0);
    assert_eq!(
        full.f1(),
        1.0,
        "tp {} fp {} fn {}",
        full.tp,
        full.fp,
        full.fn_
    );
    for x in &xs {
        for f in &x.events {
            let ev = f.evidence.as_ref().expect("evidence");
            assert!(!ev.quote.is_empty() && !ev.paragraph.is_empty());
        }
    }
}

#[test]
fn dev_set_meets_the_targets() {
    let Some(sh) = shared() else { return };
    let dir = sh.join("corpus/dev");
    if !dir.is_dir() {
        return;
    }
    let xs = extract_dir(&dir);
    let [rel, ent, fact, full] = figures(&sh.join("gold/dev"), &xs);
    assert!(rel.f1() >= 0.9, "relevance {}", rel.f1());
    assert!(ent.f1() >= 0.9, "entities {}", ent.f1());
    assert!(fact.f1() >= 0.85, "fact {}", fact.f1());
    assert!(full.f1() >= 0.75, "full {}", full.f1());
    // Not-relevant articles yield no facts.
    assert!(xs
        .iter()
        .filter(|x| !x.relevant)
        .all(|x| x.events.is_empty()));
}

#[test]
fn more_phrasings() {
    has(
        "微信支付已正式接入京东。",
        "jd accept_payment wechat_pay * available",
    );
    has(
        "京东在抖音开设了官方旗舰店。",
        "douyin in_app_purchase jd * available",
    );
    has(
        "美团App支持使用微信账号登录。",
        "meituan login wechat * available",
    );
    has(
        "微信解除了对淘宝链接的屏蔽。",
        "wechat open_link taobao * available",
    );
    has(
        "淘宝商品可以分享到微信朋友圈。",
        "taobao share_link wechat moments available",
    );
    has(
        "淘宝链接在微信中可以直接打开。",
        "wechat open_link taobao * available",
    );
    has(
        "京东App目前暂未开放微信支付。",
        "jd accept_payment wechat_pay * not_supported",
    );
    has(
        "工信部表示：各平台必须在9月17日前解除屏蔽。",
        "miit mandate_unblock * * required",
    );
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        // Any text, including the mask character and stray punctuation:
        // extraction never panics and facts only name mentioned entities.
        #[test]
        fn any_body(body in "[微信淘宝支付宝京东打开链接分享至在中将不，。；：“”\u{E000}a-z0-9 \n]{0,120}") {
            let x = run(&body);
            for f in &x.events {
                prop_assert!(x.entities.contains(&f.subject));
                if let Some(o) = &f.object {
                    prop_assert!(x.entities.contains(o));
                }
            }
        }
    }
}

#[test]
fn mutual_payment_codes() {
    let k = keys("云闪付与支付宝已实现收款码互认。");
    contains(&k, "unionpay accept_payment alipay * available");
    contains(&k, "alipay accept_payment unionpay * available");
}

#[test]
fn links_stores_and_carriers() {
    let k = keys("自9月17日起，在微信中可以直接打开淘宝、抖音等外部链接。");
    contains(&k, "wechat open_link taobao * available");
    contains(&k, "wechat open_link douyin * available");
    has(
        "京东商品可在抖音直接购买。",
        "douyin in_app_purchase jd * available",
    );
    // X 上线 Y 小程序: the platform that runs mini programs is the host,
    // whichever side it is on; with neither, the names do not tell.
    assert_eq!(
        keys("拼多多上线了微信小程序。"),
        vec!["wechat mini_program pinduoduo * available"]
    );
    assert!(keys("京东上线了美团小程序。").is_empty());
    let k = keys("京东物流正式入驻淘宝天猫。");
    contains(&k, "taobao logistics jd * available");
    contains(&k, "tmall logistics jd * available");
}

#[test]
fn a_test_in_one_clause_does_not_spread_to_another_fact() {
    let k = keys("微信发布新规范，用户在微信一对一聊天中可以直接打开外部链接，群聊中将试行开放电商类外部链接。");
    assert_eq!(
        k,
        vec![
            "wechat open_link * group_chat beta",
            "wechat open_link * private_chat available"
        ]
    );
    // A detour in a clause of its own makes the sentence's fact partial.
    has(
        "用户在京东下单后可以选择微信支付，但还需要先截图再手动扫码。",
        "jd accept_payment wechat_pay * partial",
    );
}

#[test]
fn jumps_shares_and_services() {
    has(
        "目前，在微信中点击淘宝链接，已可直接跳转至淘宝App。",
        "wechat open_link taobao * available",
    );
    has(
        "京东商品可以在快手小店直接购买。",
        "kuaishou in_app_purchase jd * available",
    );
    has(
        "抖音已支持将视频分享至微信朋友圈。",
        "douyin share_link wechat moments available",
    );
    has(
        "用户可在微信上使用美团外卖下单。",
        "wechat mini_program meituan * available",
    );
    has(
        "市场监管总局要求平台停止屏蔽其他平台的链接。",
        "samr mandate_unblock * * required",
    );
}

#[test]
fn besides_excludes_only_what_it_names() {
    // 除了 X: X is not what the clause states; 除此之外 is only a connective.
    let k = keys("除了淘宝 App，闲鱼的链接也可以在京东对话框直接打开。");
    assert_eq!(k, vec!["jd open_link xianyu private_chat available"]);
    has(
        "除此之外淘宝还支持微信支付。",
        "taobao accept_payment wechat_pay * available",
    );
}

#[test]
fn a_contrast_clause_is_a_new_statement_about_the_fact() {
    let k = keys("京东App已接入微信支付。该功能目前仍在测试中，不过后续会逐步全面开放。");
    assert_eq!(
        k,
        vec![
            "jd accept_payment wechat_pay * beta",
            "jd accept_payment wechat_pay * planned"
        ]
    );
    // A negation after 但 is about something else.
    assert_eq!(
        keys("京东App已接入微信支付，但不支持花呗。"),
        vec!["jd accept_payment wechat_pay * available"]
    );
}

#[test]
fn a_partner_named_with_yu_accepts_both_ways() {
    let k = keys("银联宣布，云闪付App已与微信支付实现收款码互认。");
    contains(&k, "unionpay accept_payment wechat_pay * available");
    contains(&k, "wechat_pay accept_payment unionpay * available");
}

#[test]
fn a_service_launched_in_a_host_with_a_date_between() {
    has(
        "美团小程序已于12月18日在支付宝正式上线。",
        "alipay mini_program meituan * available",
    );
    has(
        "饿了么小程序也将上线抖音。",
        "douyin mini_program eleme * planned",
    );
}

#[test]
fn scan_to_log_in() {
    has(
        "京东登录页面新增了微信扫码登录入口。",
        "jd login wechat * available",
    );
}

#[test]
fn a_when_clause_takes_the_status_of_the_next() {
    let k = keys("不过，在微信群聊中打开抖音链接时，仍需跳转至抖音App才能观看。");
    assert_eq!(k, vec!["wechat open_link douyin group_chat not_supported"]);
}

#[test]
fn named_links_replace_links_in_general() {
    let k = keys("小红书近日开始试点开放笔记外链，部分商家的笔记可以直接跳转至淘宝、京东店铺。");
    assert_eq!(
        k,
        vec![
            "xiaohongshu open_link jd * beta",
            "xiaohongshu open_link taobao * beta"
        ]
    );
}

#[test]
fn cross_border_payment_connect_is_another_sense() {
    let x = run("中国人民银行宣布，内地与香港跨境支付通正式上线，实现两地快速支付系统互联互通。");
    assert!(!x.relevant, "{:?}", x.relevance);
}

#[test]
fn a_payment_method_arriving_on_platforms_with_adverbs_between() {
    let k = keys("抖音支付近日陆续接入了美团和京东两大平台，目前仅在部分城市可用。");
    assert_eq!(
        k,
        vec![
            "jd accept_payment douyin_pay * partial",
            "meituan accept_payment douyin_pay * partial"
        ]
    );
}

#[test]
fn opening_a_link_in_a_host_is_not_a_service_inside_it() {
    assert_eq!(
        keys("微博宣布，用户可以在微博中直接打开抖音链接。"),
        vec!["weibo open_link douyin * available"]
    );
}

#[test]
fn the_platform_that_opens_links_is_their_host() {
    assert_eq!(
        keys("微博近日开始试点开放外链。"),
        vec!["weibo open_link * * beta"]
    );
}

#[test]
fn the_mini_program_platform_hosts_whichever_side_it_is_on() {
    // The host first, the service's mini program after, or the other way.
    assert_eq!(
        keys("快手今日上线了饿了么小程序。"),
        vec!["kuaishou mini_program eleme * available"]
    );
    assert_eq!(
        keys("美团外卖已上线百度小程序。"),
        vec!["baidu mini_program meituan * available"]
    );
    // A payment app that hosts mini programs: no payment accepted here.
    assert_eq!(
        keys("京东小程序本周登陆支付宝。"),
        vec!["alipay mini_program jd * available"]
    );
    assert_eq!(
        keys("用户在抖音里可以使用美团小程序点外卖。"),
        vec!["douyin mini_program meituan * available"]
    );
}

#[test]
fn a_web_version_is_the_scope_of_its_own_app_only() {
    // The cue inside an alias (淘宝网页版) or beside the name.
    assert_eq!(
        keys("淘宝网页版新增了微信扫码登录。"),
        vec!["taobao login wechat web available"]
    );
    assert_eq!(
        keys("京东PC端已支持QQ扫码登录。"),
        vec!["jd login qq web available"]
    );
    assert_eq!(
        keys("微信电脑版可以直接打开抖音链接。"),
        vec!["wechat open_link douyin web available"]
    );
    // The version that opens inside another app is no scope of the fact.
    assert_eq!(
        keys("在QQ单聊中可以直接打开淘宝网页版。"),
        vec!["qq open_link taobao private_chat available"]
    );
}

#[test]
fn opening_to_another_names_a_capability_only_through_a_payment_method() {
    // An app and a payment method: the app takes it, whichever opens to whom.
    assert_eq!(
        keys("微信支付近日向拼多多全面开放。"),
        vec!["pinduoduo accept_payment wechat_pay * available"]
    );
    assert_eq!(
        keys("美团对云闪付开放了线上场景。"),
        vec!["meituan accept_payment unionpay * available"]
    );
    // Two payment methods: the one that opens takes the other.
    assert_eq!(
        keys("云闪付向微信支付开放了线上收款。"),
        vec!["unionpay accept_payment wechat_pay * available"]
    );
    // Two apps and no word of what opens: no fact, unless a clause says what.
    assert!(keys("钉钉向微信开放。").is_empty());
    assert!(keys("抖音对淘宝正式开放。").is_empty());
    assert_eq!(
        keys("钉钉向微信开放，用户可在微信内加入钉钉会议。"),
        vec!["wechat mini_program dingtalk * available"]
    );
}

#[test]
fn a_restriction_alone_makes_the_fact_before_it_partial() {
    // The only option left for some orders is the platform's own.
    assert_eq!(
        keys("美团App已上线抖音支付。部分订单暂时只能用美团支付。"),
        vec![
            "meituan accept_payment douyin_pay * available",
            "meituan accept_payment douyin_pay * partial"
        ]
    );
    assert_eq!(
        keys("抖音商城已接入支付宝，仅限部分商品。"),
        vec!["douyin accept_payment alipay * partial"]
    );
    // What does not work and what only works: one statement, partial.
    assert_eq!(
        keys("淘宝暂不支持微信支付分期，只支持部分订单使用微信支付。"),
        vec!["taobao accept_payment wechat_pay * partial"]
    );
    // The fact's own object, or another platform's option, limits nothing.
    assert_eq!(
        keys("拼多多已支持微信支付。部分订单只能用微信支付。"),
        vec!["pinduoduo accept_payment wechat_pay * available"]
    );
    assert_eq!(
        keys("饿了么已接入微信支付。部分订单只能使用京东支付。"),
        vec!["eleme accept_payment wechat_pay * available"]
    );
}

#[test]
fn negation_plans_and_hearsay() {
    has(
        "微信并未解除对淘宝链接的屏蔽。",
        "wechat open_link taobao * not_supported",
    );
    has(
        "抖音还未开通微信支付。",
        "douyin accept_payment wechat_pay * not_supported",
    );
    has(
        "京东并没有接入微信支付。",
        "jd accept_payment wechat_pay * not_supported",
    );
    has(
        "微信朋友圈目前仍不能直接打开抖音链接。",
        "wechat open_link douyin moments not_supported",
    );
    has(
        "快手计划于明年开放京东链接。",
        "kuaishou open_link jd * planned",
    );
    // A gradual rollout after 将 is a plan, not a test in progress.
    has(
        "腾讯表示，QQ群聊将于2月起逐步开放淘宝链接。",
        "qq open_link taobao group_chat planned",
    );
    assert!(keys("据传，抖音将接入微信支付。").is_empty());
    assert!(keys("业内预计淘宝有望年内接入微信支付。").is_empty());
}

#[test]
fn opening_a_scene_continues_the_fact_before() {
    assert_eq!(
        keys("QQ单聊中可以直接打开淘宝链接。腾讯表示，将于下月逐步开放群聊场景。"),
        vec![
            "qq open_link taobao group_chat planned",
            "qq open_link taobao private_chat available"
        ]
    );
}

#[test]
fn a_platform_hosted_by_another_is_relevant_without_an_id() {
    // The hosted platform has no id, so no fact; the statement still makes
    // the article one about platforms opening to each other.
    for body in [
        "唯品会官方旗舰店日前在拼多多正式上线。",
        "不久前，知乎、B站都登上了美团的内容频道。",
        "在出行业务上，支付宝接入了滴滴、哈啰、携程等平台。",
    ] {
        let x = run(body);
        assert!(x.relevant, "{body}\n{:?}", x.relevance);
        assert!(x.events.is_empty(), "{body}\n{:?}", x.events);
        assert!(
            x.entities.iter().all(|e| !e.contains('站')),
            "{:?}",
            x.entities
        );
    }
    // A merchant's store names one platform only; and a platform inside
    // its own group is no opening.
    for body in [
        "某服装品牌的旗舰店在天猫正式上线。",
        "某品牌登上了抖音的直播频道。",
        "钉钉接入了淘宝、闲鱼等平台。",
    ] {
        let x = run(body);
        assert!(!x.relevant, "{body}\n{:?}", x.relevance);
    }
}

#[test]
fn a_platform_with_no_id_opening_to_one_with_an_id_is_relevant() {
    // The other side has no id, so no event; the statement still makes the
    // article one about platforms opening to each other.
    for body in [
        "本周起，小米应用商店已支持使用微信支付购买付费应用。",
        "去年，谷歌Google Play就已接入了支付宝。",
        "据悉，Keep App 已上线微信扫码登录。",
        "网易云音乐App目前不支持使用支付宝付款。",
        "用户在某某旅行App中可以直接打开抖音链接。",
        "下月起，小米商城将开始接受微信支付付款。",
    ] {
        let x = run(body);
        assert!(x.relevant, "{body}\n{:?}", x.relevance);
        assert!(x.events.is_empty(), "{body}\n{:?}", x.events);
    }
    // A kind of app is no platform; a name built on an entity's is that
    // entity's (QQ音乐 is QQ's, inside Tencent); a name beside no fact
    // trigger, a question and a platform with no name state nothing.
    for body in [
        "越来越多的第三方App已支持使用微信支付。",
        "QQ音乐App已支持使用微信支付。",
        "小米商城和支付宝都发布了年度报告。",
        "华为应用市场是否会上线云闪付，仍在评估中。",
        "该平台已支持使用支付宝付款。",
    ] {
        let x = run(body);
        assert!(!x.relevant, "{body}\n{:?}", x.relevance);
    }
    // Such a name is the clause's own subject: the fact before lends it
    // none.
    lacks(
        "京东已支持使用微信支付，小米应用商店也开通了云闪付。",
        "unionpay",
    );
}

#[test]
fn a_platform_taking_in_listed_third_party_platforms_is_relevant() {
    // Neither side has an id, and the body names no entity; the cue names
    // both sides itself.
    let x = run("该阅读应用此前已引入了“甲乙地图”“丙丁打车”等多家第三方平台的服务。");
    assert!(x.relevant, "{:?}", x.relevance);
    assert!(x.events.is_empty(), "{:?}", x.events);
    // Third parties not listed as taken in state no opening.
    for body in [
        "第三方平台的数据显示，该应用上月的下载量增长了三成。",
        "监管部门将加强对第三方平台等主体的检查。",
    ] {
        let x = run(body);
        assert!(!x.relevant, "{body}\n{:?}", x.relevance);
    }
}

#[test]
fn a_hosting_statement_is_no_other_sense() {
    // 交通 would veto the article as another sense of 互联互通; a platform
    // hosted by another is a statement of one opening to another.
    let x = run("该地图应用在交通出行之外，还接入了携程、同程等平台的酒店预订。");
    assert!(x.relevant, "{:?}", x.relevance);
}

#[test]
fn abbreviated_platform_names() {
    let x = run("主流电商平台“淘拼抖快”都在招商；抖快两家的直播电商增长最快。");
    assert_eq!(
        x.entities,
        vec!["taobao", "pinduoduo", "douyin", "kuaishou"]
    );
}

#[test]
fn ant_is_ant_group_but_not_the_insect() {
    let x = run("蚂蚁旗下的理财平台开放了新接口。");
    assert_eq!(x.entities, vec!["antgroup"]);
    let x = run("厨房里爬出一只蚂蚁，他像热锅上的蚂蚁一样着急。");
    assert!(x.entities.is_empty(), "{:?}", x.entities);
}

#[test]
fn a_group_named_before_its_platform_takes_no_role() {
    // 蚂蚁支付宝 is Alipay: the group's name must not come between the cue
    // and the platform, yet it stays an entity of the article.
    let x = run("在京东下单时，可以选择蚂蚁支付宝付款。");
    assert!(
        x.entities.contains(&"antgroup".to_string()),
        "{:?}",
        x.entities
    );
    assert_eq!(
        x.events.iter().map(key).collect::<Vec<_>>(),
        vec!["jd accept_payment alipay * available"]
    );
}

#[test]
fn a_platform_named_only_in_a_credit_is_no_entity() {
    let x = run("平台将严肃处理违规账号。来源：微信安全中心\n（图片来源：某用户微博截图）该公司主要收入来源：淘宝店铺。");
    assert_eq!(x.entities, vec!["taobao"]);
}

fn lacks(body: &str, unwanted: &str) {
    let k = keys(body);
    assert!(
        !k.iter().any(|x| x.contains(unwanted)),
        "{body}\n  unwanted {unwanted}\n  got {k:?}"
    );
}

#[test]
fn a_personal_conversation_is_the_private_chat() {
    has(
        "更新后，用户在微信个人对话中可以直接打开快手链接。",
        "wechat open_link kuaishou private_chat available",
    );
}

#[test]
fn links_named_before_their_opening() {
    has(
        "微博宣布，站内的外链已全面放开。",
        "weibo open_link * * available",
    );
    has(
        "微信表示，群聊中的外链将分批放开。",
        "wechat open_link * group_chat planned",
    );
    has(
        "微博已放开外链，但拼多多的链接仍被排除在外。",
        "weibo open_link pinduoduo * not_supported",
    );
}

#[test]
fn a_detour_through_the_browser_is_not_support() {
    has(
        "快手的商品链接在微博内无法打开，用户需要复制链接到浏览器中才能访问。",
        "weibo open_link kuaishou * not_supported",
    );
    lacks(
        "快手的商品链接在微博内无法打开，用户需要复制链接到浏览器中才能访问。",
        "available",
    );
}

#[test]
fn stopping_a_payment_method_is_a_reversal() {
    has(
        "当年，拼多多宣布停止使用云闪付付款。",
        "pinduoduo accept_payment unionpay * not_supported",
    );
}

#[test]
fn a_plan_to_open_a_login() {
    has(
        "快手后续将开放微信登录。",
        "kuaishou login wechat * planned",
    );
    has(
        "拼多多开始接入菜鸟速递。",
        "pinduoduo logistics cainiao * available",
    );
}

#[test]
fn a_proposal_is_no_fact_but_its_recap_is() {
    has(
        "代表在建议中指出，2021年工信部要求各平台解除屏蔽网址链接。",
        "miit mandate_unblock * * required",
    );
    assert!(keys("她建议，由工信部要求平台解除屏蔽网址链接。").is_empty());
}

#[test]
fn a_denied_rumour_states_no_fact() {
    assert!(keys("有自媒体称快手将接入微信支付，快手方面予以否认。").is_empty());
    assert!(keys("网传京东将接入支付宝，京东回应称消息不实。").is_empty());
}

#[test]
fn paid_posts_link_into_another_platform() {
    has(
        "品牌在微博投放的笔记可以直接跳转至淘宝商品页。",
        "weibo ad_link taobao * available",
    );
    has(
        "品牌在小红书投放的内容可挂载京东商品链接。",
        "xiaohongshu ad_link jd * available",
    );
}

#[test]
fn buying_inside_the_host_without_leaving_it() {
    let s = "在抖音内浏览时，用户可以直接进入饿了么小程序下单，无需跳转到饿了么App。";
    has(s, "douyin in_app_purchase eleme * available");
    lacks(s, "open_link");
}

#[test]
fn a_kind_of_platform_or_one_without_id_is_no_subject() {
    lacks(
        "微信朋友圈广告可跳转淘宝。目前，即时通信软件中个人对话可以直接打开外部链接。",
        "private_chat",
    );
    let s = "此前，淘宝已接入微信支付；高德地图也支持使用微信账号登录。";
    has(s, "taobao accept_payment wechat_pay * available");
    lacks(s, "login");
}

#[test]
fn most_cities_is_in_part() {
    has(
        "微信小店商家可以选择京东快递发货。此次合作覆盖全国大部分城市。",
        "wechat logistics jd * partial",
    );
}

#[test]
fn a_quoted_circle_of_friends_is_no_scope() {
    has(
        "微信与京东同属腾讯“朋友圈”，淘宝此前已接入京东物流。",
        "taobao logistics jd * available",
    );
}

#[test]
fn a_contrast_keeps_the_scene_of_the_fact_before_it() {
    has(
        "微信群聊中的外链已放开，但拼多多的链接仍被排除在外。",
        "wechat open_link pinduoduo group_chat not_supported",
    );
}

#[test]
fn a_later_sentence_with_no_trigger_states_the_fact_befores_status() {
    // The object is left unnamed: the rollout is the fact's before it.
    let k = keys("京东App已接入支付宝。京东方面表示，后续将逐步向全部用户开放。");
    assert_eq!(
        k,
        vec![
            "jd accept_payment alipay * available",
            "jd accept_payment alipay * planned"
        ]
    );
    // A pilot reported after the launch: the fact is in a test.
    let k = keys("京东App已接入支付宝。目前这项合作还在试点阶段，预计明年向所有用户开放。");
    assert_eq!(
        k,
        vec![
            "jd accept_payment alipay * beta",
            "jd accept_payment alipay * planned"
        ]
    );
}

#[test]
fn a_later_sentence_that_names_a_party_speaks_of_its_fact() {
    let k = keys(
        "京东App已接入支付宝。淘宝已接入微信支付。\n\n“目前仍在试点阶段，后续将逐步向全部用户开放。”京东相关负责人表示。",
    );
    contains(&k, "jd accept_payment alipay * planned");
    assert!(
        !k.iter()
            .any(|x| x.starts_with("taobao") && !x.ends_with("available")),
        "{k:?}"
    );
}

#[test]
fn a_later_sentence_needs_a_status_and_no_party_of_its_own() {
    // No status: nothing is said of the fact.
    assert_eq!(
        keys("京东App已接入支付宝。目前公司仍在招聘技术人员。"),
        vec!["jd accept_payment alipay * available"]
    );
    // A party of its own that is not the fact's: another subject.
    assert_eq!(
        keys("京东App已接入支付宝。目前抖音还在测试阶段。"),
        vec!["jd accept_payment alipay * available"]
    );
}

#[test]
fn a_part_of_the_service_left_out_is_partial_support() {
    assert_eq!(
        keys("目前，抖音App内的饿了么小程序覆盖多个品类，但暂不支持超市业务。"),
        vec!["douyin mini_program eleme * partial"]
    );
    // A party of its own left out is not a part of the service.
    assert_eq!(
        keys("京东App已接入微信支付，但暂不支持美团业务。"),
        vec!["jd accept_payment wechat_pay * available"]
    );
}

#[test]
fn talks_that_came_to_nothing_are_not_supported() {
    assert_eq!(
        keys("去年，拼多多曾与顺丰和京东快递商谈合作，但后来没能谈成。"),
        vec!["pinduoduo logistics jd * not_supported"]
    );
    assert_eq!(
        keys("拼多多去年与京东物流达成合作。"),
        vec!["pinduoduo logistics jd * available"]
    );
}

#[test]
fn a_carrier_serving_platforms_ships_their_orders() {
    // The carrier's own group is left out; the platforms listed ship with it.
    assert_eq!(
        keys("京东快递如今已服务京东以外的众多电商，包括抖音、小红书等。"),
        vec![
            "douyin logistics jd * available",
            "xiaohongshu logistics jd * available"
        ]
    );
    has(
        "菜鸟物流已服务拼多多。",
        "pinduoduo logistics cainiao * available",
    );
}

#[test]
fn live_room_links_into_another_marketplace_are_traffic_links() {
    // The jump the link makes is the same statement, not a fact of its own.
    assert_eq!(
        keys("从下月起，抖音直播间将支持挂载京东商品链接，观众点击即可直接跳转至京东App购买。"),
        vec!["douyin ad_link jd * planned"]
    );
    assert_eq!(
        keys("当年，抖音宣布直播间不再支持京东等外部平台的商品链接。"),
        vec!["douyin ad_link jd * not_supported"]
    );
}

#[test]
fn some_links_that_still_fail_are_partial() {
    has(
        "实际体验中，依然有部分抖音视频链接在微信群聊中提示“无法访问此网页”。",
        "wechat open_link douyin group_chat partial",
    );
}

#[test]
fn the_app_that_opens_a_shared_link_is_the_subject() {
    let k = keys("从抖音内分享到QQ的视频链接，现在已经可以在QQ聊天中直接打开。");
    contains(&k, "qq open_link douyin * available");
    assert!(
        !k.iter().any(|x| x.starts_with("douyin open_link")),
        "{k:?}"
    );
}

#[test]
fn a_function_pointed_back_to_was_named_before() {
    // 该功能 before the fact of its sentence is the paragraph's fact, not
    // the one the sentence goes on to state for another version.
    assert_eq!(
        keys("美团App已支持使用微信账号登录。目前该功能在手机端均可使用，不过美团网页版暂不支持微信扫码登录，只能使用美团账号登录。"),
        vec![
            "meituan login wechat * available",
            "meituan login wechat web not_supported"
        ]
    );
}

#[test]
fn general_links_are_those_of_the_scene_the_named_ones_open_in() {
    assert_eq!(
        keys("首批放开的外链包括视频、资讯等，其中抖音的链接在QQ私聊中点击后可直接打开。"),
        vec!["qq open_link douyin private_chat available"]
    );
}

#[test]
fn mutual_acceptance_with_the_partner_opened_to() {
    let k = keys("2022年，微信支付向银联云闪付开放了线下场景，在部分城市实现付款码互扫。");
    contains(&k, "unionpay accept_payment wechat_pay * partial");
    contains(&k, "wechat_pay accept_payment unionpay * partial");
    // The opening is a statement of its own: the partial one does not
    // spread over it.
    contains(&k, "wechat_pay accept_payment unionpay * available");
}

#[test]
fn a_service_built_on_a_hosts_open_platform() {
    has(
        "按照协议，京东将依托微信开放平台，以小程序的形式为用户提供购物服务。",
        "wechat mini_program jd * planned",
    );
    has(
        "借助京东小程序，微信将为京东商家提供直播带货等能力。",
        "wechat mini_program jd * planned",
    );
    has(
        "双方早已合作，京东、当当等商家通过嵌在微信里的购物小程序完成交易。",
        "wechat mini_program jd * available",
    );
}

#[test]
fn users_is_no_verb_of_using() {
    // 用户在微信群内: the 用 of 用户 starts no payment fact, so the group
    // chat of that clause is the scene of the opening after it.
    has(
        "有的用户在微信群内点击抖音链接后，可直接进入抖音网页版视频页。",
        "wechat open_link douyin group_chat available",
    );
}

#[test]
fn the_other_side_of_both_parties_is_the_fact_before() {
    // 双方…对方: the two parties of the fact before, one fact each way.
    let k =
        keys("据报道，京东正在测试打通抖音短视频，不过双方表示，用户仍不能在App内跳转至对方App。");
    contains(&k, "jd share_link douyin * beta");
    contains(&k, "jd open_link douyin * not_supported");
    contains(&k, "douyin open_link jd * not_supported");
    // With no fact before, nothing.
    assert!(keys("京东表示，用户不能跳转至对方App。").is_empty());
}

#[test]
fn a_service_opened_to_a_host_runs_inside_it() {
    has(
        "去年底，美团服务全面向QQ开放，QQ用户在QQ内即可下单。",
        "qq mini_program meituan * available",
    );
    // Neither platform runs mini programs: the names do not tell.
    assert!(keys("美团服务已向京东开放。").is_empty());
}

#[test]
fn content_is_no_place_inside_an_app() {
    // 小红书内容: the 内 of 内容 makes no host.
    has(
        "京东打通小红书内容。",
        "jd share_link xiaohongshu * available",
    );
}

#[test]
fn a_link_opened_inside_an_app_is_no_service_run_there() {
    assert_eq!(
        keys("在QQ内打开京东链接。"),
        vec!["qq open_link jd * available"]
    );
}

#[test]
fn second_statuses_plans_and_the_receiving_side() {
    // A plan after 将从…起, spelled out in the next clause: planned alone.
    assert_eq!(
        keys("拼多多将从10月8日起面向全部商家开通云闪付，商家都可以接受云闪付付款。"),
        vec!["pinduoduo accept_payment unionpay * planned"]
    );
    // Some cities, then a plan for the rest: partial and planned.
    let k = keys(
        "美团小程序在支付宝上线。该小程序目前仅在杭州、南京等8个城市开放，其他城市将陆续开通。",
    );
    contains(&k, "alipay mini_program meituan * partial");
    contains(&k, "alipay mini_program meituan * planned");
    // Mutual acceptance limited to some merchants: both directions.
    let k = keys("云闪付与微信支付实现收款码互认。部分个体商户的收款码暂不支持互扫。");
    contains(&k, "unionpay accept_payment wechat_pay * partial");
    contains(&k, "wechat_pay accept_payment unionpay * partial");
    // 在X上线小程序: X hosts it, whatever else the clause names.
    has(
        "饿了么在微信上线小程序，支持用户下单。",
        "wechat mini_program eleme * available",
    );
    has(
        "美团至今仍未在抖音上线小程序。",
        "douyin mini_program meituan * not_supported",
    );
    // The receiving side of a share opens the sharer's content.
    has(
        "在抖音中转发视频至微信群后，群成员即可直接在微信内播放。",
        "wechat open_link douyin group_chat available",
    );
    // A detour to pay elsewhere: no purchase inside.
    has(
        "微博可以打开京东商品链接。但用户仍需跳转到京东App完成支付。",
        "weibo in_app_purchase jd * not_supported",
    );
    has(
        "拼多多商品目前仍不能在抖音直播间上架。",
        "douyin in_app_purchase pinduoduo * not_supported",
    );
}

#[test]
fn a_demand_of_the_only_regulator_and_one_in_passing() {
    has(
        "工信部近日召集多家企业开会，微信仍不能打开淘宝链接。会议要求10月1日前各平台必须解除屏蔽。",
        "miit mandate_unblock * * required",
    );
    has(
        "2021年9月，百度表示将响应工信部要求，推进与各平台的链接互通。",
        "miit mandate_unblock * * required",
    );
}

#[test]
fn a_test_said_of_the_feature_before_is_the_test_alone() {
    let k =
        keys("有用户发现，在快手中分享视频至QQ群后可以直接打开。快手确认，该功能正在灰度测试中。");
    assert!(!k.iter().any(|x| x.ends_with("available")), "{k:?}");
}

#[test]
fn a_notices_sanction_on_blocking_is_its_regulators_demand() {
    // Two regulators in the article: the notice is the one named before,
    // and the demand's own deadline dates it.
    let x = run("市场监管总局日前印发通知，将开展“屏蔽封禁”专项检查。\n\n\
         此前，工信部已于2021年9月要求各平台解除屏蔽网址链接。\n\n\
         市场监管总局的通知要求，平台企业应在4月30日前完成自查自纠；对仍存在屏蔽外部链接等行为的，依法予以处理。");
    let when: Vec<(String, String)> = x
        .events
        .iter()
        .map(|f| (f.subject.clone(), f.when.clone()))
        .collect();
    assert!(
        when.contains(&("samr".to_string(), "2024-04-30".to_string())),
        "{when:?}"
    );
}

#[test]
fn where_an_ads_click_leads_in_a_clause_of_its_own() {
    has(
        "早在2020年，京东就曾在微信朋友圈投放广告，但点击后只能跳转至应用商店，不能直达京东App。",
        "wechat ad_link jd moments not_supported",
    );
}

#[test]
fn this_time_restates_the_news_with_no_date_of_its_own() {
    let x = run("6月7日起，淘宝商家可以在后台直接选择京东物流发货。\n\n\
         2021年工信部要求各平台解除屏蔽后，淘宝陆续向外部服务商开放接口，此次接入京东物流是其中分量最重的一项。");
    let when: Vec<String> = x
        .events
        .iter()
        .filter(|f| f.capability == "logistics")
        .map(|f| f.when.clone())
        .collect();
    assert_eq!(when, ["2024-06-07"]);
}
