//! The frameworks page: every grade scale and inspection framework.

use serde::Serialize;

use super::{GradeView, Layout, Views};
use crate::content::Framework;
use crate::site::rating::{NOT_GRADED, grades_of};
use crate::site::urls::rel;

#[derive(Serialize)]
pub struct ScaleView<'a> {
    pub id: &'a str,
    pub grades: Vec<GradeView<'a>>,
}

#[derive(Serialize)]
pub struct FrameworkView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short: &'a str,
    pub scale: Option<&'a str>,
    /// The words shown when it has no `scale`: its inspections give no
    /// grades ([`NOT_GRADED`]).
    pub ungraded: &'static str,
    pub judgements: Vec<(&'a str, &'a str)>,
    /// Its own page, `/frameworks/<id>/`.
    pub url: String,
}

impl<'a> FrameworkView<'a> {
    pub fn of(f: &'a Framework, url: String) -> FrameworkView<'a> {
        FrameworkView {
            id: &f.id,
            name: &f.name,
            short: &f.short,
            scale: f.scale.as_deref(),
            ungraded: NOT_GRADED,
            judgements: f
                .judgements
                .iter()
                .map(|j| (j.key.as_str(), j.label.as_str()))
                .collect(),
            url,
        }
    }
}

#[derive(Serialize)]
pub struct FrameworksCx<'a> {
    pub layout: Layout<'a>,
    pub scales: Vec<ScaleView<'a>>,
    pub frameworks: Vec<FrameworkView<'a>>,
}

impl Views<'_, '_> {
    pub fn frameworks(&self) -> FrameworksCx<'_> {
        let fw = &self.site.content.frameworks;
        FrameworksCx {
            layout: self.layout(
                "Inspection frameworks and grades".into(),
                "frameworks",
                Some(&rel::frameworks()),
                vec![self.home_crumb()],
            ),
            scales: fw
                .scales
                .iter()
                .map(|s| ScaleView {
                    id: &s.id,
                    grades: grades_of(s).map(GradeView::from).collect(),
                })
                .collect(),
            frameworks: fw
                .frameworks
                .iter()
                .map(|f| FrameworkView::of(f, self.link(&rel::framework(&f.id))))
                .collect(),
        }
    }
}
