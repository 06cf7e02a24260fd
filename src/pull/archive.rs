//! The archive: one article file per item (front matter + HTML body), an
//! index of what is already there, and the per-feed HTTP validators.
//!
//! Consistency rests on two rules. Every file is written to a hidden temp
//! file and renamed into place, so a reader never sees half an article. The
//! state file is written after the articles it mentions, and on open the
//! directory is reconciled with it (articles the state does not know are
//! read back and indexed), so a crash between the two loses nothing and
//! duplicates nothing.

use super::items::FeedItem;
use super::Validators;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The state file in the archive directory (hidden, so readers skip it).
pub const STATE_FILE: &str = ".hutong-state.json";
const LOCK_FILE: &str = ".hutong-lock";
const TMP_PREFIX: &str = ".hutong-tmp";
const STATE_VERSION: u32 = 1;

/// What the archive remembers between pulls.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub version: u32,
    /// Per feed URL: the validators of its last successful fetch.
    #[serde(default)]
    pub feeds: BTreeMap<String, FeedState>,
    /// Per item key (normalized link, else guid, else content): its files.
    #[serde(default)]
    pub items: BTreeMap<String, ItemRecord>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FeedState {
    #[serde(default)]
    pub etag: Option<String>,
    #[serde(default)]
    pub last_modified: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// When it last answered with a feed or a 304 (RFC 3339).
    #[serde(default)]
    pub last_ok: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ItemRecord {
    /// File name without `.txt` or revision suffix; revisions share it.
    pub base: String,
    /// Every stored revision, oldest first.
    pub revisions: Vec<Revision>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Revision {
    pub file: String,
    /// Hash of the normalized title and body text.
    pub content: String,
}

/// What happened to one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// First time seen: written to this file.
    New(String),
    /// Known link, changed content: written as a new revision.
    Revised(String),
    /// Same content already archived (under this or another link).
    Unchanged,
}

/// An archive directory, locked for the lifetime of this value.
pub struct Archive {
    dir: PathBuf,
    state: State,
    contents: HashSet<String>,
    _lock: File,
}

/// Why the archive cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}: another pull is writing to this archive")]
    Locked(String),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ArchiveError + '_ {
    move |source| ArchiveError::Io {
        path: path.display().to_string(),
        source,
    }
}

impl Archive {
    /// Open (creating it if need be) and lock the archive in `dir`, then
    /// reconcile its state with the files actually there. Problems with
    /// single files (unreadable, not an article) are returned as warnings.
    pub fn open(dir: &Path) -> Result<(Archive, Vec<String>), ArchiveError> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let lock_path = dir.join(LOCK_FILE);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_err(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(ArchiveError::Locked(dir.display().to_string()))
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io_err(&lock_path)(e)),
        }
        let mut warnings = Vec::new();
        let state_path = dir.join(STATE_FILE);
        let state = match std::fs::read(&state_path) {
            Ok(b) => match serde_json::from_slice::<State>(&b) {
                Ok(s) => s,
                Err(e) => {
                    // Rebuilt below from the articles themselves; only the
                    // validators are lost (the next fetch is unconditional).
                    warnings.push(format!(
                        "{}: unreadable state ({e}); rebuilding it from the articles",
                        state_path.display()
                    ));
                    State::default()
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => State::default(),
            Err(e) => return Err(io_err(&state_path)(e)),
        };
        let mut archive = Archive {
            dir: dir.to_path_buf(),
            state,
            contents: HashSet::new(),
            _lock: lock,
        };
        archive.reconcile(&mut warnings)?;
        Ok((archive, warnings))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// The validators remembered for a feed.
    pub fn validators(&self, url: &str) -> Validators {
        self.state
            .feeds
            .get(url)
            .map(|f| Validators {
                etag: f.etag.clone(),
                last_modified: f.last_modified.clone(),
            })
            .unwrap_or_default()
    }

    /// Remember a feed's validators; saved with the next [`Archive::save`].
    pub fn set_feed(&mut self, url: &str, validators: Option<Validators>, title: Option<String>) {
        let now = chrono::Utc::now().with_timezone(&crate::read::date::beijing());
        let entry = self.state.feeds.entry(url.to_string()).or_default();
        if let Some(v) = validators {
            entry.etag = v.etag;
            entry.last_modified = v.last_modified;
        }
        if title.is_some() {
            entry.title = title;
        }
        entry.last_ok = Some(now.to_rfc3339());
    }

    /// Bring the index in line with the directory: drop entries whose file
    /// is gone, index article files it does not know, remove temp files a
    /// crash left behind (safe: we hold the lock).
    fn reconcile(&mut self, warnings: &mut Vec<String>) -> Result<(), ArchiveError> {
        let mut on_disk: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(&self.dir).map_err(io_err(&self.dir))? {
            let entry = entry.map_err(io_err(&self.dir))?;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            if name.starts_with(TMP_PREFIX) {
                let _ = std::fs::remove_file(entry.path());
                continue;
            }
            if name.starts_with('.') || !name.ends_with(".txt") {
                continue;
            }
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                on_disk.push(name);
            }
        }
        let present: HashSet<&str> = on_disk.iter().map(String::as_str).collect();
        for rec in self.state.items.values_mut() {
            rec.revisions.retain(|r| present.contains(r.file.as_str()));
        }
        self.state.items.retain(|_, r| !r.revisions.is_empty());
        let known: HashSet<String> = self
            .state
            .items
            .values()
            .flat_map(|r| r.revisions.iter().map(|v| v.file.clone()))
            .collect();
        on_disk.sort();
        for name in on_disk.iter().filter(|n| !known.contains(*n)) {
            let path = self.dir.join(name);
            let text = match std::fs::read(&path) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    warnings.push(format!("{}: {e}", path.display()));
                    continue;
                }
            };
            let Some(front) = parse_article(&text) else {
                warnings.push(format!(
                    "{}: not an article with front matter; left alone",
                    path.display()
                ));
                continue;
            };
            let content = content_hash(&front.title, &front.body);
            let key = item_key(front.link.as_deref(), front.guid.as_deref(), &content);
            let base = base_of(name);
            let rec = self.state.items.entry(key).or_insert_with(|| ItemRecord {
                base,
                revisions: Vec::new(),
            });
            rec.revisions.push(Revision {
                file: name.clone(),
                content,
            });
        }
        self.contents = self
            .state
            .items
            .values()
            .flat_map(|r| r.revisions.iter().map(|v| v.content.clone()))
            .collect();
        Ok(())
    }

    /// Store one item unless its content is already archived.
    pub fn store(&mut self, item: &FeedItem, source: &str) -> Result<Stored, ArchiveError> {
        let content = content_hash(&item.title, &item.body);
        if self.contents.contains(&content) {
            return Ok(Stored::Unchanged);
        }
        let key = item_key(item.link.as_deref(), item.guid.as_deref(), &content);
        let date = item
            .date
            .unwrap_or_else(|| chrono::Utc::now().with_timezone(&crate::read::date::beijing()));
        let (base, first) = match self.state.items.get(&key) {
            Some(rec) => (rec.base.clone(), rec.revisions.is_empty()),
            None => (
                format!("{}_{}", date.format("%Y-%m-%d"), &short_hash(&key)),
                true,
            ),
        };
        let existing = self
            .state
            .items
            .get(&key)
            .map(|r| r.revisions.len())
            .unwrap_or(0);
        let mut n = existing + 1;
        let file = loop {
            let name = if n == 1 {
                format!("{base}.txt")
            } else {
                format!("{base}_r{n}.txt")
            };
            if !self.dir.join(&name).exists() {
                break name;
            }
            n += 1;
        };
        let text = render_article(item, date, source);
        write_atomic(&self.dir, &file, text.as_bytes())?;
        let rec = self.state.items.entry(key).or_insert_with(|| ItemRecord {
            base,
            revisions: Vec::new(),
        });
        rec.revisions.push(Revision {
            file: file.clone(),
            content: content.clone(),
        });
        self.contents.insert(content);
        Ok(if first {
            Stored::New(file)
        } else {
            Stored::Revised(file)
        })
    }

    /// Write the state file (atomically). Call after the articles.
    pub fn save(&mut self) -> Result<(), ArchiveError> {
        self.state.version = STATE_VERSION;
        let json = serde_json::to_vec_pretty(&self.state).map_err(|e| ArchiveError::Io {
            path: self.dir.join(STATE_FILE).display().to_string(),
            source: std::io::Error::other(e),
        })?;
        write_atomic(&self.dir, STATE_FILE, &json)
    }
}

/// Write `name` in `dir` through a hidden temp file and a rename, so the
/// file is either absent, the old one, or the complete new one. The temp
/// file is made by hand rather than with `tempfile` so the article gets the
/// usual permissions (the umask), not the owner-only ones of a secret.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), ArchiveError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let target = dir.join(name);
    let tmp = dir.join(format!(
        "{TMP_PREFIX}-{}-{}-{name}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut f = File::options().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_err(&target)(e));
    }
    Ok(())
}

/// The front matter pull writes (and reads back when reconciling).
#[derive(Debug, Serialize, Deserialize)]
struct FrontMatter {
    #[serde(default)]
    title: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    link: Option<String>,
    #[serde(default)]
    source: Option<String>,
    /// The feed's id for an item without a link, so a rebuilt index keys
    /// it as the live feed does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    guid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    author: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    categories: Vec<String>,
}

struct ParsedArticle {
    title: String,
    link: Option<String>,
    guid: Option<String>,
    body: String,
}

fn render_article(item: &FeedItem, date: DateTime<FixedOffset>, source: &str) -> String {
    let fm = FrontMatter {
        title: item.title.clone(),
        date: Some(date.to_rfc3339()),
        link: item.link.clone(),
        source: Some(source.to_string()),
        guid: if item.link.is_some() {
            None
        } else {
            item.guid.clone()
        },
        author: item.author.clone(),
        categories: item.categories.clone(),
    };
    // Serializing a plain struct of strings cannot fail; fall back to the
    // title alone rather than lose the item if it ever does.
    let yaml = yaml_serde::to_string(&fm).unwrap_or_else(|_| "title: ''\n".to_string());
    format!("---\n{yaml}---\n\n{}\n", item.body.trim())
}

/// Split an article written in the seeds' format into its front matter and body.
fn parse_article(text: &str) -> Option<ParsedArticle> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let rest = t.strip_prefix("---")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = rest.get(..pos)?;
            let body = rest.get(pos + line.len()..)?;
            let fm: yaml_serde::Value = yaml_serde::from_str(yaml).ok()?;
            let get = |k: &str| fm.get(k).and_then(|v| v.as_str()).map(str::to_string);
            return Some(ParsedArticle {
                title: get("title").unwrap_or_default(),
                link: get("link").or_else(|| get("url")),
                guid: get("guid"),
                body: body.to_string(),
            });
        }
        pos += line.len();
    }
    None
}

/// The index key of an item: its link when it has one (the fragment and
/// surrounding space do not make a different page), else the feed's id,
/// else its content.
fn item_key(link: Option<&str>, guid: Option<&str>, content: &str) -> String {
    if let Some(l) = link.map(str::trim).filter(|l| !l.is_empty()) {
        let l = l.split('#').next().unwrap_or(l);
        return format!("link:{l}");
    }
    if let Some(g) = guid.map(str::trim).filter(|g| !g.is_empty()) {
        return format!("guid:{g}");
    }
    format!("content:{content}")
}

fn short_hash(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))[..16].to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hash of what a reader sees: the title and the body's text with markup
/// and whitespace differences removed, so a re-serialized or re-indented
/// copy of the same article counts as the same.
pub fn content_hash(title: &str, body_html: &str) -> String {
    let frag = scraper::Html::parse_fragment(body_html);
    let text: String = frag.root_element().text().collect::<Vec<_>>().join(" ");
    let mut h = Sha256::new();
    h.update(collapse(title).as_bytes());
    h.update(b"\n");
    h.update(collapse(&text).as_bytes());
    hex(&h.finalize())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `2022-03-26_ab12.txt` and `2022-03-26_ab12_r2.txt` share the base
/// `2022-03-26_ab12`.
fn base_of(file: &str) -> String {
    let stem = file.strip_suffix(".txt").unwrap_or(file);
    if let Some((b, n)) = stem.rsplit_once("_r") {
        if !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()) {
            return b.to_string();
        }
    }
    stem.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(link: &str, title: &str, body: &str) -> FeedItem {
        FeedItem {
            title: title.into(),
            link: Some(link.into()),
            guid: None,
            date: crate::read::date::parse_date("2022-03-26 07:06"),
            author: None,
            categories: vec![],
            body: body.into(),
        }
    }

    #[test]
    fn markup_and_spacing_do_not_change_the_content_hash() {
        assert_eq!(
            content_hash("标题", "<p>微信  支付</p>"),
            content_hash(" 标题", "<div><p>微信 支付</p></div>\n")
        );
        assert_ne!(
            content_hash("标题", "<p>微信</p>"),
            content_hash("标题", "<p>淘宝</p>")
        );
    }

    proptest::proptest! {
        #[test]
        fn any_file_text_gives_an_article_or_none(s in "(---\n)?.{0,80}(\n---\n)?.{0,40}") {
            let _ = parse_article(&s);
            let _ = base_of(&s);
        }
    }

    #[test]
    fn revision_base() {
        assert_eq!(base_of("2022-03-26_ab_r2.txt"), "2022-03-26_ab");
        assert_eq!(base_of("2022-03-26_ab.txt"), "2022-03-26_ab");
        assert_eq!(base_of("x_rb.txt"), "x_rb");
    }

    #[test]
    fn written_article_reads_back_with_its_fields() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, w) = Archive::open(dir.path()).unwrap();
        assert!(w.is_empty());
        let it = item("https://e.com/1#top", "淘宝: \"微信支付\"", "<p>正文</p>");
        let Stored::New(f) = a.store(&it, "IT之家").unwrap() else {
            panic!("not new")
        };
        assert!(f.starts_with("2022-03-26_") && f.ends_with(".txt"));
        let arts = crate::read::read_path(&dir.path().join(&f), &Default::default()).unwrap();
        assert_eq!(arts[0].title, "淘宝: \"微信支付\"");
        assert_eq!(arts[0].url.as_deref(), Some("https://e.com/1#top"));
        assert_eq!(
            arts[0].published.unwrap().to_rfc3339(),
            "2022-03-26T07:06:00+08:00"
        );
        // Same link without fragment and same content: nothing new.
        assert_eq!(
            a.store(
                &item("https://e.com/1", "淘宝: \"微信支付\"", "<p>正文</p>"),
                "x"
            )
            .unwrap(),
            Stored::Unchanged
        );
        let Stored::Revised(r) = a
            .store(&item("https://e.com/1", "淘宝", "<p>改</p>"), "x")
            .unwrap()
        else {
            panic!("not revised")
        };
        assert_eq!(r, f.replace(".txt", "_r2.txt"));
    }

    #[test]
    fn a_lost_state_is_rebuilt_from_the_articles() {
        let dir = tempfile::tempdir().unwrap();
        {
            let (mut a, _) = Archive::open(dir.path()).unwrap();
            a.store(&item("https://e.com/1", "t", "<p>a</p>"), "s")
                .unwrap();
            a.store(&item("https://e.com/1", "t", "<p>b</p>"), "s")
                .unwrap();
            // No save: as if the process died before writing the state.
        }
        std::fs::write(dir.path().join(".hutong-tmpXYZ"), "half").unwrap();
        let (mut a, w) = Archive::open(dir.path()).unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert!(!dir.path().join(".hutong-tmpXYZ").exists());
        assert_eq!(
            a.store(&item("https://e.com/1", "t", "<p>b</p>"), "s")
                .unwrap(),
            Stored::Unchanged
        );
        let Stored::Revised(r) = a
            .store(&item("https://e.com/1", "t", "<p>c</p>"), "s")
            .unwrap()
        else {
            panic!("not revised")
        };
        assert!(r.ends_with("_r3.txt"), "{r}");
    }

    #[test]
    fn an_item_without_link_keeps_its_guid_across_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let mut it = item("", "t", "<p>a</p>");
        it.link = None;
        it.guid = Some("urn:item:1".into());
        {
            let (mut a, _) = Archive::open(dir.path()).unwrap();
            assert!(matches!(a.store(&it, "s").unwrap(), Stored::New(_)));
        }
        let (mut a, _) = Archive::open(dir.path()).unwrap();
        it.body = "<p>b</p>".into();
        assert!(matches!(a.store(&it, "s").unwrap(), Stored::Revised(_)));
    }

    #[test]
    fn a_second_pull_on_the_same_archive_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (_a, _) = Archive::open(dir.path()).unwrap();
        assert!(matches!(
            Archive::open(dir.path()),
            Err(ArchiveError::Locked(_))
        ));
    }
}
