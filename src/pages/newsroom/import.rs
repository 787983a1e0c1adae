//! `/newsroom/import` (admins): upload a WordPress export, import it (or only see what an
//! import would do), and read the report.

use leptos::prelude::*;

/// An import's report as the page shows it.
#[derive(Debug, Clone, Default)]
pub struct ImportReportView {
    pub dry_run: bool,
    /// The site imported, as its export names it.
    pub site: String,
    /// (kind, created, updated, matched, unchanged, skipped).
    pub rows: Vec<(&'static str, [usize; 5])>,
    /// Other facts, one sentence each (types left out, comments, shortcodes, redirects, time).
    pub facts: Vec<String>,
    pub skipped: Vec<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ImportForm {
    pub csrf: String,
    pub max_megabytes: usize,
    /// Why the upload was refused (shown by the file field).
    pub problem: Option<String>,
    pub report: Option<ImportReportView>,
}

fn report_view(r: ImportReportView) -> impl IntoView {
    let heading = if r.dry_run {
        "What an import would do (nothing was written)"
    } else {
        "Imported"
    };
    let rows = r
        .rows
        .into_iter()
        .map(|(kind, n)| {
            view! {
                <tr>
                    <th scope="row">{kind}</th>
                    {n.into_iter().map(|v| view! { <td>{v}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    let list = |items: Vec<String>| {
        items
            .into_iter()
            .map(|s| view! { <li>{s}</li> })
            .collect_view()
    };
    let skipped = (!r.skipped.is_empty()).then(|| {
        view! {
            <h3>{format!("Skipped ({})", r.skipped.len())}</h3>
            <ul class="nr-import-list">{list(r.skipped)}</ul>
        }
    });
    let notes = (!r.notes.is_empty()).then(|| {
        view! {
            <h3>{format!("Worth a look ({})", r.notes.len())}</h3>
            <ul class="nr-import-list">{list(r.notes)}</ul>
        }
    });
    view! {
        <section class="nr-panel" aria-labelledby="report-heading" id="report">
            <h2 id="report-heading">{heading}</h2>
            <p>{format!("From {}.", r.site)}</p>
            <div class="nr-table-wrap" role="region" aria-label="What was imported" tabindex="0">
                <table class="nr-table">
                    <caption class="nr-visually-hidden">"What the import made, by kind"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Kind"</th>
                            <th scope="col">"Created"</th>
                            <th scope="col">"Updated"</th>
                            <th scope="col">"Matched"</th>
                            <th scope="col">"Unchanged"</th>
                            <th scope="col">"Skipped"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="nr-hint">"Matched: joined to an account or category the site already had."</p>
            <ul class="nr-import-list">{list(r.facts)}</ul>
            {skipped}
            {notes}
        </section>
    }
}

#[component]
pub fn ImportPage(form: ImportForm) -> impl IntoView {
    let ImportForm {
        csrf,
        max_megabytes,
        problem,
        report,
    } = form;
    let hint = format!(
        "The file WordPress makes at Tools → Export → All content (.xml), up to {max_megabytes} MB. \
         Importing the same file again changes nothing; a newer export updates what changed."
    );
    view! {
        <h1>"Import from WordPress"</h1>
        {report.map(report_view)}
        <section class="nr-panel" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import an export file"</h2>
            <p>
                "Authors become contributor accounts without a password (or join an account with the same address), "
                "categories, tags, posts and pages come with their dates and statuses, and the old site's addresses "
                "lead to the new ones. Pictures need a copy of the old site's "<code>"wp-content/uploads"</code>
                " folder on the server: import them with "<code>"timelines import wordpress FILE --uploads DIR"</code>
                "; an import here brings everything else."
            </p>
            <form method="post" action="/newsroom/import" enctype="multipart/form-data" class="nr-form" novalidate>
                <input type="hidden" name="csrf" value=csrf/>
                <div class="nr-field">
                    <label for="export">"Export file (required)"</label>
                    <input id="export" name="export" type="file" required accept=".xml,application/xml,text/xml"
                        aria-invalid=problem.as_ref().map(|_| "true")
                        aria-describedby=if problem.is_some() { "export-error export-hint" } else { "export-hint" }/>
                    <p class="nr-hint" id="export-hint">{hint}</p>
                    {problem.map(|m| view! { <p class="nr-field-error" id="export-error">{m}</p> })}
                </div>
                <label class="nr-check">
                    <input type="checkbox" name="dry_run" value="on"/>
                    " Only show what would be done (a dry run)"
                </label>
                <button type="submit" class="nr-button">"Import"</button>
            </form>
        </section>
    }
}
