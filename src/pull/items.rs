//! A fetched feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed) into the items the
//! archive stores.

use crate::read::date::beijing;
use chrono::{DateTime, FixedOffset};

/// One feed item, as the archive writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    pub title: String,
    /// The item's web page, when the feed gives one.
    pub link: Option<String>,
    /// The feed's own id for the item (guid / atom:id).
    pub guid: Option<String>,
    /// Published (or else updated) time, in Beijing time.
    pub date: Option<DateTime<FixedOffset>>,
    pub author: Option<String>,
    pub categories: Vec<String>,
    /// The HTML body: the full content when the feed has it, else the summary.
    pub body: String,
}

/// A parsed feed.
#[derive(Debug, Clone)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
}

/// Parse feed bytes; the error says what is wrong with them.
pub fn parse(bytes: &[u8]) -> Result<ParsedFeed, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("not a valid feed: {e}"))?;
    let title = feed
        .title
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    let items = feed
        .entries
        .into_iter()
        .map(|e| {
            let link = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| e.links.first())
                .map(|l| l.href.trim().to_string())
                .filter(|h| !h.is_empty());
            let body = e
                .content
                .and_then(|c| c.body)
                .filter(|b| !b.trim().is_empty())
                .or_else(|| e.summary.map(|s| s.content))
                .unwrap_or_default();
            FeedItem {
                title: e
                    .title
                    .map(|t| t.content.trim().to_string())
                    .unwrap_or_default(),
                link,
                guid: Some(e.id).filter(|i| !i.trim().is_empty()),
                date: e
                    .published
                    .or(e.updated)
                    .map(|d| d.with_timezone(&beijing())),
                author: e
                    .authors
                    .first()
                    .and_then(|p| p.name.as_deref())
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty()),
                categories: e
                    .categories
                    .into_iter()
                    .map(|c| c.label.unwrap_or(c.term))
                    .filter(|c| !c.trim().is_empty())
                    .collect(),
                body,
            }
        })
        .collect();
    Ok(ParsedFeed { title, items })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_item_fields_and_beijing_date() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>IT之家</title>
<item><title>淘宝内测微信支付</title><link>https://www.ithome.com/0/609/001.htm</link>
<guid>609001</guid><pubDate>Fri, 25 Mar 2022 23:06:09 GMT</pubDate>
<description><![CDATA[<p>IT之家 3 月 26 日消息</p>]]></description></item></channel></rss>"#;
        let f = parse(rss.as_bytes()).unwrap();
        assert_eq!(f.title.as_deref(), Some("IT之家"));
        let i = &f.items[0];
        assert_eq!(i.title, "淘宝内测微信支付");
        assert_eq!(
            i.link.as_deref(),
            Some("https://www.ithome.com/0/609/001.htm")
        );
        assert_eq!(i.date.unwrap().to_rfc3339(), "2022-03-26T07:06:09+08:00");
        assert!(i.body.contains("<p>IT之家"));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_give_a_feed_or_an_error(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn any_text_in_a_feed_shell_gives_a_feed_or_an_error(s in ".{0,200}") {
            let _ = parse(format!("<rss version=\"2.0\"><channel><item>{s}</item></channel></rss>").as_bytes());
        }
    }

    #[test]
    fn a_gb2312_feed_is_decoded() {
        let xml = "<?xml version=\"1.0\" encoding=\"gb2312\"?><rss version=\"2.0\"><channel>\
                   <title>新闻</title><item><title>微信支付</title><link>http://a/1</link></item>\
                   </channel></rss>";
        let (bytes, _, _) = encoding_rs::GBK.encode(xml);
        let f = parse(&bytes).unwrap();
        assert_eq!(f.title.as_deref(), Some("新闻"));
        assert_eq!(f.items[0].title, "微信支付");
    }

    #[test]
    fn truncated_xml_is_an_error() {
        assert!(parse(b"<rss><channel><item><title>x</ti").is_err());
        assert!(parse(b"hello").is_err());
    }
}
