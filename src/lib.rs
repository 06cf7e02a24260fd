//! hutong (互通): track the opening-up of China's walled gardens as dated,
//! sourced facts.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`read`] bytes -> [`model::Article`]; [`text`] -> [`model::Document`];
//! [`time`] and [`entities`] annotate it; [`facts`] and [`relevance`] make the
//! [`model::Extraction`] ([`pipeline::extract`], the per-article map step);
//! [`graph`] merges extractions into a timeline (the reduce step); [`query`]
//! and [`render`] answer and draw.

pub mod cache;
pub mod cli;
pub mod entities;
pub mod eval;
pub mod facts;
pub mod graph;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod pull;
pub mod query;
pub mod read;
pub mod relevance;
pub mod render;
pub mod text;
pub mod time;

pub use model::*;
