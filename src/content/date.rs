//! Partial dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as sources give them.
//!
//! A date keeps the precision it was written with. It is shown at that precision
//! ("2019", "May 2019", "1 July 2019") and sorts at its earliest day. Nothing here
//! ever invents a day or month that the editor did not write.

use std::cmp::Ordering;
use std::fmt;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

/// How much of a date the source gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date known to a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    Shape(String),
    #[error("`{0}` has no month {1}: months run from 01 to 12")]
    Month(String, u32),
    #[error("`{0}` is not a day of the calendar")]
    Day(String),
    #[error("`{0}` is out of range: years run from 1900 to 2999")]
    Year(String),
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking the calendar.
    pub fn parse(text: &str) -> Result<PartialDate, DateError> {
        let shape = || DateError::Shape(text.to_string());
        let parts: Vec<&str> = text.split('-').collect();
        let widths = [4, 2, 2];
        if parts.is_empty() || parts.len() > 3 {
            return Err(shape());
        }
        let mut numbers = [0u32; 3];
        for (i, part) in parts.iter().enumerate() {
            if part.len() != widths[i] || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(shape());
            }
            numbers[i] = part.parse().map_err(|_| shape())?;
        }
        let year = numbers[0] as i32;
        if !(1900..=2999).contains(&year) {
            return Err(DateError::Year(text.to_string()));
        }
        let month = (parts.len() >= 2).then_some(numbers[1]);
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError::Month(text.to_string(), m));
        }
        let day = (parts.len() == 3).then_some(numbers[2]);
        if let (Some(m), Some(d)) = (month, day)
            && NaiveDate::from_ymd_opt(year, m, d).is_none()
        {
            return Err(DateError::Day(text.to_string()));
        }
        Ok(PartialDate { year, month, day })
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The earliest calendar day the date can mean; used for sorting and feeds.
    pub fn earliest_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("validated at parse time")
    }

    /// The date as written in the content (`2019`, `2019-07`, `2019-07-01`).
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (None, _) => format!("{:04}", self.year),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
        }
    }

    /// The date for people to read, at its own precision.
    pub fn human(&self) -> String {
        self.to_string()
    }

    /// Days since the common era, for placing dates on a chart axis.
    pub fn ordinal(&self) -> i64 {
        use chrono::Datelike;
        i64::from(self.earliest_day().num_days_from_ce())
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (None, _) => write!(f, "{}", self.year),
            (Some(m), None) => write!(f, "{} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), Some(d)) => write!(f, "{} {} {}", d, MONTHS[m as usize - 1], self.year),
        }
    }
}

impl Ord for PartialDate {
    /// Earliest day first; at the same day, the less precise date first, so that
    /// ordering stays total and consistent with equality.
    fn cmp(&self, other: &Self) -> Ordering {
        self.earliest_day()
            .cmp(&other.earliest_day())
            .then(self.precision().cmp(&other.precision()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Dates go into JSON as written, keeping their precision.
impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn shows_each_precision_without_inventing_parts() {
        assert_eq!(d("2019").to_string(), "2019");
        assert_eq!(d("2019-05").to_string(), "May 2019");
        assert_eq!(d("2019-07-01").to_string(), "1 July 2019");
        assert_eq!(d("2019-07").iso(), "2019-07");
    }

    #[test]
    fn sorts_partial_dates_at_their_earliest_day() {
        assert!(d("2019") < d("2019-01-02"));
        assert!(d("2019-07") < d("2019-07-02"));
        assert!(d("2018-12-31") < d("2019"));
        assert_eq!(d("2019").earliest_day(), d("2019-01-01").earliest_day());
        assert!(d("2019") < d("2019-01-01"), "ties break by precision");
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        assert!(matches!(
            PartialDate::parse("2019-02-30"),
            Err(DateError::Day(_))
        ));
        assert!(matches!(
            PartialDate::parse("2019-13"),
            Err(DateError::Month(_, 13))
        ));
        assert!(matches!(
            PartialDate::parse("2019-00"),
            Err(DateError::Month(_, 0))
        ));
        for bad in [
            "",
            "19",
            "2019-1",
            "2019-01-1",
            "2019/01",
            "2019-01-01-01",
            "abcd",
            "+2019",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad:?} should fail");
        }
        assert!(PartialDate::parse("2020-02-29").is_ok());
        assert!(PartialDate::parse("2019-02-29").is_err());
    }
}
