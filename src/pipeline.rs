//! The per-article pipeline: Article -> Extraction. A pure function of the
//! article and the lexicon, so it is the map step of any scale-out.

use crate::lexicon::Lexicon;
use crate::model::{Article, Extraction, TextDump, TextUnit, Timex};
use crate::{entities, facts, relevance, text, time};

/// Run every stage on one article.
pub fn extract(lex: &Lexicon, article: &Article, with_text: bool) -> Extraction {
    let doc = text::document(article);
    let reference = article.published.map(|d| d.naive_local());
    let timexes: Vec<Timex> = time::tag(&doc.norm, reference)
        .into_iter()
        .map(|mut t| {
            // The tagger works on the normalized text; report what the
            // article wrote.
            t.text = doc.original(t.span).to_string();
            t
        })
        .collect();
    let mentions = entities::find(lex, &doc, &article.title);
    let ids = entities::distinct_ids(&mentions);
    let published = article.published.map(|d| d.to_rfc3339());
    // Facts come first: an article that states one is relevant, and one
    // that is judged not relevant keeps none.
    let mut events = facts::extract_with_title(
        lex,
        &article.id,
        &doc,
        &article.title,
        &timexes,
        &entities::heads(lex, &mentions),
        published.as_deref(),
    );
    let relevance = relevance::judge(lex, &doc, &article.title, &mentions, &events);
    if !relevance.relevant {
        events.clear();
    }
    let text = with_text.then(|| TextDump {
        paragraphs: doc
            .paragraphs
            .iter()
            .map(|p| TextUnit {
                id: p.id.clone(),
                text: doc.text[p.span.start..p.span.end].to_string(),
            })
            .collect(),
        sentences: doc
            .sentences()
            .iter()
            .map(|s| TextUnit {
                id: doc.paragraphs[s.paragraph].id.clone(),
                text: doc.text[s.span.start..s.span.end].to_string(),
            })
            .collect(),
    });
    Extraction {
        article: article.id.clone(),
        published,
        title: article.title.clone(),
        url: article.url.clone(),
        relevant: relevance.relevant,
        relevance,
        entities: ids,
        timexes,
        events,
        text,
    }
}
