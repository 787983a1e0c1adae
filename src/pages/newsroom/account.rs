//! `/newsroom/account`: who you are, your password, and your sessions.

use leptos::prelude::*;

/// The outcome of the last form on the page.
#[derive(Debug, Clone)]
pub enum AccountNotice {
    Done(String),
    Problem(String),
}

#[component]
pub fn AccountPage(
    name: String,
    email: String,
    role: &'static str,
    sessions: i64,
    csrf: String,
    notice: Option<AccountNotice>,
) -> impl IntoView {
    let notice = notice.map(|n| match n {
        AccountNotice::Done(t) => view! { <p class="nr-notice" role="status">{t}</p> }.into_any(),
        AccountNotice::Problem(t) => view! { <p class="nr-error" role="alert">{t}</p> }.into_any(),
    });
    let others = match sessions - 1 {
        n if n <= 0 => "You are signed in here only.".to_string(),
        1 => "You are also signed in on 1 other browser or device.".to_string(),
        n => format!("You are also signed in on {n} other browsers or devices."),
    };
    view! {
        <h1>"Account"</h1>
        {notice}
        <section class="nr-panel" aria-labelledby="who">
            <h2 id="who">"You"</h2>
            <dl class="nr-facts">
                <dt>"Name"</dt><dd>{name}</dd>
                <dt>"Email"</dt><dd>{email}</dd>
                <dt>"Role"</dt><dd>{role}</dd>
            </dl>
        </section>
        <section class="nr-panel" aria-labelledby="password-heading">
            <h2 id="password-heading">"Change password"</h2>
            <p>"Changing your password signs you out everywhere else."</p>
            <form method="post" action="/newsroom/account/password" class="nr-form">
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <div class="nr-field">
                    <label for="current">"Current password"</label>
                    <input id="current" name="current" type="password" autocomplete="current-password" required/>
                </div>
                <div class="nr-field">
                    <label for="new">"New password"</label>
                    <input id="new" name="new" type="password" autocomplete="new-password" required minlength="10"/>
                </div>
                <div class="nr-field">
                    <label for="confirm">"Confirm new password"</label>
                    <input id="confirm" name="confirm" type="password" autocomplete="new-password" required minlength="10"/>
                </div>
                <button type="submit" class="nr-button">"Change password"</button>
            </form>
        </section>
        <section class="nr-panel" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Sessions"</h2>
            <p>{others}</p>
            <form method="post" action="/newsroom/account/sign-out-everywhere">
                <input type="hidden" name="csrf" value=csrf/>
                <button type="submit" class="nr-button nr-button--danger">"Sign out everywhere"</button>
            </form>
        </section>
    }
}
