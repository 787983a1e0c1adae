//! `/newsroom/menus` (editors and admins): each menu the header and footer show, as an outline
//! in a text field: one link a line, `Label | /address`, two spaces deeper for a dropdown.

use leptos::prelude::*;

#[derive(Debug, Clone)]
pub struct MenuForm {
    pub name: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
    pub text: String,
    pub problem: Option<String>,
}

#[component]
pub fn MenusPage(forms: Vec<MenuForm>, csrf: String, notice: Option<String>) -> impl IntoView {
    let forms = forms
        .into_iter()
        .map(|m| {
            let id = format!("menu-{}", m.name);
            let heading = format!("{id}-heading");
            let hint = format!("{id}-hint");
            let error = format!("{id}-error");
            let described = if m.problem.is_some() { format!("{hint} {error}") } else { hint.clone() };
            let lines = m.text.lines().count().clamp(3, 24);
            view! {
                <section class="nr-panel">
                    <h2 id=heading>{m.title}</h2>
                    <form method="post" action=format!("/newsroom/menus/{}", m.name) class="nr-form">
                        <input type="hidden" name="csrf" value=csrf.clone()/>
                        <div class="nr-field">
                            <label for=id.clone()>{m.title}</label>
                            <p class="nr-hint" id=hint>{m.hint}</p>
                            <textarea id=id name="links" rows=lines.to_string() class="nr-source" spellcheck="false"
                                aria-invalid=m.problem.is_some().then_some("true") aria-describedby=described>
                                {super::textarea_text(&m.text)}
                            </textarea>
                            {m.problem.map(|p| view! { <p class="nr-field-error" id=error role="alert">{p}</p> })}
                        </div>
                        <button type="submit" class="nr-button">{format!("Save the {}", m.title.to_lowercase())}</button>
                    </form>
                </section>
            }
        })
        .collect_view();
    view! {
        <h1>"Menus"</h1>
        {notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        <p>"One link a line: its label, a bar, then its address, such as "<code>"World | /category/world"</code>". Indent a line by two spaces to put it in the dropdown of the link above."</p>
        {forms}
    }
}
