//! `/newsroom/setup?token=…`: the first admin account, made through the one-time link the
//! server prints at start while no admin exists. (Invitations reuse this form.)

use leptos::prelude::*;

/// What was typed, kept when the form comes back with a problem (never the password).
#[derive(Debug, Clone, Default)]
pub struct SetupForm {
    pub name: String,
    pub email: String,
}

#[component]
pub fn SetupPage(
    heading: &'static str,
    action: &'static str,
    token: String,
    form: SetupForm,
    error: Option<String>,
) -> impl IntoView {
    view! {
        <section class="nr-panel nr-panel--narrow">
            <h1>{heading}</h1>
            <p>"Choose the name your articles will carry, your sign-in address and a password of at least 10 characters."</p>
            {error.map(|e| view! { <p class="nr-error" role="alert">{e}</p> })}
            <form method="post" action=action class="nr-form">
                <input type="hidden" name="token" value=token/>
                <div class="nr-field">
                    <label for="name">"Name"</label>
                    <input id="name" name="name" type="text" autocomplete="name" required maxlength="100" value=form.name/>
                </div>
                <div class="nr-field">
                    <label for="email">"Email"</label>
                    <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value=form.email/>
                </div>
                <div class="nr-field">
                    <label for="password">"Password"</label>
                    <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10"/>
                </div>
                <div class="nr-field">
                    <label for="confirm">"Confirm password"</label>
                    <input id="confirm" name="confirm" type="password" autocomplete="new-password" required minlength="10"/>
                </div>
                <button type="submit" class="nr-button">"Create account"</button>
            </form>
        </section>
    }
}
