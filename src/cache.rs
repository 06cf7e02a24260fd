//! The extraction cache: per article file, its content hash and its
//! extraction, so a daily run over a large archive only parses what is new
//! or changed.
//!
//! Entries live in one SQLite database (`extractions.sqlite` in the cache
//! directory), keyed by (lexicon fingerprint, content hash, article id). The
//! fingerprint hashes the lexicon text and the crate version, so editing the
//! lexicon or upgrading hutong makes every old entry miss. Writes happen in
//! one transaction per batch: a crash or Ctrl-C leaves the database as it was
//! before the batch or with the whole batch, never half of it.

use crate::lexicon::Lexicon;
use crate::model::Extraction;
use crate::read::{self, Limits};
use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The database file inside the cache directory.
pub const DB_FILE: &str = "extractions.sqlite";

/// The cache directory `hutong pull` archives use: beside the articles,
/// hidden so readers walking the archive skip it.
pub const DEFAULT_DIR_NAME: &str = ".hutong-cache";

/// Files are hashed, looked up and extracted this many at a time: it bounds
/// the bytes held in memory and makes each committed batch a checkpoint.
const BATCH: usize = 2048;

/// How a cached extraction went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Files whose extraction came from the cache.
    pub hits: usize,
    /// Files read and extracted (and then stored).
    pub misses: usize,
    /// Files that could not be read.
    pub failed: usize,
}

/// The fingerprint of an extraction setup: the crate version and the text of
/// every lexicon file in use (built-in, `--lexicon`, `--lexicon-extra`).
pub fn fingerprint(lexicon_texts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(b"hutong ");
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for t in lexicon_texts {
        // Length-prefixed so that moving text between files changes it.
        h.update((t.len() as u64).to_le_bytes());
        h.update(t.as_bytes());
    }
    hex(&h.finalize())
}

/// The fingerprint for the lexicon flags every reading subcommand takes:
/// `lexicon` replaces the built-in one, `extra` extends it.
pub fn lexicon_fingerprint(
    lexicon: Option<&Path>,
    extra: Option<&Path>,
) -> std::io::Result<String> {
    let read = |p: &Path| {
        std::fs::read_to_string(p)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", p.display())))
    };
    let base = match lexicon {
        Some(p) => read(p)?,
        None => crate::lexicon::DEFAULT_YAML.to_string(),
    };
    let extra = extra.map(read).transpose()?;
    let mut texts = vec![base.as_str()];
    texts.extend(extra.as_deref());
    Ok(fingerprint(&texts))
}

/// Read and extract `paths` (files, or directories walked as the readers
/// do), taking each file's extraction from the cache in `cache_dir` when its
/// bytes and the fingerprint are unchanged. Returns the extractions in input
/// order and one message per file that failed (naming it).
pub fn extract_cached(
    paths: &[PathBuf],
    cache_dir: &Path,
    lex: &Lexicon,
    lexicon_fingerprint: &str,
    limits: &Limits,
) -> (Vec<Extraction>, Vec<String>) {
    let (x, errors, _) = extract_cached_stats(paths, cache_dir, lex, lexicon_fingerprint, limits);
    (x, errors)
}

/// [`extract_cached`], also saying how many files hit the cache.
pub fn extract_cached_stats(
    paths: &[PathBuf],
    cache_dir: &Path,
    lex: &Lexicon,
    lexicon_fingerprint: &str,
    limits: &Limits,
) -> (Vec<Extraction>, Vec<String>, CacheStats) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let stats = for_each_cached(paths, cache_dir, lex, lexicon_fingerprint, limits, |r| {
        match r {
            Ok(x) => out.push(x),
            Err(e) => errors.push(e),
        }
        Ok(())
    });
    // The sink above never fails, so neither does the run.
    (out, errors, stats.unwrap_or_default())
}

/// The streaming form of [`extract_cached`]: each extraction (or the error
/// naming a file that failed) is handed to `sink` in input order as soon as
/// its batch is done, so memory stays flat over a large archive. A batch's
/// new entries are stored before they are handed on, so an error from
/// `sink` (a closed pipe) loses no work; it stops the run and is returned.
pub fn for_each_cached(
    paths: &[PathBuf],
    cache_dir: &Path,
    lex: &Lexicon,
    lexicon_fingerprint: &str,
    limits: &Limits,
    mut sink: impl FnMut(Result<Extraction, String>) -> std::io::Result<()>,
) -> std::io::Result<CacheStats> {
    let mut stats = CacheStats::default();
    // Without a usable cache the work is still done, only not remembered.
    let mut db = match Db::open(cache_dir) {
        Ok(db) => Some(db),
        Err(e) => {
            sink(Err(format!(
                "{}: cache unusable ({e}); extracting without it",
                cache_dir.join(DB_FILE).display()
            )))?;
            None
        }
    };
    let files = read::collect_inputs(paths);
    for batch in files.chunks(BATCH) {
        let loaded: Vec<Result<Loaded, String>> = batch
            .par_iter()
            .map(|f| match f {
                Ok(p) => load(p, limits),
                Err(e) => Err(e.to_string()),
            })
            .collect();
        let cached: Vec<Option<String>> = loaded
            .iter()
            .map(|l| match (l, db.as_mut()) {
                (Ok(l), Some(db)) => db.get(lexicon_fingerprint, &l.hash, &l.id).unwrap_or(None),
                _ => None,
            })
            .collect();
        let results: Vec<FileResult> = loaded
            .into_par_iter()
            .zip(cached.into_par_iter())
            .map(|(l, c)| match l {
                Ok(l) => extract_one(l, c, lex, limits),
                Err(e) => FileResult::Failed(e),
            })
            .collect();
        let fresh: Vec<(&str, &str, &str)> = results
            .iter()
            .filter_map(|r| match r {
                FileResult::Miss { hash, id, json, .. } if !json.is_empty() => {
                    Some((hash.as_str(), id.as_str(), json.as_str()))
                }
                _ => None,
            })
            .collect();
        let mut store_error = None;
        if let Some(d) = db.as_mut() {
            if let Err(e) = d.put(lexicon_fingerprint, &fresh) {
                store_error = Some(format!(
                    "{}: cannot store extractions ({e}); going on without the cache",
                    cache_dir.join(DB_FILE).display()
                ));
            }
        }
        if let Some(e) = store_error {
            db = None;
            sink(Err(e))?;
        }
        for r in results {
            match r {
                FileResult::Hit(x) => {
                    stats.hits += 1;
                    x.into_iter().try_for_each(|x| sink(Ok(x)))?;
                }
                FileResult::Miss { x, .. } => {
                    stats.misses += 1;
                    x.into_iter().try_for_each(|x| sink(Ok(x)))?;
                }
                FileResult::Failed(e) => {
                    stats.failed += 1;
                    sink(Err(e))?;
                }
            }
        }
    }
    if stats.misses > 0 {
        if let Some(d) = db.as_mut() {
            // Entries of another lexicon or version can never hit again for
            // this setup; dropping them keeps the file the archive's size.
            let _ = d.prune(lexicon_fingerprint);
        }
    }
    Ok(stats)
}

/// A cache hit when the stored JSON still parses (an entry written by a
/// build whose types differ is simply recomputed), else a fresh extraction.
fn extract_one(l: Loaded, cached: Option<String>, lex: &Lexicon, limits: &Limits) -> FileResult {
    if let Some(json) = cached {
        if let Ok(x) = serde_json::from_str::<Vec<Extraction>>(&json) {
            return FileResult::Hit(x);
        }
    }
    match read::read_bytes(&l.bytes, &l.source, &l.id, limits) {
        Ok(arts) => {
            let x: Vec<Extraction> = arts
                .iter()
                .map(|a| crate::pipeline::extract(lex, a, false))
                .collect();
            let json = serde_json::to_string(&x).unwrap_or_default();
            FileResult::Miss {
                hash: l.hash,
                id: l.id,
                json,
                x,
            }
        }
        Err(e) => FileResult::Failed(e.to_string()),
    }
}

enum FileResult {
    Hit(Vec<Extraction>),
    Miss {
        hash: String,
        id: String,
        json: String,
        x: Vec<Extraction>,
    },
    Failed(String),
}

struct Loaded {
    bytes: Vec<u8>,
    hash: String,
    source: String,
    id: String,
}

/// Read one input the way [`read::read_path`] does (size limit first) and
/// hash its bytes.
fn load(path: &Path, limits: &Limits) -> Result<Loaded, String> {
    let source = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        use std::io::Read;
        let mut buf = Vec::new();
        std::io::stdin()
            .take(limits.max_file_bytes.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| format!("{source}: {e}"))?;
        buf
    } else {
        let meta = std::fs::metadata(path).map_err(|e| format!("{source}: {e}"))?;
        if meta.len() > limits.max_file_bytes {
            return Err(format!(
                "{source}: file is {} bytes, over the limit of {} (raise it with --max-file-bytes)",
                meta.len(),
                limits.max_file_bytes
            ));
        }
        // Bounded even if the file grows between the check and the read.
        let mut buf = Vec::with_capacity(meta.len() as usize);
        std::fs::File::open(path)
            .and_then(|f| {
                use std::io::Read;
                f.take(limits.max_file_bytes.saturating_add(1))
                    .read_to_end(&mut buf)
            })
            .map_err(|e| format!("{source}: {e}"))?;
        buf
    };
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(format!("{source}: input is over the size limit"));
    }
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "-".to_string());
    let hash = hex(&Sha256::digest(&bytes));
    Ok(Loaded {
        bytes,
        hash,
        source,
        id,
    })
}

struct Db {
    conn: Connection,
}

impl Db {
    fn open(dir: &Path) -> Result<Db, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let conn = Connection::open(dir.join(DB_FILE)).map_err(|e| e.to_string())?;
        // WAL lets a `report` read while a `pull`-driven `extract` writes;
        // the busy timeout makes two writers wait instead of failing.
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| e.to_string())?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| e.to_string())?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| e.to_string())?;
        // A rowid table with a separate key index, not WITHOUT ROWID: the
        // rows carry kilobytes of JSON, and SQLite keeps such rows out of
        // the key's B-tree only in a rowid table (measured: a lookup took
        // three times longer in the WITHOUT ROWID form).
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS extraction (
                fingerprint TEXT NOT NULL,
                hash TEXT NOT NULL,
                article TEXT NOT NULL,
                json TEXT NOT NULL,
                created INTEGER NOT NULL
            );
            CREATE UNIQUE INDEX IF NOT EXISTS extraction_key
                ON extraction (fingerprint, hash, article);",
        )
        .map_err(|e| e.to_string())?;
        Ok(Db { conn })
    }

    fn get(&mut self, fp: &str, hash: &str, id: &str) -> Result<Option<String>, rusqlite::Error> {
        self.conn
            .prepare_cached(
                "SELECT json FROM extraction WHERE fingerprint = ?1 AND hash = ?2 AND article = ?3",
            )?
            .query_row(params![fp, hash, id], |r| r.get(0))
            .optional()
    }

    fn put(&mut self, fp: &str, rows: &[(&str, &str, &str)]) -> Result<(), rusqlite::Error> {
        if rows.is_empty() {
            return Ok(());
        }
        let now = chrono::Utc::now().timestamp();
        let tx = self.conn.transaction()?;
        {
            let mut st = tx.prepare_cached(
                "INSERT OR REPLACE INTO extraction (fingerprint, hash, article, json, created)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (hash, id, json) in rows {
                st.execute(params![fp, hash, id, json, now])?;
            }
        }
        tx.commit()
    }

    fn prune(&mut self, fp: &str) -> Result<usize, rusqlite::Error> {
        self.conn.execute(
            "DELETE FROM extraction WHERE fingerprint <> ?1",
            params![fp],
        )
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_follows_every_lexicon_text() {
        let a = fingerprint(&["entities: []"]);
        assert_eq!(a, fingerprint(&["entities: []"]));
        assert_ne!(a, fingerprint(&["entities: [] "]));
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
    }
}
