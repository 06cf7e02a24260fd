//! HTTP(S) fetching of one feed: a blocking client with a global timeout,
//! bounded retries with exponential backoff, and conditional GET.

use std::time::Duration;

/// How feeds are fetched.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Whole-request timeout (connect, headers and body).
    pub timeout: Duration,
    /// Further attempts after the first one fails in a way that may pass
    /// (timeout, connection error, 5xx, 429).
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// Largest feed body accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_millis(500),
            max_bytes: 16 * 1024 * 1024,
        }
    }
}

/// The longest single wait between attempts, whatever the backoff or a
/// server's Retry-After says: a daily pull must not hang on one feed.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// What the server said last time, sent back so it can answer 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful fetch.
#[derive(Debug)]
pub enum Fetched {
    /// 304: the feed has not changed since the validators were given.
    NotModified,
    /// 2xx with the feed's bytes and the validators to remember.
    Body {
        bytes: Vec<u8>,
        validators: Validators,
    },
}

/// Why a feed could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("server answered HTTP {status}{}", attempts_note(*attempts))]
    Status { status: u16, attempts: u32 },
    #[error("timed out after {ms} ms{}", attempts_note(*attempts))]
    Timeout { ms: u128, attempts: u32 },
    #[error("feed is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("{message}{}", attempts_note(*attempts))]
    Transport { message: String, attempts: u32 },
}

fn attempts_note(attempts: u32) -> String {
    if attempts > 1 {
        format!(" ({attempts} attempts)")
    } else {
        String::new()
    }
}

/// A reusable client (connections are pooled across feeds).
pub struct Fetcher {
    agent: ureq::Agent,
    cfg: FetchConfig,
}

/// The User-Agent every request carries, so feed owners can tell who asks.
pub fn user_agent() -> String {
    format!("hutong/{}", env!("CARGO_PKG_VERSION"))
}

impl Fetcher {
    pub fn new(cfg: FetchConfig) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(cfg.timeout))
            .user_agent(user_agent())
            // Statuses are decided here (304, retry on 5xx), not by ureq.
            .http_status_as_error(false)
            .max_redirects(5)
            .build()
            .into();
        Fetcher { agent, cfg }
    }

    /// Fetch `url`, sending `previous` as If-None-Match / If-Modified-Since.
    pub fn fetch(&self, url: &str, previous: &Validators) -> Result<Fetched, FetchError> {
        let attempts_max = self.cfg.retries.saturating_add(1);
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let (err, retry_after) = match self.once(url, previous, attempt) {
                Ok(f) => return Ok(f),
                Err(Attempt::Final(e)) => return Err(e),
                Err(Attempt::Retryable(e, retry_after)) => (e, retry_after),
            };
            if attempt >= attempts_max {
                return Err(err);
            }
            let backoff = self
                .cfg
                .backoff
                .saturating_mul(2u32.saturating_pow(attempt - 1));
            let wait = retry_after.unwrap_or(backoff).min(MAX_BACKOFF);
            std::thread::sleep(wait);
        }
    }

    fn once(&self, url: &str, previous: &Validators, attempt: u32) -> Result<Fetched, Attempt> {
        let mut req = self.agent.get(url);
        if let Some(e) = &previous.etag {
            req = req.header("If-None-Match", e.as_str());
        }
        if let Some(m) = &previous.last_modified {
            req = req.header("If-Modified-Since", m.as_str());
        }
        let mut resp = req.call().map_err(|e| self.classify(e, attempt))?;
        let status = resp.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if !(200..300).contains(&status) {
            let e = FetchError::Status {
                status,
                attempts: attempt,
            };
            return Err(if status >= 500 || status == 429 {
                let retry_after = resp
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                Attempt::Retryable(e, retry_after)
            } else {
                Attempt::Final(e)
            });
        }
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(self.cfg.max_bytes)
            .read_to_vec()
            .map_err(|e| self.classify(e, attempt))?;
        Ok(Fetched::Body { bytes, validators })
    }

    fn classify(&self, e: ureq::Error, attempts: u32) -> Attempt {
        match e {
            ureq::Error::Timeout(_) => Attempt::Retryable(
                FetchError::Timeout {
                    ms: self.cfg.timeout.as_millis(),
                    attempts,
                },
                None,
            ),
            ureq::Error::BodyExceedsLimit(_) => Attempt::Final(FetchError::TooLarge {
                limit: self.cfg.max_bytes,
            }),
            // A bad address or a refused certificate will not get better.
            e @ (ureq::Error::BadUri(_)
            | ureq::Error::Http(_)
            | ureq::Error::TooManyRedirects
            | ureq::Error::RedirectFailed
            | ureq::Error::Tls(_)
            | ureq::Error::Rustls(_)) => Attempt::Final(FetchError::Transport {
                message: e.to_string(),
                attempts,
            }),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Attempt::Retryable(
                FetchError::Timeout {
                    ms: self.cfg.timeout.as_millis(),
                    attempts,
                },
                None,
            ),
            e => Attempt::Retryable(
                FetchError::Transport {
                    message: e.to_string(),
                    attempts,
                },
                None,
            ),
        }
    }
}

enum Attempt {
    Final(FetchError),
    /// May pass on another try; the server may say when.
    Retryable(FetchError, Option<Duration>),
}
