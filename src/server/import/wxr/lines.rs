//! A reader that counts the lines it has handed on, so errors and reports can name the line of
//! the export they are about.

use std::io::{self, BufRead, Read};

pub struct Lines<R> {
    inner: R,
    /// Newlines consumed so far.
    newlines: u64,
}

impl<R: BufRead> Lines<R> {
    pub fn new(inner: R) -> Self {
        Self { inner, newlines: 0 }
    }

    /// The line (from 1) of the next byte to be read.
    pub fn line(&self) -> u64 {
        self.newlines + 1
    }
}

impl<R: BufRead> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.newlines += bytecount(&buf[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amt = amt.min(buf.len());
            self.newlines += bytecount(&buf[..amt]);
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
}
