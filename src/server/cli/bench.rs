//! The two measuring commands `make bench` runs: `timelines search-bench` (search latency over
//! a file of queries) and `timelines media-bench` (the time to make a picture's variants). Each
//! prints one JSON object.

use crate::server::{config, media, AppState};

/// `timelines search-bench`: latency of `ReadModels::search_page` (count, ranking, snippets,
/// filters and suggestions) for each query of the file, `rounds` times.
pub(super) async fn search_bench(
    config_path: &std::path::Path,
    queries: &std::path::Path,
    rounds: u32,
) -> Result<(), Box<dyn std::error::Error>> {
    let config = config::Config::load(config_path)?;
    let state = AppState::open_for_command(config).await?;
    let text = std::fs::read_to_string(queries)
        .map_err(|e| format!("cannot read {}: {e}", queries.display()))?;
    let queries: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    if queries.is_empty() || rounds == 0 {
        return Err("search-bench needs at least one query and one round".into());
    }
    let mut all = Vec::new();
    let mut per_query = vec![Vec::new(); queries.len()];
    for round in 0..=rounds {
        for (i, q) in queries.iter().enumerate() {
            let started = std::time::Instant::now();
            let found = state
                .read
                .search_page(Some(q), None, crate::model::SearchFilters::default())
                .await
                .map_err(|e| format!("query {q:?}: {e}"))?;
            let ms = started.elapsed().as_secs_f64() * 1_000.0;
            // Round 0 warms the page cache and is not counted.
            if round > 0 {
                all.push(ms);
                per_query[i].push((ms, found.pagination.total_items, found.more_results));
            }
        }
    }
    for (q, runs) in queries.iter().zip(&mut per_query) {
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (ms, total, more) = runs[runs.len() / 2];
        eprintln!(
            "{ms:>9.2} ms  {:>6}{} results  {q}",
            total,
            if more { "+" } else { " " }
        );
    }
    all.sort_by(f64::total_cmp);
    let pct = |p: f64| all[((all.len() - 1) as f64 * p).round() as usize];
    println!(
        "{}",
        serde_json::json!({
            "queries": queries.len(),
            "runs": all.len(),
            "p50_ms": (pct(0.50) * 100.0).round() / 100.0,
            "p99_ms": (pct(0.99) * 100.0).round() / 100.0,
            "max_ms": (pct(1.0) * 100.0).round() / 100.0,
        })
    );
    Ok(())
}

/// `timelines media-bench`: the time to make every variant of a picture, with the configured
/// limits.
pub(super) fn media_bench(
    config_path: &std::path::Path,
    file: Option<&std::path::Path>,
    rounds: u32,
) -> Result<(), Box<dyn std::error::Error>> {
    let config = config::Config::load(config_path)?;
    let limits = media::Limits::of(&config.media);
    let bytes = match file {
        Some(path) => {
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?
        }
        None => media::bench::synthetic_photo(4000, 3000),
    };
    let rounds = rounds.max(1);
    let (times, made) = media::bench::time_make(&bytes, &limits, rounds)?;
    let ms = |d: std::time::Duration| (d.as_secs_f64() * 100_000.0).round() / 100.0;
    println!(
        "{}",
        serde_json::json!({
            "file": file.map_or("synthetic 4000x3000 JPEG".into(), |p| p.display().to_string()),
            "bytes": bytes.len(),
            "width": made.width,
            "height": made.height,
            "files": made.files.len(),
            "variant_bytes": made.files.iter().map(|f| f.bytes.len()).sum::<usize>(),
            "rounds": times.len(),
            "min_ms": ms(times[0]),
            "median_ms": ms(times[times.len() / 2]),
            "max_ms": ms(times[times.len() - 1]),
        })
    );
    Ok(())
}
