//! First (cold cache) vs second (warm cache) extraction over an archive.
//!
//! `cargo bench --bench cache` generates `HUTONG_BENCH_N` articles (default
//! 1000) from the seeds, each with a paragraph of its own so no two files
//! hash alike. `HUTONG_BENCH_DIR=DIR` measures an existing archive instead
//! (e.g. the 10,000-article bulk corpus); with `-- second` only the warm
//! runs are sampled and the cold one is timed once.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use hutong::cache::{extract_cached_stats, lexicon_fingerprint};
use hutong::lexicon::Lexicon;
use hutong::read::Limits;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn generated(dir: &Path, n: usize) {
    let seeds_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut seeds: Vec<String> = std::fs::read_dir(&seeds_dir)
        .expect("the seeds directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds in {}", seeds_dir.display());
    for i in 0..n {
        let text = format!(
            "{}\n<p>第 {i} 篇：{} 年 {} 月 {} 日，微信与淘宝互通再进一步。</p>\n",
            seeds[i % seeds.len()],
            2020 + i % 5,
            1 + i % 12,
            1 + i % 28
        );
        std::fs::write(dir.join(format!("{i:06}.txt")), text).expect("write an article");
    }
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let archive: PathBuf = match std::env::var_os("HUTONG_BENCH_DIR") {
        Some(d) => PathBuf::from(d),
        None => {
            let n = std::env::var("HUTONG_BENCH_N")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(1000);
            let dir = tmp.path().join("archive");
            std::fs::create_dir(&dir).expect("archive dir");
            generated(&dir, n);
            dir
        }
    };
    let lex = Lexicon::builtin();
    let fp = lexicon_fingerprint(None, None).expect("fingerprint");
    let limits = Limits::default();
    let paths = [archive];

    let mut g = c.benchmark_group("extract");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    let mut round = 0u32;
    g.bench_function("first (cold cache)", |b| {
        b.iter_batched(
            || {
                round += 1;
                tmp.path().join(format!("cold-{round}"))
            },
            |cache| extract_cached_stats(&paths, &cache, &lex, &fp, &limits),
            BatchSize::PerIteration,
        )
    });
    let warm = tmp.path().join("warm");
    // One cold run fills the warm cache; its time is printed so a large
    // archive can be measured with `-- second` without ten cold samples.
    let t = std::time::Instant::now();
    let (_, _, s) = extract_cached_stats(&paths, &warm, &lex, &fp, &limits);
    eprintln!(
        "archive: {} files; one cold run: {:.2?}",
        s.misses + s.failed,
        t.elapsed()
    );
    g.bench_function("second (warm cache)", |b| {
        b.iter(|| {
            let (_, _, s) = extract_cached_stats(&paths, &warm, &lex, &fp, &limits);
            assert_eq!(s.misses, 0);
            s
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
