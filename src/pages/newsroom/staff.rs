//! `/newsroom/staff` (admins): accounts, their roles and access, and invitations.

use leptos::prelude::*;

#[derive(Debug, Clone)]
pub struct StaffLine {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: &'static str,
    pub active: bool,
    pub is_you: bool,
}

#[component]
pub fn StaffPage(
    lines: Vec<StaffLine>,
    csrf: String,
    /// A link just made, shown once.
    invite: Option<String>,
    notice: Option<String>,
    problem: Option<String>,
) -> impl IntoView {
    let roles = ["contributor", "author", "editor", "admin"];
    let role_options = move |current: &'static str| {
        roles
            .iter()
            .map(|r| {
                let label = format!("{}{}", r[..1].to_uppercase(), &r[1..]);
                view! { <option value=*r selected=r.eq_ignore_ascii_case(current)>{label}</option> }
            })
            .collect_view()
    };
    let rows = lines
        .into_iter()
        .map(|l| {
            let (csrf1, csrf2) = (csrf.clone(), csrf.clone());
            let select_id = format!("role-{}", l.id);
            let label = format!("Role of {}", l.name);
            let toggle = if l.active { ("false", "Deactivate") } else { ("true", "Reactivate") };
            let toggle_label = format!("{} {}", toggle.1, l.name);
            view! {
                <tr>
                    <th scope="row">{l.name.clone()}{l.is_you.then_some(" (you)")}</th>
                    <td>{l.email}</td>
                    <td>{if l.active { "Active" } else { "Deactivated" }}</td>
                    <td>
                        <form method="post" action=format!("/newsroom/staff/{}", l.id) class="nr-inline">
                            <input type="hidden" name="csrf" value=csrf1/>
                            <input type="hidden" name="active" value=if l.active { "true" } else { "false" }/>
                            <label class="nr-visually-hidden" for=select_id.clone()>{label}</label>
                            <select id=select_id name="role">{role_options(l.role)}</select>
                            <button type="submit" class="nr-button nr-button--quiet">"Change role"</button>
                        </form>
                    </td>
                    <td>
                        <form method="post" action=format!("/newsroom/staff/{}", l.id)>
                            <input type="hidden" name="csrf" value=csrf2/>
                            <input type="hidden" name="role" value=l.role.to_lowercase()/>
                            <input type="hidden" name="active" value=toggle.0/>
                            <button type="submit" class="nr-button nr-button--quiet" aria-label=toggle_label>{toggle.1}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>"Staff"</h1>
        {notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        {problem.map(|p| view! { <p class="nr-error" role="alert">{p}</p> })}
        {invite.map(|link| view! {
            <div class="nr-notice" role="status">
                <p>"Invitation made. Send this link to the new member of staff; it works once, for 7 days:"</p>
                <p><code class="nr-link">{link}</code></p>
            </div>
        })}
        <div class="nr-table-wrap" role="region" aria-label="Staff" tabindex="0">
            <table class="nr-table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Access"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col"><span class="nr-visually-hidden">"Activate or deactivate"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <section class="nr-panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite staff"</h2>
            <form method="post" action="/newsroom/staff/invite" class="nr-form">
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <div class="nr-field">
                    <label for="invite-role">"Role"</label>
                    <select id="invite-role" name="role">{role_options("author")}</select>
                </div>
                <button type="submit" class="nr-button">"Make an invitation link"</button>
            </form>
        </section>
    }
}
