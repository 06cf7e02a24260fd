//! The extraction cache over an archive of real articles (the seeds and the
//! dev corpus): a second run hits for every file and returns what a fresh
//! extraction returns; a changed file or lexicon misses.

use hutong::cache::{extract_cached, extract_cached_stats, fingerprint, lexicon_fingerprint};
use hutong::lexicon::{Lexicon, DEFAULT_YAML};
use hutong::read::{self, Limits};
use hutong::Extraction;
use std::path::{Path, PathBuf};

/// A temp archive holding copies of the seeds and the dev articles.
fn archive() -> (tempfile::TempDir, PathBuf, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("archive");
    std::fs::create_dir(&dir).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for src in [root.join("seeds"), root.join("../shared/corpus/dev")] {
        let Ok(entries) = std::fs::read_dir(&src) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
                n += 1;
            }
        }
    }
    assert!(n >= 2, "no articles found");
    (tmp, dir, n)
}

/// What the uncached pipeline gives, for comparison.
fn fresh(dir: &Path, lex: &Lexicon) -> Vec<Extraction> {
    read::collect_inputs(&[dir.to_path_buf()])
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|p| read::read_path(&p, &Limits::default()).ok())
        .flatten()
        .map(|a| hutong::pipeline::extract(lex, &a, false))
        .collect()
}

fn json(x: &[Extraction]) -> Vec<String> {
    x.iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect()
}

#[test]
fn a_second_run_over_an_unchanged_archive_hits_for_every_file() {
    let (tmp, dir, n) = archive();
    let cache = tmp.path().join("cache");
    let lex = Lexicon::builtin();
    let fp = lexicon_fingerprint(None, None).unwrap();
    let limits = Limits::default();
    let paths = [dir.clone()];

    let (first, errors, s1) = extract_cached_stats(&paths, &cache, &lex, &fp, &limits);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!((s1.hits, s1.misses), (0, n));
    let expected = json(&fresh(&dir, &lex));
    assert_eq!(json(&first), expected);

    let (second, errors, s2) = extract_cached_stats(&paths, &cache, &lex, &fp, &limits);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!((s2.hits, s2.misses), (n, 0));
    assert_eq!(json(&second), expected);

    // One article edited, one added: only those two are extracted again.
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let edited = &names[0];
    let mut text = std::fs::read_to_string(edited).unwrap();
    text.push_str("\n<p>2024年3月1日，微信支付接入淘宝。</p>\n");
    std::fs::write(edited, text).unwrap();
    std::fs::copy(&names[1], dir.join("zz_copy.txt")).unwrap();
    let (third, errors, s3) = extract_cached_stats(&paths, &cache, &lex, &fp, &limits);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!((s3.hits, s3.misses), (n - 1, 2));
    assert_eq!(json(&third), json(&fresh(&dir, &lex)));
}

#[test]
fn a_lexicon_change_invalidates_every_entry() {
    let (tmp, dir, n) = archive();
    let cache = tmp.path().join("cache");
    let limits = Limits::default();
    let paths = [dir.clone()];
    let lex = Lexicon::builtin();
    let fp = fingerprint(&[DEFAULT_YAML]);
    let (_, _, s) = extract_cached_stats(&paths, &cache, &lex, &fp, &limits);
    assert_eq!(s.misses, n);

    // An extra lexicon file (as --lexicon-extra gives) changes the fingerprint.
    let extra_yaml =
        "entities:\n  - id: test_platform\n    type: platform\n    names: [测试平台]\n";
    let extra_path = tmp.path().join("extra.yaml");
    std::fs::write(&extra_path, extra_yaml).unwrap();
    let fp2 = lexicon_fingerprint(None, Some(&extra_path)).unwrap();
    assert_ne!(fp, fp2);
    let lex2 = Lexicon::builtin()
        .extend(Lexicon::from_yaml(extra_yaml).unwrap())
        .unwrap();
    let (x, errors, s) = extract_cached_stats(&paths, &cache, &lex2, &fp2, &limits);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!((s.hits, s.misses), (0, n));
    assert_eq!(json(&x), json(&fresh(&dir, &lex2)));
    let (_, _, s) = extract_cached_stats(&paths, &cache, &lex2, &fp2, &limits);
    assert_eq!((s.hits, s.misses), (n, 0));
}

#[test]
fn unreadable_files_are_named_and_the_rest_are_extracted() {
    let (tmp, dir, n) = archive();
    std::fs::write(dir.join("empty.txt"), "  \n").unwrap();
    let cache = tmp.path().join("cache");
    let lex = Lexicon::builtin();
    let fp = fingerprint(&[DEFAULT_YAML]);
    let paths = [dir.clone(), tmp.path().join("missing.txt")];
    let (x, errors) = extract_cached(&paths, &cache, &lex, &fp, &Limits::default());
    assert_eq!(x.len(), n);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("empty.txt")));
    assert!(errors.iter().any(|e| e.contains("missing.txt")));
}

#[test]
fn a_broken_cache_file_does_not_stop_the_extraction() {
    let (tmp, dir, n) = archive();
    let cache = tmp.path().join("cache");
    std::fs::create_dir(&cache).unwrap();
    std::fs::write(cache.join(hutong::cache::DB_FILE), "this is not a database").unwrap();
    let lex = Lexicon::builtin();
    let fp = fingerprint(&[DEFAULT_YAML]);
    let (x, errors, s) = extract_cached_stats(&[dir], &cache, &lex, &fp, &Limits::default());
    assert_eq!(x.len(), n);
    assert_eq!(s.misses, n);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains(hutong::cache::DB_FILE));
}

#[test]
fn a_sink_that_stops_early_loses_no_stored_work() {
    let (tmp, dir, n) = archive();
    let cache = tmp.path().join("cache");
    let lex = Lexicon::builtin();
    let fp = fingerprint(&[DEFAULT_YAML]);
    let limits = Limits::default();
    let paths = [dir];
    let mut seen = 0;
    let r = hutong::cache::for_each_cached(&paths, &cache, &lex, &fp, &limits, |x| {
        assert!(x.is_ok(), "{x:?}");
        seen += 1;
        Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    });
    assert_eq!(r.unwrap_err().kind(), std::io::ErrorKind::BrokenPipe);
    assert_eq!(seen, 1);
    let (_, _, s) = extract_cached_stats(&paths, &cache, &lex, &fp, &limits);
    assert_eq!((s.hits, s.misses), (n, 0));
}
