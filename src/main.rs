/// mimalloc rather than glibc malloc: a render allocates many small strings on several threads,
/// and glibc's arenas spent about a quarter of a cache-missing render (issue 12).
#[cfg(feature = "ssr")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    timelines::server::main().await
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The browser build starts from `timelines::hydrate` in lib.rs.
}
