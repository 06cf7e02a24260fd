//! Page furniture the readers leave out of the body: ad boxes, image
//! captions and their credits, an account's list of earlier posts, the
//! headline and date stamp of a page whose `<article>` holds them. The
//! article's own paragraphs stay.

use hutong::lexicon::Lexicon;
use hutong::model::{Article, Extraction};
use hutong::pipeline;
use hutong::read::{self, Limits};
use hutong::text;

fn lexicon() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

fn read_one(bytes: &str, name: &str) -> Article {
    let mut v = read::read_bytes(bytes.as_bytes(), name, name, &Limits::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(v.len(), 1);
    v.remove(0)
}

fn texts(a: &Article) -> Vec<String> {
    let doc = text::document(a);
    doc.paragraphs
        .iter()
        .map(|p| doc.text[p.span.start..p.span.end].to_string())
        .collect()
}

fn run(a: &Article) -> Extraction {
    pipeline::extract(lexicon(), a, false)
}

const FRONT: &str = "---\ntitle: 测试标题\ndate: 2024-06-01 10:00:00\n---\n";

#[test]
fn ad_boxes_in_a_feed_body_are_not_text() {
    let md = format!(
        "{FRONT}<div class=\"post-body\">\n<p>京东宣布接入微信支付，用户下单时可以选择。</p>\n\
         <div class=\"ad-box\"><span>推广</span> 美团外卖满减券限时领取</div>\n\
         <section id=\"ads_bottom\">抖音商城大促</section>\n\
         <p data-ad=\"1\">快手好物节开启</p>\n\
         <div class=\"sponsored-links\">饿了么会员日</div>\n\
         <p class=\"address\">地址：北京市海淀区</p>\n</div>\n"
    );
    let a = read_one(&md, "ads.md");
    let t = texts(&a);
    assert_eq!(
        t,
        vec![
            "京东宣布接入微信支付，用户下单时可以选择。",
            "地址：北京市海淀区"
        ]
    );
    assert_eq!(run(&a).entities, vec!["jd", "wechat_pay"]);
}

#[test]
fn ads_captions_and_stamps_of_a_page_are_not_text() {
    let page = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>支付宝上线新功能 | 某某网</title></head><body>
<article class="story">
<h1 class="story-title">支付宝上线新功能</h1>
<div class="story-meta"><span class="writer">记者 李四</span>
<time class="stamp" datetime="2023-07-08T09:15:00+08:00">2023-07-08 09:15</time></div>
<div class="story-text">
<p>7月7日，支付宝宣布在部分城市试点新的扫码方式，用户可在收银台直接使用。</p>
<figure><img src="x.jpg"><figcaption>收银台上的扫码设备。（图／截图自小红书）</figcaption></figure>
<p>据介绍，该功能将在年底前推广到全国。</p>
<div class="ad" data-slot="inline"><a href="/x">拼多多限时秒杀</a></div>
</div>
</article></body></html>"#;
    let a = read_one(page, "page.html");
    assert_eq!(a.title, "支付宝上线新功能");
    let t = texts(&a);
    assert_eq!(
        t,
        vec![
            "记者 李四",
            "7月7日，支付宝宣布在部分城市试点新的扫码方式，用户可在收银台直接使用。",
            "据介绍，该功能将在年底前推广到全国。",
        ]
    );
    let x = run(&a);
    assert_eq!(x.entities, vec!["alipay"]);
    let tx: Vec<(&str, &str)> = x
        .timexes
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_str()))
        .collect();
    // The stamp is the page's posting time, no date of the story; the
    // headline's words are the title's, not the body's.
    assert_eq!(tx, vec![("7月7日", "2023-07-07"), ("年底前", "2023")]);
}

#[test]
fn a_date_in_running_text_stays() {
    let page = r#"<html><head><title>标题</title></head><body><article>
<p>通知称，新规于<time datetime="2024-01-05">2024年1月5日</time>起施行，微信和淘宝均已完成改造。</p>
<p>另据报道，整改的时间表已于2023年12月20日 10:00公布。</p>
</article></body></html>"#;
    let a = read_one(page, "inline.html");
    let t = texts(&a);
    assert_eq!(t.len(), 2);
    assert!(t[0].contains("2024年1月5日"));
    assert!(t[1].contains("2023年12月20日"));
}

#[test]
fn an_accounts_list_of_earlier_posts_is_not_text() {
    let md = format!(
        "{FRONT}美团宣布接入支付宝付款，今年5月起全量开放。\n\n\
         - 第一步：打开收银台\n- 第二步：选择支付宝\n\nEND\n\n\
         **往期推荐**\n\n- 抖音支付的新牌照\n- 拼多多的2023年\n1. 云闪付的逆袭\n\n\
         点个在看，分享给朋友\n\n## 往期回顾：\n- 京东的下一站\n"
    );
    let a = read_one(&md, "gzh.md");
    let t = texts(&a);
    assert_eq!(
        t,
        vec![
            "美团宣布接入支付宝付款，今年5月起全量开放。",
            "第一步：打开收银台",
            "第二步：选择支付宝",
            "END",
            "点个在看，分享给朋友",
        ]
    );
    let x = run(&a);
    assert_eq!(x.entities, vec!["meituan", "alipay"]);
    assert_eq!(x.timexes.len(), 1);
    // A line that only starts a paragraph about earlier issues stays.
    let md = format!("{FRONT}往期节目里，淘宝主播曾演示过微信分享。\n- 一条要点\n");
    let t = texts(&read_one(&md, "gzh2.md"));
    assert_eq!(t.len(), 2);
}
