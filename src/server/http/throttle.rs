//! Newsletter sign-ups per client address, for the form (`POST /subscribe`) and the server
//! function (`POST /api/subscribe`) alike.
//!
//! `server.signups_per_minute` sign-ups at once, then one more every minute / that number,
//! counted twice: first in this server's memory (one GCRA bucket per client, the `governor`
//! crate), which turns a flood from one client away without touching the database; then in the
//! store (`store/signup_limit.rs`, the same rule), which every server on the database shares, so
//! several servers behind a proxy let a client through no more often than one does. A sign-up
//! the store refuses has still used this server's count: at worst that count is one full
//! allowance ahead of the store's, never stricter than the rule. Each server's clock times its
//! sign-ups (kept in step by NTP, as for the comment and contact limits).
//!
//! A client is its IP address (IPv6 by its /64, the block one host is commonly given) from
//! axum's `ConnectInfo`, or from the last entry of `X-Forwarded-For` when
//! `server.trust_forwarded_for` says a proxy in front sets it. Requests with neither share one
//! allowance. Memory stays bounded: clients whose bucket has filled up again are forgotten once
//! a minute, and while `MAX_CLIENTS` are tracked any other shares one bucket here (the store
//! still counts each apart).

use crate::error::AppError;
use crate::server::AppState;
use axum::extract::ConnectInfo;
use axum::http::{header, Extensions, HeaderMap, HeaderValue, StatusCode};
use governor::clock::{Clock, DefaultClock, Reference};
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::Duration;

/// How many clients are tracked at most (a few MB).
pub const MAX_CLIENTS: usize = 100_000;
/// How often clients with a full bucket again are forgotten.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// Whom a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Client {
    V4(Ipv4Addr),
    /// The /64 network of an IPv6 address.
    V6(u64),
    /// No address known, or too many clients at once: one bucket for all of these.
    Shared,
}

impl Client {
    pub fn of(ip: IpAddr) -> Self {
        match ip.to_canonical() {
            IpAddr::V4(v4) => Self::V4(v4),
            IpAddr::V6(v6) => Self::V6((v6.to_bits() >> 64) as u64),
        }
    }

    /// How the store names this client: the address, an IPv6 network with its prefix length.
    pub fn key(self) -> String {
        match self {
            Self::V4(v4) => v4.to_string(),
            Self::V6(net) => format!("{}/64", Ipv6Addr::from_bits(u128::from(net) << 64)),
            Self::Shared => "unknown".to_string(),
        }
    }

    /// The client of a request: the last `X-Forwarded-For` address when the proxy is trusted
    /// (and the header holds one), else the peer address of the connection.
    pub fn of_request(
        headers: &HeaderMap,
        extensions: &Extensions,
        trust_forwarded_for: bool,
    ) -> Self {
        let forwarded = if trust_forwarded_for {
            last_forwarded(headers)
        } else {
            None
        };
        let peer = extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        match forwarded.or(peer) {
            Some(ip) => Self::of(ip),
            None => {
                static WARNED: std::sync::Once = std::sync::Once::new();
                WARNED.call_once(|| {
                    tracing::warn!(
                        "a request came without its peer address: such sign-ups share one limit"
                    );
                });
                Self::Shared
            }
        }
    }
}

/// The last address of the last `X-Forwarded-For` header, with or without a port: the one the
/// trusted proxy in front appended (nginx's `$proxy_add_x_forwarded_for`). Entries before it
/// were written by the client or by proxies nobody vouches for, so any client could put any
/// address there and get a fresh sign-up bucket with each.
fn last_forwarded(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()?
        .to_str()
        .ok()?
        .rsplit(',')
        .next()?
        .trim();
    last.parse::<IpAddr>()
        .ok()
        .or_else(|| last.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// The sign-up limiter; `C` is a fake clock in tests.
#[derive(Debug)]
pub struct SignupThrottle<C: Clock = DefaultClock> {
    limiter: RateLimiter<Client, DashMapStateStore<Client>, C, NoOpMiddleware<C::Instant>>,
    max_clients: usize,
    last_sweep: Mutex<C::Instant>,
}

impl SignupThrottle {
    pub fn new(per_minute: u32) -> Self {
        Self::with_clock(per_minute, MAX_CLIENTS, DefaultClock::default())
    }
}

impl<C: Clock> SignupThrottle<C> {
    pub fn with_clock(per_minute: u32, max_clients: usize, clock: C) -> Self {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        let now = clock.now();
        Self {
            limiter: RateLimiter::dashmap_with_clock(Quota::per_minute(per_minute), clock),
            max_clients,
            last_sweep: Mutex::new(now),
        }
    }

    /// Counts one sign-up from `client`: Ok, or how long until the next one is let through.
    pub fn admit(&self, client: Client) -> Result<(), Duration> {
        self.sweep();
        let client = if self.limiter.len() >= self.max_clients {
            Client::Shared
        } else {
            client
        };
        self.limiter
            .check_key(&client)
            .map_err(|not_until| not_until.wait_time_from(self.limiter.clock().now()))
    }

    /// How many clients are remembered.
    pub fn tracked(&self) -> usize {
        self.limiter.len()
    }

    /// Forgets the clients whose bucket is full again, at most once a minute (one request does
    /// it; the others do not wait for it).
    fn sweep(&self) {
        let now = self.limiter.clock().now();
        let Ok(mut last) = self.last_sweep.try_lock() else {
            return;
        };
        if now.duration_since(*last) < Nanos::from(SWEEP_EVERY) {
            return;
        }
        *last = now;
        drop(last);
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

/// Counts one sign-up from `client`, on this server and then in the store: `None` when it is
/// let through, else how long until the next one will be. A store that cannot count it is an
/// error (the sign-up could not be stored either).
pub async fn admit(state: &AppState, client: Client) -> Result<Option<Duration>, AppError> {
    if let Err(wait) = state.signups.admit(client) {
        return Ok(Some(wait));
    }
    let now_ms = (crate::server::clock::now().unix_timestamp_nanos() / 1_000_000) as i64;
    Ok(state
        .store
        .admit_signup(
            &client.key(),
            now_ms,
            state.config.server.signups_per_minute,
        )
        .await?)
}

/// `Retry-After` in whole seconds, at least one.
pub fn retry_after(wait: Duration) -> HeaderValue {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    HeaderValue::from(secs.max(1))
}

/// For the sign-up server function: counts a sign-up from the requesting client, and over the
/// limit makes the response 429 with `Retry-After`.
pub async fn admit_server_fn(state: &AppState) -> Result<(), AppError> {
    use leptos::prelude::use_context;
    let client = use_context::<axum::http::request::Parts>().map_or(Client::Shared, |parts| {
        Client::of_request(
            &parts.headers,
            &parts.extensions,
            state.config.server.trust_forwarded_for,
        )
    });
    let Some(wait) = admit(state, client).await? else {
        return Ok(());
    };
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(StatusCode::TOO_MANY_REQUESTS);
        res.insert_header(header::RETRY_AFTER, retry_after(wait));
    }
    Err(AppError::TooManyRequests)
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    fn ip(s: &str) -> Client {
        Client::of(s.parse().unwrap())
    }

    fn throttle(
        per_minute: u32,
        max_clients: usize,
    ) -> (SignupThrottle<FakeRelativeClock>, FakeRelativeClock) {
        let clock = FakeRelativeClock::default();
        (
            SignupThrottle::with_clock(per_minute, max_clients, clock.clone()),
            clock,
        )
    }

    #[test]
    fn a_client_gets_its_burst_then_waits_for_the_next_sign_up() {
        let (t, clock) = throttle(5, 100);
        let me = ip("192.0.2.1");
        for _ in 0..5 {
            assert_eq!(t.admit(me), Ok(()));
        }
        assert_eq!(t.admit(me), Err(Duration::from_secs(12)));
        clock.advance(Duration::from_secs(11));
        assert_eq!(t.admit(me), Err(Duration::from_secs(1)));
        clock.advance(Duration::from_secs(1));
        assert_eq!(t.admit(me), Ok(()));
        assert!(t.admit(me).is_err());
    }

    #[test]
    fn other_clients_keep_their_own_sign_ups() {
        let (t, _) = throttle(1, 100);
        assert_eq!(t.admit(ip("192.0.2.1")), Ok(()));
        assert!(t.admit(ip("192.0.2.1")).is_err());
        assert_eq!(t.admit(ip("192.0.2.2")), Ok(()));
        assert_eq!(t.admit(ip("2001:db8:0:1::1")), Ok(()));
        assert_eq!(t.admit(Client::Shared), Ok(()));
        assert!(t.admit(Client::Shared).is_err());
    }

    #[test]
    fn an_ipv6_network_is_one_client_and_ipv4_mapped_addresses_are_ipv4() {
        assert_eq!(
            ip("2001:db8:1:2::1"),
            ip("2001:db8:1:2:ffff:ffff:ffff:ffff")
        );
        assert_ne!(ip("2001:db8:1:2::1"), ip("2001:db8:1:3::1"));
        assert_eq!(ip("::ffff:192.0.2.1"), ip("192.0.2.1"));
    }

    #[test]
    fn forgotten_clients_free_their_memory_once_their_bucket_is_full_again() {
        let (t, clock) = throttle(5, 100);
        for i in 0..50u8 {
            t.admit(Client::V4(Ipv4Addr::new(198, 51, 100, i))).unwrap();
        }
        assert_eq!(t.tracked(), 50);
        clock.advance(Duration::from_secs(30));
        t.admit(ip("192.0.2.1")).unwrap();
        assert_eq!(t.tracked(), 51, "not a minute yet: nobody is forgotten");
        clock.advance(Duration::from_secs(31));
        t.admit(ip("192.0.2.2")).unwrap();
        // 61 s after the first sign-ups every bucket but the newest is full again.
        assert_eq!(t.tracked(), 1);
    }

    #[test]
    fn past_the_cap_new_clients_share_one_bucket() {
        let (t, _) = throttle(1, 3);
        for last in 1..=3 {
            t.admit(Client::V4(Ipv4Addr::new(198, 51, 100, last)))
                .unwrap();
        }
        assert_eq!(t.tracked(), 3);
        assert_eq!(t.admit(ip("192.0.2.1")), Ok(()));
        assert!(
            t.admit(ip("192.0.2.2")).is_err(),
            "shares the bucket just used"
        );
        assert_eq!(t.tracked(), 4, "three clients and the shared bucket");
    }

    #[test]
    fn the_client_is_the_peer_unless_a_trusted_proxy_names_it() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("198.51.100.1, 203.0.113.7"),
        );
        let mut extensions = Extensions::new();
        assert_eq!(
            Client::of_request(&headers, &extensions, false),
            Client::Shared
        );
        extensions.insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 9], 4242))));
        assert_eq!(
            Client::of_request(&headers, &extensions, false),
            ip("192.0.2.9")
        );
        assert_eq!(
            Client::of_request(&headers, &extensions, true),
            ip("203.0.113.7")
        );
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("[2001:db8::1]:443"),
        );
        assert_eq!(
            Client::of_request(&headers, &extensions, true),
            ip("2001:db8::1")
        );
        headers.insert("x-forwarded-for", HeaderValue::from_static("unknown"));
        assert_eq!(
            Client::of_request(&headers, &extensions, true),
            ip("192.0.2.9")
        );
    }

    #[test]
    fn the_store_names_a_client_by_its_address_or_network() {
        assert_eq!(ip("192.0.2.1").key(), "192.0.2.1");
        assert_eq!(ip("::ffff:192.0.2.1").key(), "192.0.2.1");
        assert_eq!(ip("2001:db8:1:2:3:4:5:6").key(), "2001:db8:1:2::/64");
        assert_eq!(Client::Shared.key(), "unknown");
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after(Duration::from_millis(11_001)), "12");
        assert_eq!(retry_after(Duration::from_secs(12)), "12");
        assert_eq!(retry_after(Duration::ZERO), "1");
    }
}
