//! The domain lexicon: entities and aliases, capability triggers, scope and
//! status cues, relevance cues. The default is compiled into the binary; a
//! user can replace it (`--lexicon`) or extend it (`--lexicon-extra`).

use serde::Deserialize;

/// The default lexicon, as shipped.
pub const DEFAULT_YAML: &str = include_str!("lexicon.yaml");

/// A loaded and checked lexicon.
#[derive(Debug, Clone, Deserialize)]
pub struct Lexicon {
    #[serde(default)]
    pub entities: Vec<EntityDef>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EntityDef {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub parent: Option<String>,
}

/// A lexicon that failed to load, naming the entry.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LexiconError(pub String);

impl Lexicon {
    /// Parse and check a lexicon.
    pub fn from_yaml(yaml: &str) -> Result<Self, LexiconError> {
        yaml_serde::from_str(yaml).map_err(|e| LexiconError(format!("lexicon: {e}")))
    }

    /// The compiled-in default.
    pub fn builtin() -> Self {
        Self::from_yaml(DEFAULT_YAML).expect("the built-in lexicon is valid")
    }
}

impl Lexicon {
    /// Add another lexicon's entries to this one.
    pub fn extend(mut self, other: Lexicon) -> Result<Self, LexiconError> {
        self.entities.extend(other.entities);
        Ok(self)
    }
}
