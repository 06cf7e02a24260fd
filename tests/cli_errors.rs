//! Hostile arguments on every subcommand: each ends with a `hutong: ...`
//! message saying what is wrong and exit status 2 (the command could not
//! run) or 1 (some inputs failed), never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Run hutong; the exit status and standard error.
fn run(args: &[&str], stdin: Option<&[u8]>) -> (i32, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run hutong");
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(bytes).expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    (out.status.code().unwrap_or(-1), err)
}

/// Exit status `code` with a `hutong:` message that contains every `words`.
fn fails_with(args: &[&str], code: i32, words: &[&str]) {
    let (c, err) = run(args, None);
    assert_eq!(c, code, "{args:?}: {err}");
    assert!(err.starts_with("hutong: "), "{args:?}: {err}");
    for w in words {
        assert!(err.contains(w), "{args:?} should mention {w:?}: {err}");
    }
}

#[test]
fn bad_reference_times_are_named() {
    for r in ["99999-01-01", "0000-00-00", "2023-02-30", "notadate", ""] {
        fails_with(&["timex", "--ref", r, "2021 年 3 月"], 2, &["--ref"]);
    }
}

#[test]
fn bad_query_dates_are_named() {
    let s = seeds();
    let s = s.to_str().expect("utf-8 path");
    fails_with(
        &["query", "--since", "notadate", s],
        2,
        &["--since", "notadate"],
    );
    fails_with(&["query", "--until", "2023-13-01", s], 2, &["--until"]);
    fails_with(&["query", "--since", "99999-99-99", s], 2, &["--since"]);
}

#[test]
fn bad_change_dates_are_named() {
    let s = seeds();
    let s = s.to_str().expect("utf-8 path");
    fails_with(
        &["changes", "--from", "X", "--to", "Y", s],
        2,
        &["--from", "X"],
    );
    fails_with(
        &["changes", "--from", "2023-01-01", "--to", "Y", s],
        2,
        &["--to", "Y"],
    );
    fails_with(
        &["changes", "--from", "2023-01-01", "--to", "2022-01-01", s],
        2,
        &["before"],
    );
}

#[test]
fn report_into_an_impossible_folder_is_named() {
    // A folder inside a regular file cannot be made, whoever runs the test.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("plain.txt");
    std::fs::write(&file, "x").expect("write");
    let out = file.join("report");
    let s = seeds();
    fails_with(
        &[
            "report",
            "--out",
            out.to_str().expect("utf-8 path"),
            s.to_str().expect("utf-8 path"),
        ],
        2,
        &["plain.txt"],
    );
}

#[test]
fn missing_gold_and_predictions_are_named() {
    let s = seeds();
    let s = s.to_str().expect("utf-8 path");
    fails_with(
        &["eval", "--gold", "/nonexistent/gold", s],
        2,
        &["/nonexistent/gold"],
    );
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/seeds");
    if gold.is_dir() {
        fails_with(
            &[
                "eval",
                "--gold",
                gold.to_str().expect("utf-8 path"),
                "--pred",
                "/nonexistent/pred.jsonl",
            ],
            2,
            &["/nonexistent/pred.jsonl"],
        );
    }
}

#[test]
fn missing_and_broken_lexicons_are_named() {
    let s = seeds();
    let s = s.to_str().expect("utf-8 path");
    fails_with(
        &["extract", "--lexicon", "/nonexistent/lex.yaml", s],
        2,
        &["/nonexistent/lex.yaml"],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let lex = dir.path().join("junk.yaml");
    std::fs::write(&lex, b"\xff\xfe{{{").expect("write");
    fails_with(
        &[
            "extract",
            "--lexicon-extra",
            lex.to_str().expect("utf-8 path"),
            s,
        ],
        2,
        &["junk.yaml"],
    );
}

#[test]
fn missing_inputs_fail_the_batch_but_not_the_rest() {
    let s = seeds();
    let (code, err) = run(
        &[
            "extract",
            "/nonexistent/article.txt",
            s.to_str().expect("utf-8 path"),
        ],
        None,
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("hutong: ") && err.contains("/nonexistent/article.txt"),
        "{err}"
    );
}

#[test]
fn broken_timeline_input_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, b"{\"article\": 3}\n\x00\x01junk\n").expect("write");
    let (code, err) = run(
        &[
            "timeline",
            "--from-jsonl",
            bad.to_str().expect("utf-8 path"),
        ],
        None,
    );
    assert!(code == 1 || code == 2, "{code}: {err}");
    assert!(
        err.starts_with("hutong: ") && err.contains("bad.jsonl"),
        "{err}"
    );
    let (code, err) = run(&["timeline", "--from-jsonl", "/nonexistent/x.jsonl"], None);
    assert!(code == 1 || code == 2, "{code}: {err}");
    assert!(err.contains("/nonexistent/x.jsonl"), "{err}");
}

#[test]
fn binary_standard_input_is_an_error_not_a_panic() {
    let (code, err) = run(&["timex"], Some(b"\xff\xfe\x00 2021\xc3"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("hutong: ") && err.contains("standard input"),
        "{err}"
    );
    // Any bytes as an article on standard input: a sound result or a
    // named failure.
    let (code, err) = run(&["extract", "-"], Some(b"\x00\x9f\x92\x96<html><div><div>"));
    assert!(code == 0 || code == 1, "{code}: {err}");
}

#[test]
fn usage_errors_exit_2() {
    // Values clap rejects are usage errors with its own message.
    for args in [
        &["extract", "--max-file-bytes", "-1"][..],
        &["extract", "--max-depth", "lots"][..],
        &["report", "--out", "x", "--since", "notadate"][..],
        &["nonsense"][..],
    ] {
        let (code, err) = run(args, None);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("error"), "{args:?}: {err}");
    }
}
