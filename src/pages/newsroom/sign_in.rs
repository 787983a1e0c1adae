//! `/newsroom/sign-in`: email and password.

use leptos::prelude::*;

/// The form, with the address typed before (after a failed try), a message (wrong credentials,
/// a lockout, "signed out") and where to go after.
#[component]
pub fn SignInPage(
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
) -> impl IntoView {
    let invalid = error.is_some().then_some("true");
    view! {
        <section class="nr-panel nr-panel--narrow">
            <h1>"Sign in"</h1>
            {notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
            {error.map(|e| view! { <p class="nr-error" id="sign-in-error" role="alert">{e}</p> })}
            <form method="post" action="/newsroom/sign-in" class="nr-form">
                <input type="hidden" name="next" value=next/>
                <div class="nr-field">
                    <label for="email">"Email"</label>
                    <input id="email" name="email" type="email" autocomplete="username" required
                        value=email aria-invalid=invalid aria-describedby=invalid.map(|_| "sign-in-error")/>
                </div>
                <div class="nr-field">
                    <label for="password">"Password"</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required
                        aria-invalid=invalid aria-describedby=invalid.map(|_| "sign-in-error")/>
                </div>
                <button type="submit" class="nr-button">"Sign in"</button>
            </form>
        </section>
    }
}
