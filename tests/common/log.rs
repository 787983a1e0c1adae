//! What the server logs, captured as text (and copied to standard error, where a failing
//! assertion's output shows), in the server's own format.

use std::io::Write;
use std::sync::{Arc, Mutex};
pub use timelines::server::logging::Format;

#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        std::io::stderr().write_all(bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Log {
    fn subscriber(&self, format: Format) -> Box<dyn tracing::Subscriber + Send + Sync> {
        let writer = self.clone();
        let filter = tracing_subscriber::EnvFilter::new("info,sqlx=warn");
        timelines::server::logging::subscriber(format, filter, false, move || writer.clone())
    }

    /// Captures what the whole process logs from now on (once per test binary).
    pub fn install_global() -> Self {
        let log = Log::default();
        tracing::subscriber::set_global_default(log.subscriber(Format::Text))
            .expect("the only subscriber");
        log
    }

    /// Captures what this thread logs while the guard lives (a current-thread runtime's test).
    pub fn capture_thread() -> (Self, tracing::subscriber::DefaultGuard) {
        Self::capture_thread_as(Format::Text)
    }

    /// [`Log::capture_thread`] in `format`.
    pub fn capture_thread_as(format: Format) -> (Self, tracing::subscriber::DefaultGuard) {
        let log = Log::default();
        let guard = tracing::subscriber::set_default(log.subscriber(format));
        (log, guard)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}
