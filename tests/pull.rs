//! `hutong pull` against a feed server on 127.0.0.1 in the test process,
//! serving the seed articles as RSS and Atom items plus fixtures: a feed
//! that changes between pulls, a slow one, a 500, a 404 and a malformed one.

use hutong::read::{read_path, Limits};
use hutong::Article;
use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

// ---------------------------------------------------------------- server

#[derive(Clone)]
enum Route {
    /// A feed with an ETag; answers 304 to a matching If-None-Match.
    Etag {
        body: String,
        etag: String,
    },
    /// A feed with only Last-Modified; 304 to a matching If-Modified-Since.
    LastModified {
        body: String,
        stamp: String,
    },
    Status(u16),
    /// Answers only after this long (past the client's timeout).
    Slow(Duration),
}

#[derive(Default)]
struct Log {
    requests: HashMap<String, usize>,
    not_modified: HashMap<String, usize>,
    user_agents: BTreeSet<String>,
}

struct FeedServer {
    base: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    log: Arc<Mutex<Log>>,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl FeedServer {
    fn start() -> FeedServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("a local address");
        assert!(addr.ip().is_loopback());
        listener.set_nonblocking(true).expect("non-blocking accept");
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let log: Arc<Mutex<Log>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (r, l, s) = (routes.clone(), log.clone(), stop.clone());
        let handle = std::thread::spawn(move || {
            // Bounded: at most two minutes of polling even if never stopped.
            for _ in 0..12_000 {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (r, l) = (r.clone(), l.clone());
                        std::thread::spawn(move || serve(stream, &r, &l));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        FeedServer {
            base: format!("http://{addr}"),
            routes,
            log,
            stop,
            handle: Some(handle),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }

    fn requests(&self, path: &str) -> usize {
        *self.log.lock().unwrap().requests.get(path).unwrap_or(&0)
    }

    fn not_modified(&self, path: &str) -> usize {
        *self
            .log
            .lock()
            .unwrap()
            .not_modified
            .get(path)
            .unwrap_or(&0)
    }
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// Answer one request on one connection (then close it).
fn serve(mut stream: TcpStream, routes: &Mutex<HashMap<String, Route>>, log: &Mutex<Log>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65_536 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut lines = head.lines();
    let path = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    {
        let mut l = log.lock().unwrap();
        *l.requests.entry(path.clone()).or_default() += 1;
        if let Some(ua) = header("user-agent") {
            l.user_agents.insert(ua);
        }
    }
    let route = routes.lock().unwrap().get(&path).cloned();
    let not_modified = || {
        *log.lock()
            .unwrap()
            .not_modified
            .entry(path.clone())
            .or_default() += 1;
        (304, String::new(), None)
    };
    let (status, body, validator): (u16, String, Option<(&str, String)>) = match route {
        None => (404, "no such feed".into(), None),
        Some(Route::Status(code)) => (code, "failure".into(), None),
        Some(Route::Slow(d)) => {
            std::thread::sleep(d);
            (200, "<rss/>".into(), None)
        }
        Some(Route::Etag { body, etag }) => {
            if header("if-none-match").as_deref() == Some(etag.as_str()) {
                not_modified()
            } else {
                (200, body, Some(("ETag", etag)))
            }
        }
        Some(Route::LastModified { body, stamp }) => {
            if header("if-modified-since").as_deref() == Some(stamp.as_str()) {
                not_modified()
            } else {
                (200, body, Some(("Last-Modified", stamp)))
            }
        }
    };
    let mut out = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/xml; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some((k, v)) = validator {
        out += &format!("{k}: {v}\r\n");
    }
    out += "\r\n";
    out += &body;
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.flush();
}

// ---------------------------------------------------------------- feeds

fn seeds() -> Vec<(String, Article)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "the seeds are in {}", dir.display());
    files
        .iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let mut a = read_path(p, &Limits::default()).unwrap();
            (stem, a.remove(0))
        })
        .collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

struct Item {
    title: String,
    link: String,
    /// RFC 2822 for RSS, RFC 3339 for Atom.
    date: String,
    body: String,
}

fn rss(title: &str, items: &[Item]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <title>{}</title><link>http://127.0.0.1/</link><description>test</description>\n",
        esc(title)
    );
    for i in items {
        s += &format!(
            "<item><title>{}</title><link>{}</link><guid>{}</guid><pubDate>{}</pubDate>\
             <description>{}</description></item>\n",
            esc(&i.title),
            esc(&i.link),
            esc(&i.link),
            i.date,
            esc(&i.body)
        );
    }
    s + "</channel></rss>\n"
}

fn atom(title: &str, items: &[Item]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <title>{}</title><id>urn:test:atom</id><updated>2022-03-26T00:00:00Z</updated>\n",
        esc(title)
    );
    for i in items {
        s += &format!(
            "<entry><title>{}</title><link href=\"{}\"/><id>{}</id><updated>{}</updated>\
             <content type=\"html\">{}</content></entry>\n",
            esc(&i.title),
            esc(&i.link),
            esc(&i.link),
            i.date,
            esc(&i.body)
        );
    }
    s + "</feed>\n"
}

fn seed_item(base: &str, stem: &str, a: &Article, atom: bool) -> Item {
    let d = a.published.expect("seeds have dates");
    Item {
        title: a.title.clone(),
        link: format!("{base}/articles/{stem}"),
        date: if atom { d.to_rfc3339() } else { d.to_rfc2822() },
        body: a.body.clone(),
    }
}

fn story(base: &str, n: usize, body: &str) -> Item {
    Item {
        title: format!("互联互通进展 {n}"),
        link: format!("{base}/story/{n}"),
        date: format!("Mon, 0{n} Jan 2024 02:00:00 GMT"),
        body: body.to_string(),
    }
}

/// Serves: seed 0 as RSS (ETag), seed 1 as Atom (Last-Modified), a mirror
/// of seed 0 under another link, the changing story feed (version 1), and
/// the failing routes. Returns the seeds.
fn setup(srv: &FeedServer) -> Vec<(String, Article)> {
    let seeds = seeds();
    let (s0, a0) = &seeds[0];
    let (s1, a1) = &seeds[1];
    srv.route(
        "/seeds.rss",
        Route::Etag {
            body: rss("IT之家", &[seed_item(&srv.base, s0, a0, false)]),
            etag: "\"seeds-1\"".into(),
        },
    );
    srv.route(
        "/seeds.atom",
        Route::LastModified {
            body: atom("IT之家 Atom", &[seed_item(&srv.base, s1, a1, true)]),
            stamp: "Sat, 26 Mar 2022 00:00:00 GMT".into(),
        },
    );
    let mut mirrored = seed_item("http://127.0.0.1/mirror", s0, a0, false);
    mirrored.body = format!("\n  {}  \n", mirrored.body);
    srv.route(
        "/mirror.rss",
        Route::Etag {
            body: rss("转载", &[mirrored]),
            etag: "\"m\"".into(),
        },
    );
    story_v1(srv);
    srv.route(
        "/slow.rss",
        Route::Slow(Duration::from_millis(3 * TIMEOUT_MS)),
    );
    srv.route("/error.rss", Route::Status(500));
    srv.route(
        "/broken.rss",
        Route::Etag {
            body: "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>断"
                .into(),
            etag: "\"b\"".into(),
        },
    );
    seeds
}

fn story_v1(srv: &FeedServer) {
    srv.route(
        "/story.rss",
        Route::Etag {
            body: rss(
                "Story",
                &[
                    story(&srv.base, 1, "<p>微信开始内测打开淘宝链接。</p>"),
                    story(&srv.base, 2, "<p>支付宝接入微信小程序。</p>"),
                ],
            ),
            etag: "\"story-1\"".into(),
        },
    );
}

/// Item 1 is corrected, item 2 is unchanged, item 3 is new.
fn story_v2(srv: &FeedServer) {
    srv.route(
        "/story.rss",
        Route::Etag {
            body: rss(
                "Story",
                &[
                    story(&srv.base, 3, "<p>淘宝正式接入微信支付。</p>"),
                    story(
                        &srv.base,
                        1,
                        "<p>微信开始内测打开淘宝链接，更正：已全量上线。</p>",
                    ),
                    story(&srv.base, 2, "<p>支付宝接入微信小程序。</p>"),
                ],
            ),
            etag: "\"story-2\"".into(),
        },
    );
}

// ---------------------------------------------------------------- helpers

/// Generous, since the test machine may be busy; the slow route answers
/// well after it.
const TIMEOUT_MS: u64 = 2500;

const GOOD: [&str; 4] = ["/seeds.rss", "/seeds.atom", "/mirror.rss", "/story.rss"];
const BAD: [&str; 4] = ["/slow.rss", "/error.rss", "/broken.rss", "/missing.rss"];

fn pull(srv: &FeedServer, dir: &Path, paths: &[&str], extra: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hutong"));
    cmd.arg("pull")
        .args(paths.iter().map(|p| srv.url(p)))
        .arg("--into")
        .arg(dir)
        .args(["--timeout-ms", &TIMEOUT_MS.to_string()])
        .args(["--retries", "1", "--backoff-ms", "20"])
        .args(extra);
    cmd.output().expect("run hutong")
}

fn archive_files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect()
}

fn read_article(dir: &Path, name: &str) -> Article {
    read_path(&dir.join(name), &Limits::default())
        .unwrap()
        .remove(0)
}

fn find_by_link(dir: &Path, link: &str) -> Vec<String> {
    archive_files(dir)
        .into_iter()
        .filter(|f| read_article(dir, f).url.as_deref() == Some(link))
        .collect()
}

// ---------------------------------------------------------------- tests

#[test]
fn pull_archives_new_items_once_and_names_failing_feeds() {
    let srv = FeedServer::start();
    let seeds = setup(&srv);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("archive");
    let all: Vec<&str> = GOOD.iter().chain(BAD.iter()).copied().collect();

    // First pull: every distinct item is written; the mirror of seed 0 is
    // the same article and is not.
    let out = pull(&srv, &dir, &all, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    let first = archive_files(&dir);
    assert_eq!(first.len(), 4, "{first:?}");

    for (i, (stem, seed)) in seeds.iter().take(2).enumerate() {
        let link = srv.url(&format!("/articles/{stem}"));
        let files = find_by_link(&dir, &link);
        assert_eq!(files.len(), 1, "{link}: {files:?}");
        let got = read_article(&dir, &files[0]);
        assert_eq!(got.title, seed.title);
        assert_eq!(got.published, seed.published);
        // Named by the Beijing date of the item and a hash of its link.
        let day = seed.published.unwrap().format("%Y-%m-%d").to_string();
        assert!(files[0].starts_with(&format!("{day}_")), "{}", files[0]);
        let raw = std::fs::read_to_string(dir.join(&files[0])).unwrap();
        let date = seed.published.unwrap().to_rfc3339();
        assert!(raw.contains(&date) && date.ends_with("+08:00"), "{raw}");
        assert!(raw.contains(if i == 0 {
            "source: IT之家"
        } else {
            "source: IT之家 Atom"
        }));
        // The archived copy says what the seed says.
        let lex = hutong::lexicon::Lexicon::builtin();
        let a = hutong::pipeline::extract(&lex, seed, false);
        let b = hutong::pipeline::extract(&lex, &got, false);
        assert_eq!(a.entities, b.entities);
        assert_eq!(a.timexes, b.timexes);
        let facts = |x: &hutong::Extraction| {
            x.events
                .iter()
                .map(|f| {
                    (
                        f.when.clone(),
                        f.subject.clone(),
                        f.capability.clone(),
                        f.status.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(facts(&a), facts(&b));
    }
    let mirror = format!("http://127.0.0.1/mirror/articles/{}", seeds[0].0);
    assert!(find_by_link(&dir, &mirror).is_empty());

    // Each failing feed is named with what is wrong; 5xx and timeouts are
    // retried (once, as asked), a 404 is not.
    let line = |p: &str| {
        stderr
            .lines()
            .find(|l| l.starts_with(&format!("hutong: {}: ", srv.url(p))))
            .unwrap_or_else(|| panic!("no error line for {p} in:\n{stderr}"))
            .to_string()
    };
    assert!(line("/slow.rss").contains(&format!("timed out after {TIMEOUT_MS} ms (2 attempts)")));
    assert!(line("/error.rss").contains("HTTP 500 (2 attempts)"));
    assert!(line("/missing.rss").contains("HTTP 404"));
    assert!(line("/broken.rss").contains("not a valid feed"));
    assert_eq!(srv.requests("/error.rss"), 2);
    assert_eq!(srv.requests("/missing.rss"), 1);
    for g in GOOD {
        assert!(
            !stderr.contains(&srv.url(g)),
            "{g} reported failing: {stderr}"
        );
    }

    // Second pull: the story has a new item and a corrected one. Only those
    // are written; the correction is a new revision beside the original.
    story_v2(&srv);
    let story1 = find_by_link(&dir, &srv.url("/story/1"));
    assert_eq!(story1.len(), 1);
    let original = std::fs::read(dir.join(&story1[0])).unwrap();
    let out = pull(&srv, &dir, &all, &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr2 = String::from_utf8_lossy(&out.stderr);
    let second = archive_files(&dir);
    let added: BTreeSet<String> = second.difference(&first).cloned().collect();
    let new3 = find_by_link(&dir, &srv.url("/story/3"));
    assert_eq!(new3.len(), 1);
    let r2 = story1[0].replace(".txt", "_r2.txt");
    assert_eq!(added, BTreeSet::from([new3[0].clone(), r2.clone()]));
    assert_eq!(std::fs::read(dir.join(&story1[0])).unwrap(), original);
    assert!(read_article(&dir, &r2).body.contains("更正"));

    // Conditional GET: unchanged feeds answered 304 on the second pull,
    // one by ETag, one by Last-Modified.
    assert_eq!(
        srv.not_modified("/seeds.rss"),
        1,
        "{stderr2} {:?}",
        srv.log.lock().unwrap().requests
    );
    assert_eq!(srv.not_modified("/seeds.atom"), 1);
    assert_eq!(srv.not_modified("/story.rss"), 0);

    // Every request said who it was.
    let uas = srv.log.lock().unwrap().user_agents.clone();
    assert_eq!(
        uas,
        BTreeSet::from([format!("hutong/{}", env!("CARGO_PKG_VERSION"))])
    );

    // Third pull, good feeds only, listed in YAML: nothing new, status 0.
    let list = tmp.path().join("feeds.yaml");
    let yaml: String = GOOD
        .iter()
        .map(|p| format!("- url: {}\n  name: feed{}\n", srv.url(p), &p[1..]))
        .collect();
    std::fs::write(&list, yaml).unwrap();
    let out = pull(&srv, &dir, &[], &["--feeds", list.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.matches("not modified").count(), 4, "{stdout}");
    assert_eq!(archive_files(&dir), second);
}

#[test]
fn a_pull_cut_short_before_the_state_is_saved_duplicates_nothing() {
    let srv = FeedServer::start();
    setup(&srv);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("archive");
    let out = pull(&srv, &dir, &GOOD, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = archive_files(&dir);
    assert_eq!(before.len(), 4);

    // As after a crash between the last article and the state: no state,
    // and a temp file half written.
    std::fs::remove_file(dir.join(".hutong-state.json")).unwrap();
    std::fs::write(dir.join(".hutong-tmpABC123"), "---\ntitle: half").unwrap();
    let out = pull(&srv, &dir, &GOOD, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(archive_files(&dir), before);
    assert!(!dir.join(".hutong-tmpABC123").exists());
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join(".hutong-state.json")).unwrap()).unwrap();
    assert_eq!(
        state["feeds"][srv.url("/seeds.rss")]["etag"].as_str(),
        Some("\"seeds-1\"")
    );
}

#[test]
fn no_feed_at_all_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["pull", "--into"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no feeds"));
}

#[test]
fn a_bad_feed_list_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("feeds.yaml");
    std::fs::write(&list, "feeds: {url: 3").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["pull", "--into"])
        .arg(tmp.path().join("a"))
        .arg("--feeds")
        .arg(&list)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("feeds.yaml"));
}
