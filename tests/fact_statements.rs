//! Facts stated over several clauses or sentences: one statement of two
//! parties, a status said later of a fact named before, mutual acceptance,
//! regulators' demands stated in passing, history told with negations.

use chrono::DateTime;
use hutong::lexicon::Lexicon;
use hutong::model::{Article, BodyKind, Fact};
use hutong::pipeline;

fn article(body: &str) -> Article {
    Article {
        id: "t.txt".into(),
        source: "t.txt".into(),
        title: String::new(),
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
    let mut v: Vec<String> = pipeline::extract(lexicon(), &article(body), false)
        .events
        .iter()
        .map(key)
        .collect();
    v.sort();
    v
}

fn has_all(body: &str, want: &[&str]) {
    let k = keys(body);
    for w in want {
        assert!(k.iter().any(|x| x == w), "{body}\n  want {w}\n  got {k:?}");
    }
}

fn has_none(body: &str, unwanted: &str) {
    let k = keys(body);
    assert!(
        !k.iter().any(|x| x.contains(unwanted)),
        "{body}\n  unwanted {unwanted}\n  got {k:?}"
    );
}

#[test]
fn a_later_status_holds_for_both_objects_of_one_statement() {
    has_all(
        "4月2日起，部分快手用户在私信里收到的淘宝、京东商品链接可以直接在快手内打开。快手回应称，目前仍在灰度测试中，预计下月覆盖全部用户。",
        &[
            "kuaishou open_link taobao private_chat beta",
            "kuaishou open_link jd private_chat beta",
            "kuaishou open_link taobao private_chat planned",
            "kuaishou open_link jd private_chat planned",
        ],
    );
}

#[test]
fn a_later_limit_and_plan_hold_for_both_subjects() {
    has_all(
        "即日起，淘宝、天猫平台上的服饰类目商家可以选择京东物流发货。淘宝天猫方面表示，首批仅开放服饰类目，其余类目预计将于9月起陆续开放。",
        &[
            "taobao logistics jd * partial",
            "tmall logistics jd * partial",
            "taobao logistics jd * planned",
            "tmall logistics jd * planned",
        ],
    );
}

#[test]
fn payment_codes_taking_each_other() {
    has_all(
        "银联昨日宣布，支付宝的收款码已可接受云闪付扫码付款；云闪付收款码亦支持用支付宝付款，双方实现收款码互认。银联表示，目前互认仅覆盖个人收款码，商户收款码的互通预计年底前完成。",
        &[
            "alipay accept_payment unionpay * available",
            "unionpay accept_payment alipay * available",
            "alipay accept_payment unionpay * partial",
            "unionpay accept_payment alipay * partial",
            "alipay accept_payment unionpay * planned",
            "unionpay accept_payment alipay * planned",
        ],
    );
}

#[test]
fn a_store_a_courier_and_a_nationwide_plan() {
    has_all(
        "2023年5月，美团商家可以在快手开设团购店铺。",
        &["kuaishou in_app_purchase meituan * available"],
    );
    has_all(
        "用户在快手下单后由美团骑手配送到家。",
        &["kuaishou logistics meituan * available"],
    );
    has_all(
        "美团小程序已在快手上线。美团方面表示，预计年底前覆盖全国主要城市。",
        &["kuaishou mini_program meituan * planned"],
    );
}

#[test]
fn a_launch_in_two_cities_first_is_partial() {
    has_all(
        "美团收银台新增了抖音支付选项。美团回应称，该功能于春节前在上海、深圳两地率先上线。",
        &["meituan accept_payment douyin_pay * partial"],
    );
    has_all(
        "拼多多的收银台里能选支付宝了。",
        &["pinduoduo accept_payment alipay * available"],
    );
}

#[test]
fn demands_and_campaigns_against_blocking() {
    has_all(
        "2022年3月，工信部要求各平台解除对外部链接和支付方式的不合理限制。",
        &["miit mandate_unblock * * required"],
    );
    has_all(
        "市场监管总局将开展“屏蔽封禁”专项检查。",
        &["samr mandate_unblock * * required"],
    );
}

#[test]
fn history_told_with_negations() {
    has_all(
        "彼时，微信限制淘宝链接在微信内直接打开；淘宝也始终没有接入微信支付。",
        &[
            "wechat open_link taobao * not_supported",
            "taobao accept_payment wechat_pay * not_supported",
        ],
    );
    has_none(
        "彼时，微信限制淘宝链接在微信内直接打开。",
        "open_link taobao * available",
    );
    // Platforms in general are no subject taken from context.
    has_none(
        "淘宝已接入微信支付。平台之间相互屏蔽链接，损害了用户的选择权。",
        "open_link",
    );
}

#[test]
fn the_first_step_of_a_rollout_is_a_plan() {
    has_all(
        "腾讯表示将分步骤实施，首先在微信单聊中逐步放开外部链接的直接访问。",
        &["wechat open_link * private_chat planned"],
    );
    has_none(
        "腾讯表示将分步骤实施，首先在微信单聊中逐步放开外部链接的直接访问。",
        "beta",
    );
}

#[test]
fn notes_linking_into_a_marketplace() {
    has_all(
        "小红书笔记下方可以挂载天猫商品链接。",
        &["xiaohongshu ad_link tmall * available"],
    );
    has_all(
        "目前小红书笔记中仍无法挂载京东商品链接。",
        &["xiaohongshu ad_link jd * not_supported"],
    );
}

#[test]
fn logging_in_and_opening_a_shared_card() {
    has_all(
        "闲鱼App更新后，用户即可用微信账号直接登录。",
        &["xianyu login wechat * available"],
    );
    has_all(
        "闲鱼的商品链接分享到微信群后，群成员点击即可在微信内直接打开商品页面。",
        &["wechat open_link xianyu group_chat available"],
    );
}

#[test]
fn sending_goods_by_copying_a_code_is_partial() {
    has_all(
        "两年前，想把一件京东商品发给微信好友，只能复制一串口令，对方再打开京东粘贴。",
        &["jd share_link wechat * partial"],
    );
    // The block first, the copied code after: the goods of the links' owner
    // go into the app that blocks them.
    has_all(
        "当时微信限制京东链接在微信内直接打开，用户只能复制口令来分享商品。",
        &["jd share_link wechat * partial"],
    );
}

#[test]
fn an_embedded_question_states_nothing() {
    has_none(
        "快手已接入微信支付。一位商家说：“外链放开只是第一步，站外流量能不能在快手里成交才是关键。”",
        "open_link",
    );
    has_none("淘宝会不会接入微信支付，目前还不清楚。", "accept_payment");
}

#[test]
fn what_follows_a_planned_step_is_planned() {
    has_all(
        "快手表示，与京东物流的系统对接预计年底前完成，完成后快手商家即可选择京东物流发货。",
        &["kuaishou logistics jd * planned"],
    );
    has_all(
        "快手表示，与京东物流的系统对接已经结束，完成后快手商家即可选择京东物流发货。",
        &["kuaishou logistics jd * available"],
    );
}

#[test]
fn a_payment_method_in_the_checkouts_list_of_options() {
    has_all(
        "记者实测发现，在京东下单时，支付方式列表中除微信支付外，已新增“云闪付”一项。",
        &["jd accept_payment wechat_pay * available"],
    );
    has_all(
        "有用户发现，拼多多App的收银台新增了“抖音支付”选项，位置排在微信支付之后。",
        &[
            "pinduoduo accept_payment douyin_pay * available",
            "pinduoduo accept_payment wechat_pay * available",
        ],
    );
}

#[test]
fn a_test_said_of_the_feature_paragraphs_after_it() {
    let body = "不少读者留言：拼多多App的付款页面里，竟然能选支付宝了。\n\n\
                我们用三台手机实测，只有一台出现了这个选项。\n\n\
                拼多多客服的回复是，该功能“正在小范围测试”，上线时间以官方公告为准。";
    has_all(body, &["pinduoduo accept_payment alipay * beta"]);
    has_none(body, "pinduoduo accept_payment alipay * available");
}
