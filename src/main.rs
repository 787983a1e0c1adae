#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    timelines::server::main().await
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The browser build starts from `timelines::hydrate` in lib.rs.
}
