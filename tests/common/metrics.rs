//! Reading a Prometheus scrape.

/// The value of the series `name` whose labels include every one of `labels` (summed over
/// the series that match, 0 when none does).
pub fn value(scrape: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    scrape
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (series, v) = l.rsplit_once(' ')?;
            let (n, rest) = series.split_once('{').unwrap_or((series, ""));
            (n == name
                && labels
                    .iter()
                    .all(|(k, want)| rest.contains(&format!("{k}=\"{want}\""))))
            .then(|| v.parse::<f64>().ok())?
        })
        .sum()
}

/// The value of a series in a scrape of `state`'s server now.
pub fn now(state: &timelines::server::AppState, name: &str, labels: &[(&str, &str)]) -> f64 {
    let scrape = timelines::server::metrics::scrape(state).expect("metrics are kept");
    value(&scrape, name, labels)
}

/// Waits (up to 10 s) for a series to go past `before`, failing the test otherwise.
pub async fn rises(
    state: &timelines::server::AppState,
    name: &str,
    labels: &[(&str, &str)],
    before: f64,
) {
    let start = std::time::Instant::now();
    while now(state, name, labels) <= before {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "{name} {labels:?} stayed at {before}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
