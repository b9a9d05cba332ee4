//! The capacity table of `cargo lab bench hub`: one row per class size,
//! printed and written into `docs/class-server.md` between two markers.

use crate::load::Student;
use anyhow::{Context, Result, bail};
use std::path::Path;

/// The line before the table in the docs.
pub const BEGIN: &str = "<!-- cargo lab bench hub: begin -->";
/// The line after the table in the docs.
pub const END: &str = "<!-- cargo lab bench hub: end -->";

const MIB: f64 = 1024.0 * 1024.0;

/// One class size's figures: medians over the students, percentiles over
/// every cell of every student.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// How many students.
    pub students: usize,
    /// The machine's 1-minute load average just before the run.
    pub load_before: f64,
    /// A kernel's memory (PSS) before the first cell (started, warmed up), MiB.
    pub kernel_idle: f64,
    /// A kernel's memory after the notebook, MiB.
    pub kernel_after: f64,
    /// A student's Jupyter server's memory, MiB.
    pub server: f64,
    /// A student's folder after the notebook (the kernel's build included), MiB.
    pub disk: f64,
    /// The median time until a student's server answered, seconds.
    pub spawn: f64,
    /// The median cell, seconds.
    pub cell_median: f64,
    /// The 95th percentile cell, seconds.
    pub cell_p95: f64,
    /// The cells that failed or never ran, of `students × cells`.
    pub failed: usize,
    /// The kernels that died and were restarted, over all students.
    pub restarts: usize,
}

impl Row {
    /// The row of a class of `students.len()` students, each meant to run
    /// `cells` cells.
    pub fn new(students: &[Student], cells: usize, load_before: f64) -> Self {
        let median_of = |value: fn(&Student) -> f64| {
            percentile(
                students.iter().filter(|s| s.error.is_none()).map(value),
                0.5,
            )
        };
        let times = students.iter().flat_map(|s| &s.cells).map(|c| c.seconds);
        let passed = students
            .iter()
            .flat_map(|s| &s.cells)
            .filter(|c| c.passed())
            .count();
        Self {
            students: students.len(),
            load_before,
            kernel_idle: median_of(|s| s.kernel_idle_bytes as f64 / MIB),
            kernel_after: median_of(|s| s.kernel_after_bytes as f64 / MIB),
            server: median_of(|s| s.server_bytes as f64 / MIB),
            disk: median_of(|s| s.disk_bytes as f64 / MIB),
            spawn: median_of(|s| s.spawn_seconds),
            cell_median: percentile(times.clone(), 0.5),
            cell_p95: percentile(times, 0.95),
            failed: students.len() * cells - passed,
            restarts: students.iter().map(|s| s.restarts).sum(),
        }
    }
}

/// The nearest-rank percentile `p` (0 < p ≤ 1) of `values`; 0 when empty.
pub fn percentile(values: impl Iterator<Item = f64>, p: f64) -> f64 {
    let mut sorted: Vec<f64> = values.collect();
    if sorted.is_empty() {
        return 0.0;
    }
    sorted.sort_by(f64::total_cmp);
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The rows as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut text = String::from(
        "| students | load before | kernel idle (MiB) | kernel after notebook (MiB) \
         | server (MiB) | disk per student (MiB) | server start (s) | cell median (s) \
         | cell p95 (s) | failed cells | kernel restarts |\n\
         | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for row in rows {
        text.push_str(&format!(
            "| {} | {:.1} | {:.0} | {:.0} | {:.0} | {:.0} | {:.1} | {:.2} | {:.2} | {} | {} |\n",
            row.students,
            row.load_before,
            row.kernel_idle,
            row.kernel_after,
            row.server,
            row.disk,
            row.spawn,
            row.cell_median,
            row.cell_p95,
            row.failed,
            row.restarts
        ));
    }
    text
}

/// Memory and disk for `students` students all active at once, from the
/// largest class measured: (GiB of memory, GiB of disk).
pub fn sizing(rows: &[Row], students: usize) -> Option<(f64, f64)> {
    let row = rows.iter().max_by_key(|row| row.students)?;
    let per_student = row.kernel_after + row.server;
    Some((
        students as f64 * per_student / 1024.0,
        students as f64 * row.disk / 1024.0,
    ))
}

/// Replaces the text between [`BEGIN`] and [`END`] in `file` by `text`.
///
/// # Errors
/// When the file cannot be read or written, or lacks the markers.
pub fn write_between_markers(file: &Path, text: &str) -> Result<()> {
    let current =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let (Some(begin), Some(end)) = (current.find(BEGIN), current.find(END)) else {
        bail!("{} has no {BEGIN} … {END} markers", file.display());
    };
    if end < begin {
        bail!("{}: {END} comes before {BEGIN}", file.display());
    }
    let updated = format!("{}{BEGIN}\n{text}{}", &current[..begin], &current[end..]);
    std::fs::write(file, updated).with_context(|| format!("cannot write {}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_rank_percentile_of_ten_values() {
        let values = (1..=10).map(f64::from);
        assert_eq!(percentile(values.clone(), 0.5), 5.0);
        assert_eq!(percentile(values.clone(), 0.95), 10.0);
        assert_eq!(percentile(values, 0.1), 1.0);
        assert_eq!(percentile(std::iter::empty(), 0.5), 0.0);
    }

    #[test]
    fn the_table_replaces_only_the_text_between_the_markers() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("doc.md");
        std::fs::write(&file, format!("before\n{BEGIN}\nold\n{END}\nafter\n")).unwrap();
        write_between_markers(&file, "new\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            format!("before\n{BEGIN}\nnew\n{END}\nafter\n")
        );
        std::fs::write(&file, "no markers\n").unwrap();
        assert!(write_between_markers(&file, "new\n").is_err());
    }
}
