//! A reader that counts the lines and bytes it has handed on, so errors and reports can name
//! the line of the export they are about, and that refuses to read on past a budget, so one
//! element cannot make the XML reader hold more than that in memory.

use std::io::{self, BufRead, Read};

pub struct Lines<R> {
    inner: R,
    /// Newlines consumed so far.
    newlines: u64,
    /// Bytes consumed so far.
    consumed: u64,
    /// While set: (bytes consumed when it was set, how many more may be read).
    budget: Option<(u64, u64)>,
}

/// The error a read past the budget gets.
const OVER_BUDGET: &str = "over the reading budget";

impl<R: BufRead> Lines<R> {
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            newlines: 0,
            consumed: 0,
            budget: None,
        }
    }

    /// From here on, reading more than `limit` bytes fails (until [`Lines::unlimited`]).
    pub fn limit_from_here(&mut self, limit: u64) {
        self.budget = Some((self.consumed, limit));
    }

    pub fn unlimited(&mut self) {
        self.budget = None;
    }

    /// Whether a read failed (or would fail) for the budget.
    pub fn over_budget(&self) -> bool {
        self.budget
            .is_some_and(|(from, limit)| self.consumed - from > limit)
    }

    fn check(&self) -> io::Result<()> {
        if self.over_budget() {
            return Err(io::Error::other(OVER_BUDGET));
        }
        Ok(())
    }

    /// The line (from 1) of the next byte to be read.
    pub fn line(&self) -> u64 {
        self.newlines + 1
    }
}

impl<R: BufRead> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.check()?;
        let n = self.inner.read(buf)?;
        self.newlines += bytecount(&buf[..n]);
        self.consumed += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.check()?;
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amt = amt.min(buf.len());
            self.newlines += bytecount(&buf[..amt]);
            self.consumed += amt as u64;
        }
        self.inner.consume(amt);
    }
}

fn bytecount(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_as_bytes_are_consumed() {
        let mut r = Lines::new(io::BufReader::with_capacity(4, &b"ab\ncd\n\nef"[..]));
        assert_eq!(r.line(), 1);
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        assert_eq!((line.as_str(), r.line()), ("ab\n", 2));
        let mut rest = String::new();
        r.read_to_string(&mut rest).unwrap();
        assert_eq!(r.line(), 4);
    }

    #[test]
    fn reading_past_the_budget_fails() {
        let mut r = Lines::new(io::BufReader::with_capacity(4, &b"0123456789abcdef"[..]));
        let mut two = [0u8; 2];
        r.read_exact(&mut two).unwrap();
        r.limit_from_here(5);
        let mut rest = Vec::new();
        let err = r.read_to_end(&mut rest).unwrap_err();
        assert!(r.over_budget());
        assert_eq!(err.to_string(), OVER_BUDGET);
        assert!(rest.len() <= 8, "{}", rest.len());
        r.unlimited();
        assert!(!r.over_budget());
    }
}
