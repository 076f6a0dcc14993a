//! Partial dates from arbitrary text: parsing never panics, and a parsed date
//! survives `iso()` → `parse` unchanged, keeps the text it was written as, and
//! displays without panicking.

#![no_main]

use std::cmp::Ordering;

use libfuzzer_sys::fuzz_target;
use scrutiny::content::PartialDate;

fuzz_target!(|text: &str| {
    let Ok(d) = PartialDate::parse(text) else {
        return;
    };
    let iso = d.iso();
    assert_eq!(PartialDate::parse(&iso), Ok(d), "{text:?} → {iso:?}");
    assert_eq!(iso, text, "a valid date is written exactly one way");
    let shown = d.to_string();
    assert_eq!(d.human(), shown);
    assert!(shown.ends_with(&d.year().to_string()), "{shown:?}");
    let _ = d.earliest_day();
    let _ = d.ordinal();
    let _ = d.precision();
    assert_eq!(d.cmp(&d), Ordering::Equal);
});
