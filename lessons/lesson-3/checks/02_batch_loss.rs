//! Checks for exercise 02: they call only the exercise's public items.
use crate::exercise::*;

fn close(what: &str, expected: f64, got: f64) {
    assert!(
        (expected - got).abs() <= 1e-12,
        "{what}: expected {expected}, got {got}"
    );
}

#[test]
fn loss_of_one_example() {
    // 1/2 · (0.73 − 1)² = 0.03645
    close(
        "example_loss([0.73], [1.0])",
        0.03645,
        example_loss(&[0.73], &[1.0]),
    );
    // 1/2 · ((1 − 0)² + (0 − 2)²) = 2.5
    close(
        "example_loss([1, 0], [0, 2])",
        2.5,
        example_loss(&[1.0, 0.0], &[0.0, 2.0]),
    );
}

#[test]
fn loss_of_a_batch_is_the_mean_over_examples() {
    // 1/(2·2) · (0.5² + 1² + 2² + 0²) = 5.25 / 4
    let p = vec![vec![0.5, 1.0], vec![2.0, 0.0]];
    let y = vec![vec![0.0, 0.0], vec![0.0, 0.0]];
    close("batch_loss of 2 examples", 1.3125, batch_loss(&p, &y));
    // 1/(2·3) · (1 + 0 + 4) = 5/6
    let p = vec![vec![1.0], vec![0.0], vec![0.0]];
    let y = vec![vec![0.0], vec![0.0], vec![2.0]];
    close("batch_loss of 3 examples", 5.0 / 6.0, batch_loss(&p, &y));
}

#[test]
fn batch_of_one_equals_the_example_loss() {
    let p = vec![vec![0.2, 0.9, 0.4]];
    let y = vec![vec![0.0, 1.0, 1.0]];
    // 1/2 · (0.04 + 0.01 + 0.36) = 0.205
    close("batch_loss of one example", 0.205, batch_loss(&p, &y));
}
