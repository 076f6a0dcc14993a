//! Diagnostics: what is wrong with a content file, where, and what was expected.
//!
//! Loading and validation never stop at the first problem; they push every
//! [`Diagnostic`] they find into a list. The command line prints them grouped by
//! file, in the style of the Rust compiler (through `miette`), then a count.
//! Warnings never fail a build unless `--strict` is given.

use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one content file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the content root, with `/` separators.
    pub file: String,
    /// 1-based line and column in the file as the editor saved it, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The field, as a dotted path (`grades.overall`, `quotes[2].text`).
    pub field: Option<String>,
    pub message: String,
    /// What was expected, or a "did you mean".
    pub help: Option<String>,
    /// The file's text (line endings normalised), to quote the offending line.
    pub source: Option<Arc<str>>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            help: None,
            source: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column.max(1));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// [`Diagnostic::help`] when there is one.
    pub fn help_opt(mut self, help: Option<impl Into<String>>) -> Self {
        self.help = help.map(Into::into);
        self
    }

    pub fn source(mut self, source: Arc<str>) -> Self {
        self.source = Some(source);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One plain line: `file:line:col: field: message`, for logs and tests.
    pub fn headline(&self) -> String {
        let mut s = self.file.clone();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s.push_str(": ");
        if let Some(field) = &self.field {
            s.push_str(&format!("`{field}`: "));
        }
        s.push_str(&self.message);
        s
    }

    /// Byte span of the pointed-at line, from the column to the line's end.
    fn span(&self) -> Option<(usize, usize)> {
        let source = self.source.as_deref()?;
        let line = self.line?;
        let start_of_line: usize = source
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        let text = source[start_of_line..].lines().next().unwrap_or("");
        let col = self.column.unwrap_or(1).saturating_sub(1);
        // Columns count characters; find the byte offset of that character.
        let offset = text.char_indices().nth(col).map_or(text.len(), |(i, _)| i);
        let len = text[offset..].trim_end().len().max(1);
        Some((
            start_of_line + offset,
            len.min(source.len().saturating_sub(start_of_line + offset)),
        ))
    }
}

/// The pieces miette needs to draw one diagnostic with its quoted line.
#[derive(Debug)]
struct Drawn<'a> {
    diag: &'a Diagnostic,
    source: Option<NamedSource<String>>,
}

impl fmt::Display for Drawn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(field) = &self.diag.field {
            write!(f, "`{field}`: ")?;
        }
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for Drawn<'_> {}

impl miette::Diagnostic for Drawn<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let (start, len) = self.diag.span()?;
        let label = self
            .diag
            .field
            .clone()
            .unwrap_or_else(|| "here".to_string());
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(label),
            start,
            len,
        ))))
    }
}

/// Renders every diagnostic, grouped by file and in line order, then a count.
pub fn render_all(diags: &[Diagnostic], color: bool) -> String {
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.file, a.line, a.severity, &a.field).cmp(&(&b.file, b.line, b.severity, &b.field))
    });
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    let mut out = String::new();
    let mut current_file: Option<&str> = None;
    for d in &sorted {
        if current_file != Some(d.file.as_str()) {
            out.push_str(&format!("\n{}\n", d.file));
            current_file = Some(&d.file);
        }
        out.push_str(&format!("  {}: {}\n", label(d.severity), d.headline()));
        let drawn = Drawn {
            diag: d,
            source: match (&d.source, d.line) {
                (Some(text), Some(_)) => {
                    Some(NamedSource::new(d.file.clone(), text.to_string()).with_language("yaml"))
                }
                _ => None,
            },
        };
        let mut buf = String::new();
        if handler.render_report(&mut buf, &drawn).is_ok() {
            for line in buf.lines() {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let files = {
        let mut f: Vec<&str> = diags.iter().map(|d| d.file.as_str()).collect();
        f.sort_unstable();
        f.dedup();
        f.len()
    };
    out.push_str(&format!(
        "\n{} {}, {} {} in {} {}\n",
        errors,
        plural(errors, "error", "errors"),
        warnings,
        plural(warnings, "warning", "warnings"),
        files,
        plural(files, "file", "files")
    ));
    out
}

fn label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The one wording of a suggestion: "did you mean `x`? " when `typed` is
/// close to one of `known`, else nothing. Put before the list of what is known.
pub fn hint<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(typed, known)
        .map(|h| format!("did you mean `{h}`? "))
        .unwrap_or_default()
}

/// The known name closest to a mistyped one, when it is close enough to suggest.
pub fn did_you_mean<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(typed, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let known = ["published", "framework", "grades"];
        assert_eq!(did_you_mean("publshed", known), Some("published"));
        assert_eq!(did_you_mean("framwork", known), Some("framework"));
        assert_eq!(did_you_mean("zzz", known), None);
    }

    #[test]
    fn renders_file_line_field_and_quoted_line() {
        let src: Arc<str> = Arc::from("---\nframework: ilacs\ngrades:\n  overall: grate\n---\n");
        let d = Diagnostic::error("authorities/a/inspections/x.md", "unknown grade `grate`")
            .field("grades.overall")
            .at(4, 12)
            .help("allowed: good, inadequate")
            .source(src);
        let text = render_all(&[d], false);
        assert!(
            text.contains(
                "authorities/a/inspections/x.md:4:12: `grades.overall`: unknown grade `grate`"
            ),
            "{text}"
        );
        assert!(text.contains("overall: grate"), "quotes the line: {text}");
        assert!(text.contains("allowed: good, inadequate"), "{text}");
        assert!(text.contains("1 error, 0 warnings in 1 file"), "{text}");
    }
}
