//! Newsletter addresses: one canonical spelling per subscriber, and a clear reason for each
//! address refused.
//!
//! What is kept (`Address::email`, where the newsletter is sent):
//! - the local part as typed, in NFC, with fullwidth forms folded to their ordinary letters
//!   (`ｕｓｅｒ` → `user`; typed by accident with an East Asian input method);
//! - the domain in ASCII: UTS 46 (the `idna` crate) maps `BÜCHER.de`, `bücher.de` and
//!   `xn--bcher-kva.de` to one A-label form, `xn--bcher-kva.de`. ASCII rather than Unicode
//!   because it is what every mail server takes (a Unicode domain needs SMTPUTF8 all the way),
//!   and because the A-label of a name does not change when Unicode's mapping tables do; the
//!   Unicode form is one `idna::domain_to_unicode` away when someone wants to read it.
//!
//! What makes two addresses one subscriber (`Address::key`): the same with the local part in
//! lower case. Mail servers may tell `User` from `user`, but the big providers do not and a
//! reader who typed both means one mailbox.
//!
//! What is refused, and why (UTS 39, through the `unicode-security` crate): control and
//! invisible characters (zero-width, bidi controls, other format characters and default
//! ignorables), U+FFFD (what bytes that are not UTF-8 become once the form is decoded),
//! compatibility look-alikes (`𝐚`, `ﬁ`, `²`), letters of several scripts that UTS 39 does not let
//! mix (Latin with Cyrillic or Greek: `pаypal` with a Cyrillic `а`), and text that is not ASCII
//! but looks exactly like ASCII (`аррӏе`, all Cyrillic). Lengths follow RFC 5321: 64 bytes
//! before the `@`, 254 in all. Quoted local parts and address literals (`user@[10.0.0.1]`) are
//! not taken: no reader's newsletter address needs them.
//!
//! Over 400 lines with its tests (about 230 without): the tests list the addresses refused and kept.

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
use unicode_security::general_security_profile::IdentifierType;
use unicode_security::{GeneralSecurityProfile, RestrictionLevel, RestrictionLevelDetection};

/// RFC 5321 §4.5.3.1: the longest local part and the longest address, in bytes.
pub const MAX_LOCAL_LEN: usize = 64;
pub const MAX_EMAIL_LEN: usize = 254;
/// The longest domain (RFC 1035) and label.
const MAX_DOMAIN_LEN: usize = 253;
const MAX_LABEL_LEN: usize = 63;

/// A newsletter address in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// Where the newsletter goes: the local part as typed (NFC) `@` the ASCII domain.
    pub email: String,
    /// What two spellings of one subscriber share: `email` with the local part in lower case.
    pub key: String,
}

/// Why an address was refused; each has its own message for the reader
/// (`model::SubscribeOutcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not the shape of an email address.
    NotAnAddress,
    TooLong,
    /// Control, zero-width, bidi-control or other invisible characters.
    Invisible,
    /// U+FFFD: bytes that were not UTF-8.
    Garbled,
    /// Letters that only look like the ordinary ones.
    LookAlike,
}

impl From<Refusal> for crate::model::SubscribeOutcome {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::NotAnAddress => Self::Invalid,
            Refusal::TooLong => Self::TooLong,
            Refusal::Invisible => Self::Invisible,
            Refusal::Garbled => Self::Garbled,
            Refusal::LookAlike => Self::LookAlike,
        }
    }
}

/// The canonical form of `raw`, or why it is refused.
pub fn canonical(raw: &str) -> Result<Address, Refusal> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Refusal::NotAnAddress);
    }
    // Before any Unicode work: NFC never makes a text four times longer.
    if raw.len() > 4 * MAX_EMAIL_LEN {
        return Err(Refusal::TooLong);
    }
    if raw.contains(char::REPLACEMENT_CHARACTER) {
        return Err(Refusal::Garbled);
    }
    if raw.chars().any(is_invisible) {
        return Err(Refusal::Invisible);
    }
    let text: String = fold_width(raw).nfc().collect();
    if text.chars().any(char::is_whitespace) {
        return Err(Refusal::NotAnAddress);
    }
    let (local, domain) = text.split_once('@').ok_or(Refusal::NotAnAddress)?;
    check_local(local)?;
    let domain = ascii_domain(domain)?;
    if local.len() > MAX_LOCAL_LEN || local.len() + 1 + domain.len() > MAX_EMAIL_LEN {
        return Err(Refusal::TooLong);
    }
    let folded: String = local.to_lowercase().nfc().collect();
    Ok(Address {
        email: format!("{local}@{domain}"),
        key: format!("{folded}@{domain}"),
    })
}

/// Characters nobody sees, or that change how the rest is shown: controls, format characters
/// (zero-width, bidi controls, soft hyphen, tags), line and paragraph separators, and the other
/// default ignorables (Hangul fillers, variation selectors).
fn is_invisible(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    ) || c.identifier_type() == Some(IdentifierType::Default_Ignorable)
}

/// Fullwidth and halfwidth forms (U+FF00 to U+FFEF) to their ordinary characters, as NFKC
/// maps them; other compatibility characters are left for `check_chars` to refuse.
fn fold_width(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if ('\u{FF00}'..='\u{FFEF}').contains(&c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    out
}

/// RFC 5322 `dot-atom`: ASCII letters, digits and `!#$%&'*+-/=?^_`{|}~`, or letters of
/// RFC 6531, between single dots.
fn check_local(local: &str) -> Result<(), Refusal> {
    if local.split('.').any(str::is_empty) {
        return Err(Refusal::NotAnAddress);
    }
    let ascii_ok = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    if local.chars().any(|c| c.is_ascii() && !ascii_ok(c)) {
        return Err(Refusal::NotAnAddress);
    }
    check_chars(local)?;
    check_scripts(local)
}

/// Every character beyond ASCII must be one UTS 39 allows in identifiers: letters, marks and
/// digits of scripts in current use. Compatibility forms (`𝐚`, `ﬁ`, `²`) are look-alikes.
fn check_chars(part: &str) -> Result<(), Refusal> {
    for c in part.chars().filter(|c| !c.is_ascii()) {
        if c.identifier_type() == Some(IdentifierType::Not_NFKC) {
            return Err(Refusal::LookAlike);
        }
        if !c.identifier_allowed() {
            return Err(Refusal::NotAnAddress);
        }
    }
    Ok(())
}

/// UTS 39 mixed-script and whole-script confusable checks on one part (the local part, or a
/// label of the domain). Scripts may mix as far as UTS 39's Moderately Restrictive level goes
/// (Latin with Han and kana, or with one other script that is not Cyrillic or Greek), and a part
/// must not be text beyond ASCII whose confusable skeleton is plain ASCII.
fn check_scripts(part: &str) -> Result<(), Refusal> {
    if part.is_ascii() {
        return Ok(());
    }
    let letters: String = part.chars().filter(|c| !c.is_ascii_punctuation()).collect();
    if !letters.check_restriction_level(RestrictionLevel::ModeratelyRestrictive)
        || unicode_security::skeleton(part).all(|c| c.is_ascii())
    {
        return Err(Refusal::LookAlike);
    }
    Ok(())
}

/// The domain in ASCII (UTS 46 with the STD3 rules: letters, digits and hyphens), checked
/// label by label in its Unicode form.
fn ascii_domain(domain: &str) -> Result<String, Refusal> {
    if domain.is_empty() {
        return Err(Refusal::NotAnAddress);
    }
    // UTS 46 would quietly map these to ordinary letters (`𝐚` to `a`): refuse them as the local
    // part does.
    if domain
        .chars()
        .any(|c| c.identifier_type() == Some(IdentifierType::Not_NFKC))
    {
        return Err(Refusal::LookAlike);
    }
    let ascii = Uts46::new()
        .to_ascii(
            domain.as_bytes(),
            AsciiDenyList::STD3,
            Hyphens::Check,
            DnsLength::Ignore,
        )
        .map_err(|_| Refusal::NotAnAddress)?
        .into_owned();
    let labels: Vec<&str> = ascii.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
        return Err(Refusal::NotAnAddress);
    }
    // An address literal without its brackets (`user@10.0.0.1`) is not a domain.
    if labels
        .last()
        .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Refusal::NotAnAddress);
    }
    if ascii.len() > MAX_DOMAIN_LEN || labels.iter().any(|l| l.len() > MAX_LABEL_LEN) {
        return Err(Refusal::TooLong);
    }
    let (unicode, result) = idna::domain_to_unicode(&ascii);
    result.map_err(|_| Refusal::NotAnAddress)?;
    for label in unicode.split('.') {
        check_chars(label)?;
        check_scripts(label)?;
    }
    Ok(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(raw: &str) -> String {
        canonical(raw)
            .unwrap_or_else(|r| panic!("{raw:?} refused: {r:?}"))
            .email
    }

    fn key(raw: &str) -> String {
        canonical(raw)
            .unwrap_or_else(|r| panic!("{raw:?} refused: {r:?}"))
            .key
    }

    fn refusal(raw: &str) -> Refusal {
        canonical(raw).expect_err(raw)
    }

    #[test]
    fn plain_addresses_are_kept_as_typed_with_the_domain_in_lower_case() {
        assert_eq!(email("  Reader@Example.COM "), "Reader@example.com");
        assert_eq!(key("Reader@Example.COM"), "reader@example.com");
        assert_eq!(
            email("first.last+news@sub.example.co.uk"),
            "first.last+news@sub.example.co.uk"
        );
        assert_eq!(
            email("o'brien_x{y}@example.org"),
            "o'brien_x{y}@example.org"
        );
    }

    #[test]
    fn the_local_part_is_one_subscriber_whatever_its_case() {
        assert_eq!(key("ÜSER1@example.com"), key("üser1@example.com"));
        assert_eq!(key("ÜSER1@example.com"), "üser1@example.com");
        // What is sent keeps the reader's spelling.
        assert_eq!(email("ÜSER1@example.com"), "ÜSER1@example.com");
        assert_ne!(key("user1@example.com"), key("user2@example.com"));
    }

    #[test]
    fn composed_and_decomposed_spellings_are_one_address() {
        let composed = "j\u{00FC}rgen@example.de";
        let decomposed = "ju\u{0308}rgen@example.de";
        assert_ne!(composed, decomposed);
        assert_eq!(canonical(composed), canonical(decomposed));
        assert_eq!(email(decomposed), composed);
    }

    #[test]
    fn domains_are_kept_as_ascii_a_labels() {
        assert_eq!(email("leser@BÜCHER.de"), "leser@xn--bcher-kva.de");
        assert_eq!(key("leser@bücher.de"), key("leser@xn--bcher-kva.de"));
        assert_eq!(key("leser@XN--BCHER-KVA.DE"), "leser@xn--bcher-kva.de");
        assert_eq!(email("user@пример.рф"), "user@xn--e1afmkfd.xn--p1ai");
        assert_eq!(email("用户@例子.中国"), "用户@xn--fsqu00a.xn--fiqs8s");
    }

    #[test]
    fn fullwidth_forms_are_folded_to_ordinary_characters() {
        assert_eq!(
            email("ｕｓｅｒ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
            "user@example.com"
        );
        assert_eq!(key("ＵＳＥＲ@example.com"), "user@example.com");
        // Halfwidth katakana fold to the ordinary ones.
        assert_eq!(email("ｶﾀｶﾅ@example.jp"), "カタカナ@example.jp");
    }

    #[test]
    fn invisible_and_control_characters_are_refused() {
        for raw in [
            "us\u{200B}er@example.com",  // zero-width space
            "us\u{200C}er@example.com",  // zero-width non-joiner
            "us\u{200D}er@example.com",  // zero-width joiner
            "user@exa\u{2060}mple.com",  // word joiner
            "\u{FEFF}user@example.com",  // byte order mark
            "user\u{200B}@example.com",  // at the end of the local part
            "user@example.com\u{200B}",  // trailing, where trim does not reach
            "\u{202E}user@example.com",  // right-to-left override
            "user\u{2066}@example.com",  // left-to-right isolate
            "user\u{200F}@example.com",  // right-to-left mark
            "us\u{00AD}er@example.com",  // soft hyphen
            "us\u{0007}er@example.com",  // bell
            "us\u{0085}er@example.com",  // next line (C1 control)
            "us\u{2028}er@example.com",  // line separator
            "us\u{3164}er@example.com",  // Hangul filler
            "user\u{FE0F}@example.com",  // variation selector
            "user@example.com\u{E0001}", // language tag
        ] {
            assert_eq!(refusal(raw), Refusal::Invisible, "{raw:?}");
            let seen: String = raw.chars().filter(|c| !is_invisible(*c)).collect();
            assert_eq!(email(&seen), "user@example.com", "{raw:?}");
        }
    }

    #[test]
    fn replacement_characters_from_bytes_that_were_not_utf8_are_refused() {
        let decoded = String::from_utf8_lossy(b"us\xFFer@example.com");
        assert_eq!(refusal(&decoded), Refusal::Garbled);
        assert_eq!(refusal("\u{FFFD}@example.com"), Refusal::Garbled);
    }

    #[test]
    fn look_alike_letters_are_refused() {
        for raw in [
            "p\u{0430}ypal@example.com", // a Cyrillic а among Latin letters
            "user@p\u{0430}ypal.com",    // the same in the domain
            "user@xn--pypal-4ve.com",    // … spelled as its A-label, below
            "\u{03BF}scar@example.com",  // a Greek ο
            "\u{0430}\u{0440}\u{0440}\u{04CF}\u{0435}@example.com", // аррӏе: all Cyrillic, reads "apple"
            "user@\u{0430}\u{0440}\u{0440}\u{04CF}\u{0435}.com",
            "\u{1D41A}lice@example.com",  // mathematical bold a
            "\u{FB01}nance@example.com",  // the fi ligature
            "user\u{00B2}@example.com",   // superscript two
            "user@\u{1D41E}xample.com",   // mathematical bold e in the domain
            "o\u{2019}brien@example.com", // a typographic apostrophe for '
        ] {
            assert_eq!(refusal(raw), Refusal::LookAlike, "{raw:?}");
        }
    }

    #[test]
    fn the_a_label_above_is_the_look_alike_domain() {
        let (unicode, result) = idna::domain_to_unicode("xn--pypal-4ve.com");
        assert!(result.is_ok());
        assert_eq!(unicode, "p\u{0430}ypal.com");
        assert_eq!(email("user@paypal.com"), "user@paypal.com");
    }

    #[test]
    fn letters_of_one_script_or_of_scripts_that_may_mix_are_taken() {
        assert_eq!(email("иван@example.com"), "иван@example.com");
        assert_eq!(email("δοκιμή@example.gr"), "δοκιμή@example.gr");
        assert_eq!(email("josé.garcía@example.es"), "josé.garcía@example.es");
        assert_eq!(email("मेल@example.in"), "मेल@example.in");
        assert_eq!(email("たなか太郎@example.jp"), "たなか太郎@example.jp");
        // Latin with Han is as far as UTS 39's moderately restrictive level allows.
        assert_eq!(email("li李@example.cn"), "li李@example.cn");
        // Each label of the domain is judged on its own.
        assert_eq!(
            email("user@почта.example.com"),
            "user@xn--80a1acny.example.com"
        );
    }

    #[test]
    fn lengths_follow_rfc_5321() {
        let local = "a".repeat(MAX_LOCAL_LEN);
        assert_eq!(
            email(&format!("{local}@example.com")),
            format!("{local}@example.com")
        );
        assert_eq!(refusal(&format!("a{local}@example.com")), Refusal::TooLong);
        // 254 in all: 64 + 1 + 189, with the domain in labels of at most 63.
        let domain = format!(
            "{}.{}.{}.com",
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(57)
        );
        assert_eq!(local.len() + 1 + domain.len(), MAX_EMAIL_LEN);
        assert!(canonical(&format!("{local}@{domain}")).is_ok());
        assert_eq!(refusal(&format!("{local}@x{domain}")), Refusal::TooLong);
        assert_eq!(
            refusal(&format!("user@{}.com", "b".repeat(64))),
            Refusal::TooLong
        );
        // Non-ASCII letters count in bytes: 33 two-byte letters are 66.
        assert_eq!(
            refusal(&format!("{}@example.com", "ü".repeat(33))),
            Refusal::TooLong
        );
        assert!(canonical(&format!("{}@example.com", "ü".repeat(32))).is_ok());
        assert_eq!(refusal(&"a".repeat(100_000)), Refusal::TooLong);
    }

    #[test]
    fn other_malformed_addresses_are_not_addresses() {
        for raw in [
            "",
            "   ",
            "no-at-sign",
            "a@b",
            "@example.com",
            "user@",
            "a@@example.com",
            "a@b@example.com",
            "a b@example.com",
            "a\u{00A0}b@example.com", // no-break space
            "a@-x.com",
            "a@x-.com",
            "a@example..com",
            "a@example.com.",
            "a@exa_mple.com",
            "a@10.0.0.1",
            "a@[10.0.0.1]",
            "\"quoted\"@example.com",
            ".user@example.com",
            "user.@example.com",
            "us..er@example.com",
            "us(er)@example.com",
            "us,er@example.com",
            "us\\er@example.com",
            "smile\u{1F600}@example.com", // an emoji
            "user@\u{1F600}.com",
        ] {
            assert_eq!(refusal(raw), Refusal::NotAnAddress, "{raw:?}");
        }
    }
}
