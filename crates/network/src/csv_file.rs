//! Datasets read from CSV files (the `files` feature): `features` columns of
//! inputs, then the target columns.

use crate::{Dataset, Error, Result};
use ndarray::{Array2, Axis};
use std::path::Path;

impl Dataset {
    /// Reads a CSV file: `features` columns of inputs, then the target
    /// columns (all the rest). A first line without any number is a header
    /// and is skipped; lines starting with `#` are comments.
    ///
    /// # Errors
    /// [`Error::Io`] when the file can't be opened, [`Error::Csv`] naming the
    /// line of a field that is not a finite number or of a row with another
    /// number of columns, [`Error::NoExamples`] for a file without data.
    pub fn from_csv(path: impl AsRef<Path>, features: usize) -> Result<Self> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::read_csv(file, features, &path.display().to_string())
    }

    /// Reads CSV data from `reader` as [`from_csv`](Self::from_csv) does;
    /// `name` names the input in errors.
    ///
    /// ```
    /// let csv = "x1,x2,y\n0,0,0\n0,1,1\n";
    /// let data = network::Dataset::read_csv(csv.as_bytes(), 2, "xor.csv")?;
    /// assert_eq!(data.x.dim(), (2, 2));
    /// assert_eq!(data.y.column(0).to_vec(), vec![0.0, 1.0]);
    ///
    /// let error = network::Dataset::read_csv("0,0,0\n0,x,1\n".as_bytes(), 2, "bad.csv").unwrap_err();
    /// assert_eq!(error.to_string(), "bad.csv: line 2: column 2: `x` is not a number");
    /// # Ok::<(), network::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`from_csv`](Self::from_csv).
    pub fn read_csv(reader: impl std::io::Read, features: usize, name: &str) -> Result<Self> {
        let error = |line: u64, message: String| Error::Csv {
            path: name.to_string(),
            line,
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .from_reader(reader);
        let mut values = Vec::new();
        let mut columns: Option<(usize, u64)> = None;
        for (index, record) in reader.records().enumerate() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, csv::Position::line);
                error(line, e.to_string())
            })?;
            let line = record
                .position()
                .map_or(index as u64 + 1, csv::Position::line);
            if record.iter().all(str::is_empty) {
                continue;
            }
            let no_number = record.iter().all(|field| field.parse::<f64>().is_err());
            if columns.is_none() && no_number {
                continue; // the header
            }
            check_width(&mut columns, record.len(), features, line).map_err(|m| error(line, m))?;
            push_numbers(&record, &mut values).map_err(|m| error(line, m))?;
        }
        let Some((width, _)) = columns else {
            return Err(Error::NoExamples);
        };
        let table = Array2::from_shape_vec((values.len() / width, width), values)
            .expect("every row has `width` values");
        let (x, y) = table.view().split_at(Axis(1), features);
        Ok(Dataset {
            x: x.to_owned(),
            y: y.to_owned(),
        })
    }
}

/// Checks a CSV row's width: the first row sets it (features plus at least
/// one target), every later row must have as many columns.
fn check_width(
    columns: &mut Option<(usize, u64)>,
    width: usize,
    features: usize,
    line: u64,
) -> std::result::Result<(), String> {
    match *columns {
        None if width <= features => Err(format!(
            "found {width} columns but expected {features} feature columns and at least 1 target column"
        )),
        None => {
            *columns = Some((width, line));
            Ok(())
        }
        Some((expected, first)) if width != expected => Err(format!(
            "found {width} columns but line {first} has {expected}"
        )),
        Some(_) => Ok(()),
    }
}

/// Appends a CSV row's fields to `values`, or says which one is not a finite number.
fn push_numbers(
    record: &csv::StringRecord,
    values: &mut Vec<f64>,
) -> std::result::Result<(), String> {
    for (column, field) in record.iter().enumerate() {
        match field.parse::<f64>() {
            Ok(value) if value.is_finite() => values.push(value),
            Ok(_) => {
                return Err(format!(
                    "column {}: `{field}` is not a finite number",
                    column + 1
                ));
            }
            Err(_) => return Err(format!("column {}: `{field}` is not a number", column + 1)),
        }
    }
    Ok(())
}
