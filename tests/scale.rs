//! The map/reduce split that lets hutong run past one machine: `extract` is a
//! pure function of each article (map), `timeline --from-jsonl` works on the
//! facts alone (reduce). Checked on real articles, with and without Spark.

use std::path::{Path, PathBuf};
use std::process::Command;

fn hutong(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run hutong: {e}"))
}

fn stdout_ok(args: &[&str]) -> String {
    let out = hutong(args);
    assert!(
        out.status.success(),
        "hutong {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

/// The seeds and the dev articles, copied into one folder.
fn articles(dir: &Path) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in [root.join("seeds"), root.join("../shared/corpus/dev")] {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        v.sort();
        for p in v {
            let Some(name) = p.file_name() else { continue };
            let to = dir.join(name);
            std::fs::copy(&p, &to).unwrap_or_else(|e| panic!("copy {}: {e}", p.display()));
            files.push(to);
        }
    }
    files
}

#[test]
fn two_shards_extracted_apart_merge_to_the_timeline_of_one_run() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let all = tmp.path().join("all");
    std::fs::create_dir_all(&all).unwrap_or_else(|e| panic!("{e}"));
    let files = articles(&all);
    assert!(files.len() >= 2, "need articles");
    // Map: each shard on its own, as two machines would.
    let (a, b): (Vec<_>, Vec<_>) = files.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let shard = |part: &[(usize, &PathBuf)], name: &str| {
        let mut args = vec!["extract".to_string(), "--format".into(), "jsonl".into()];
        args.extend(part.iter().map(|(_, p)| p.display().to_string()));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = tmp.path().join(name);
        std::fs::write(&out, stdout_ok(&refs)).unwrap_or_else(|e| panic!("{e}"));
        out.display().to_string()
    };
    let sa = shard(&a, "a.jsonl");
    let sb = shard(&b, "b.jsonl");
    // Reduce over the facts alone, shards in either order.
    let merged = stdout_ok(&["timeline", "--format", "json", "--from-jsonl", &sb, &sa]);
    let direct = stdout_ok(&["timeline", "--format", "json", &all.display().to_string()]);
    assert_eq!(merged, direct);
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&direct).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        rows.iter().any(|r| r["subject"] == "taobao"
            && r["object"] == "wechat_pay"
            && r["status"] == "beta"),
        "the seeds' WeChat Pay test is in the merged timeline"
    );
}

fn have(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn spark_example_gives_the_same_timeline_as_one_run() {
    if !have("python3", &["-c", "import pyspark"]) || !have("java", &["-version"]) {
        eprintln!("skipped: the Spark example needs python3 with pyspark and a Java runtime (pip install pyspark; apt-get install default-jre-headless)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let all = tmp.path().join("articles");
    std::fs::create_dir_all(&all).unwrap_or_else(|e| panic!("{e}"));
    articles(&all);
    let out = tmp.path().join("out");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/spark_extract.py");
    let run = Command::new("python3")
        .arg(&script)
        .args([
            "--hutong",
            env!("CARGO_BIN_EXE_hutong"),
            "--partitions",
            "3",
        ])
        .arg("--articles")
        .arg(&all)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("run spark example: {e}"));
    assert!(
        run.status.success(),
        "spark example failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let spark = std::fs::read_to_string(out.join("timeline.json"))
        .unwrap_or_else(|e| panic!("spark timeline: {e}"));
    let direct = stdout_ok(&["timeline", "--format", "json", &all.display().to_string()]);
    assert_eq!(spark, direct);
}

#[test]
fn extract_with_a_cache_gives_the_same_output_and_fills_the_cache() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let all = tmp.path().join("articles");
    std::fs::create_dir_all(&all).unwrap_or_else(|e| panic!("{e}"));
    articles(&all);
    let cache = tmp.path().join("cache");
    let dir = all.display().to_string();
    let c = cache.display().to_string();
    let plain = stdout_ok(&["extract", "--format", "jsonl", &dir]);
    let first = stdout_ok(&["extract", "--format", "jsonl", "--cache", &c, &dir]);
    let cache_files = std::fs::read_dir(&cache).map_or(0, |r| r.count());
    let second = stdout_ok(&["extract", "--format", "jsonl", "--cache", &c, &dir]);
    assert_eq!(plain, first);
    assert_eq!(first, second);
    assert!(cache_files > 0, "the cache folder holds the store");
}
