//! The newsletter: readers sign up, confirm and leave (`signup.rs`); an issue gathers the top
//! articles of the last day or week (`digest.rs`) and goes to every confirmed address, sent
//! from the newsroom or by the schedule every server keeps (`schedule.rs`). The messages
//! themselves are written in `server/mail/`.

pub mod digest;
pub mod schedule;
mod signup;

pub use digest::Period;
pub use schedule::Schedule;
pub use signup::{confirm, subscribe, unsubscribe};
