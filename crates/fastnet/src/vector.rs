//! The loops over whole columns that every epoch runs: σ, y ← y + αx, dot
//! products, sums and δ ∘ σ'. The buffers of [`crate::buffers`] hold one
//! unit's values for all examples side by side, so each loop runs along a
//! contiguous slice, and the compiler turns it into vector instructions that
//! handle 2, 4 or 8 numbers at once.
//!
//! Each loop is compiled several times, for AVX-512, for AVX2 with FMA, for
//! Arm's Neon and for plain x86-64 (SSE2), and [`multiversion`] picks the
//! version the processor supports when the program runs. Where the
//! processor has fused multiply-add, a·b + c is computed with one rounding
//! ([`f64::mul_add`]); without it, `mul_add` would be a slow library call,
//! so a·b + c is computed as written. The loops call no closures: a closure
//! is a function of its own, compiled for plain x86-64 unless the compiler
//! happens to inline it.
//!
//! A forward pass computes one σ per unit and example, 1,000 of them per
//! epoch of the lecture's 2-4-1 network on 200 moons. [`sigmoid`] calls the
//! C library's `exp` once per number; [`sigmoid_in_place`] writes the
//! exponential out without branches, so that it vectorises:
//!
//! 1. x = n ln 2 + r with n = round(x / ln 2) and |r| ≤ ln 2 / 2, so that
//!    eˣ = 2ⁿ eʳ;
//! 2. eʳ from its Taylor series up to r¹²/12!, whose remainder is below
//!    10⁻¹⁶ for such small r;
//! 3. the factor 2ⁿ by adding n to the exponent bits of eʳ.

use multiversion::multiversion;
use multiversion::target::target_cfg_f;
use ndarray::{ArrayView1, ArrayViewMut1, Zip};
use network::sigmoid;

/// a·b + c, with one rounding if `fused` (the processor has FMA).
#[inline(always)]
fn mul_add(a: f64, b: f64, c: f64, fused: bool) -> f64 {
    if fused { a.mul_add(b, c) } else { a * b + c }
}

/// Partial sums kept apart in reductions: floating-point addition is not
/// associative, so the compiler vectorises a sum only when the code itself
/// adds into several accumulators.
const LANES: usize = 16;

/// |x| up to which [`exp_in_range`] holds: 2ⁿ must stay a normal number.
const EXP_RANGE: f64 = 708.0;

/// eˣ for |x| ≤ 708, without branches (outside that range the result is
/// wrong, not an error: callers check the range first).
#[inline(always)]
fn exp_in_range(x: f64, fused: bool) -> f64 {
    // Adding 1.5 · 2⁵² rounds to the nearest integer, which then sits in the
    // low bits of the sum; subtracting it again gives n as a float.
    const ROUND: f64 = 6_755_399_441_055_744.0;
    // ln 2 in two parts: n · LN_2_HI is exact, so r keeps its precision.
    const LN_2_HI: f64 = 0.693_147_180_369_123_8;
    const LN_2_LO: f64 = 1.908_214_929_270_587_7e-10;
    // 1/k! for k = 12, 11, …, 0: the Taylor coefficients, highest first.
    const INVERSE_FACTORIALS: [f64; 13] = [
        1.0 / 479_001_600.0,
        1.0 / 39_916_800.0,
        1.0 / 3_628_800.0,
        1.0 / 362_880.0,
        1.0 / 40_320.0,
        1.0 / 5_040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        1.0 / 2.0,
        1.0,
        1.0,
    ];

    let shifted = mul_add(x, std::f64::consts::LOG2_E, ROUND, fused);
    let n = shifted - ROUND;
    let r = mul_add(-n, LN_2_LO, mul_add(-n, LN_2_HI, x, fused), fused);
    // eʳ = Σ rᵏ/k!, by Horner's scheme.
    let mut e_r = INVERSE_FACTORIALS[0];
    for &c in &INVERSE_FACTORIALS[1..] {
        e_r = mul_add(e_r, r, c, fused);
    }
    // 2ⁿ eʳ: n (the low bits of `shifted`) moved into the exponent field.
    f64::from_bits(e_r.to_bits().wrapping_add(shifted.to_bits() << 52))
}

/// z ← σ(z + b) for every z of a column.
pub(crate) fn add_bias_and_sigmoid(mut column: ArrayViewMut1<f64>, b: f64) {
    if let Some(column) = column.as_slice_mut() {
        return sigmoid_in_place(column, b);
    }
    column.mapv_inplace(|z| sigmoid(z + b));
}

/// y ← α x + β y for two columns; β = 0 ignores what y held (even NaN),
/// as in BLAS.
pub(crate) fn scaled_add(mut y: ArrayViewMut1<f64>, alpha: f64, x: ArrayView1<f64>, beta: f64) {
    if let (Some(y), Some(x)) = (y.as_slice_mut(), x.as_slice()) {
        return scaled_add_slices(y, alpha, x, beta);
    }
    if beta == 0.0 {
        y.fill(0.0);
    } else {
        y *= beta;
    }
    y.scaled_add(alpha, &x);
}

/// The dot product Σ xᵢ yᵢ of two columns.
pub(crate) fn dot(x: ArrayView1<f64>, y: ArrayView1<f64>) -> f64 {
    match (x.as_slice(), y.as_slice()) {
        (Some(x), Some(y)) => dot_slices(x, y),
        _ => x.dot(&y),
    }
}

/// The sum Σ xᵢ of a column.
pub(crate) fn sum(x: ArrayView1<f64>) -> f64 {
    match x.as_slice() {
        Some(x) => sum_slice(x),
        None => x.sum(),
    }
}

/// δ ← δ ∘ σ'(z) for a column of δ, with σ'(z) = a (1 − a) from the
/// column's activations a = σ(z).
pub(crate) fn times_sigmoid_prime(mut delta: ArrayViewMut1<f64>, a: ArrayView1<f64>) {
    if let (Some(delta), Some(a)) = (delta.as_slice_mut(), a.as_slice()) {
        return times_sigmoid_prime_slices(delta, a);
    }
    Zip::from(delta)
        .and(a)
        .for_each(|d, &a| *d *= a * (1.0 - a));
}

/// z ← σ(z + b) for every z of a slice, as [`sigmoid`] computes it.
///
/// A column with a z + b beyond ±708 (a network on its way to diverge) or
/// NaN goes through [`sigmoid`] number by number.
#[multiversion(targets("x86_64+avx512f+avx2+fma", "x86_64+avx2+fma", "aarch64+neon"))]
fn sigmoid_in_place(column: &mut [f64], b: f64) {
    let fused = target_cfg_f!(target_feature = "fma");
    let mut in_range = true;
    for &z in column.iter() {
        in_range &= (z + b).abs() <= EXP_RANGE;
    }
    if in_range {
        for z in column {
            *z = 1.0 / (1.0 + exp_in_range(-(*z + b), fused));
        }
    } else {
        for z in column {
            *z = sigmoid(*z + b);
        }
    }
}

/// y ← α x + β y, on slices.
#[multiversion(targets("x86_64+avx512f+avx2+fma", "x86_64+avx2+fma", "aarch64+neon"))]
fn scaled_add_slices(y: &mut [f64], alpha: f64, x: &[f64], beta: f64) {
    let fused = target_cfg_f!(target_feature = "fma");
    for (y, &x) in y.iter_mut().zip(x) {
        *y = if beta == 0.0 {
            alpha * x
        } else {
            mul_add(alpha, x, beta * *y, fused)
        };
    }
}

/// Σ xᵢ yᵢ, on slices.
#[multiversion(targets("x86_64+avx512f+avx2+fma", "x86_64+avx2+fma", "aarch64+neon"))]
fn dot_slices(x: &[f64], y: &[f64]) -> f64 {
    let fused = target_cfg_f!(target_feature = "fma");
    let (xs, ys) = (x.chunks_exact(LANES), y.chunks_exact(LANES));
    // The products of the last, shorter block start the partial sums.
    let mut sums = [0.0; LANES];
    for (sum, (&x, &y)) in sums
        .iter_mut()
        .zip(xs.remainder().iter().zip(ys.remainder()))
    {
        *sum = x * y;
    }
    for (x, y) in xs.zip(ys) {
        for i in 0..LANES {
            sums[i] = mul_add(x[i], y[i], sums[i], fused);
        }
    }
    add_lanes(sums)
}

/// Σ xᵢ, on a slice.
#[multiversion(targets("x86_64+avx512f+avx2", "x86_64+avx2", "aarch64+neon"))]
fn sum_slice(x: &[f64]) -> f64 {
    let xs = x.chunks_exact(LANES);
    // The last, shorter block starts the partial sums.
    let mut sums = [0.0; LANES];
    for (sum, &x) in sums.iter_mut().zip(xs.remainder()) {
        *sum += x;
    }
    for x in xs {
        for i in 0..LANES {
            sums[i] += x[i];
        }
    }
    add_lanes(sums)
}

/// The sum of the partial sums, added in pairs (a tree of depth 4 rather
/// than a chain of 15 additions, each waiting for the one before).
#[inline(always)]
fn add_lanes(mut sums: [f64; LANES]) -> f64 {
    let mut width = LANES;
    while width > 1 {
        width /= 2;
        for i in 0..width {
            sums[i] += sums[i + width];
        }
    }
    sums[0]
}

/// δ ← δ ∘ a (1 − a).
#[multiversion(targets("x86_64+avx512f+avx2", "x86_64+avx2", "aarch64+neon"))]
fn times_sigmoid_prime_slices(delta: &mut [f64], a: &[f64]) {
    for (d, &a) in delta.iter_mut().zip(a) {
        *d *= a * (1.0 - a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in units of the last place.
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    #[test]
    fn exp_agrees_with_the_c_library_within_two_ulps() {
        let mut worst = (0, 0.0);
        for i in -708_000..=708_000 {
            // Steps of 0.001 plus an irrational offset: every part of each
            // interval between multiples of ln 2 / 2 is visited.
            let x = i as f64 * 1e-3 + std::f64::consts::FRAC_1_SQRT_2 * 1e-4;
            if x.abs() > EXP_RANGE {
                continue;
            }
            let d = ulps(exp_in_range(x, false), x.exp()).max(ulps(exp_in_range(x, true), x.exp()));
            if d > worst.0 {
                worst = (d, x);
            }
        }
        assert!(worst.0 <= 2, "{} ulps at x = {}", worst.0, worst.1);
        assert_eq!(exp_in_range(0.0, false), 1.0);
        assert!(ulps(exp_in_range(1.0, false), std::f64::consts::E) <= 1);
    }

    #[test]
    fn sigmoid_of_a_column_agrees_with_the_formula() {
        let mut zs: Vec<f64> = (-4000..=4000).map(|i| i as f64 * 0.01).collect();
        zs.extend([-707.0, 707.0, 1e-300, -0.0]);
        let mut column = zs.clone();
        sigmoid_in_place(&mut column, 0.5);
        for (&a, &z) in column.iter().zip(&zs) {
            let expected = sigmoid(z + 0.5);
            assert!(
                (a - expected).abs() <= 2.0 * f64::EPSILON * expected,
                "σ({z} + 0.5) = {a}, not {expected}"
            );
        }
        // The slides' neuron: σ(1) ≈ 0.73.
        let mut neuron = [0.5];
        sigmoid_in_place(&mut neuron, 0.5);
        assert!((neuron[0] - 0.73).abs() < 0.005);
    }

    #[test]
    fn columns_out_of_range_take_the_exact_path() {
        let zs = [
            -800.0,
            -708.5,
            0.0,
            708.5,
            800.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        let mut column = zs;
        sigmoid_in_place(&mut column, 0.0);
        assert_eq!(column, zs.map(sigmoid));
        assert_eq!(column[0], 0.0);
        assert_eq!(column[4], 1.0);

        let mut with_nan = [0.0, f64::NAN, 1.0];
        sigmoid_in_place(&mut with_nan, 0.0);
        assert!(with_nan[1].is_nan());
        assert_eq!(with_nan[2], sigmoid(1.0));
    }

    #[test]
    fn column_loops_agree_with_plain_loops_for_every_length() {
        use ndarray::{Array1, s};
        // Lengths around the LANES-wide blocks; every other entry of a
        // longer array is a strided column, which takes ndarray's path.
        for len in 0..3 * LANES + 2 {
            let x = Array1::from_shape_fn(len, |i| (i as f64 * 0.7).sin());
            let y = Array1::from_shape_fn(len, |i| (i as f64 * 0.3).cos() * 0.5 + 0.5);
            let strided = Array1::from_shape_fn(2 * len, |i| x[i / 2]);
            let x_strided = strided.slice(s![..;2]);
            let plain_dot: f64 = x.iter().zip(&y).map(|(x, y)| x * y).sum();
            let plain_sum: f64 = x.iter().sum();
            for x in [x.view(), x_strided] {
                assert!((dot(x, y.view()) - plain_dot).abs() < 1e-13, "dot, {len}");
                assert!((sum(x) - plain_sum).abs() < 1e-13, "sum, {len}");

                for beta in [0.0, 1.0, 0.5] {
                    let mut scaled = y.clone();
                    if beta == 0.0 {
                        scaled.fill(f64::NAN);
                    }
                    scaled_add(scaled.view_mut(), -2.0, x, beta);
                    for ((s, x), y) in scaled.iter().zip(x).zip(&y) {
                        let expected = if beta == 0.0 { 0.0 } else { beta * y } - 2.0 * x;
                        assert!((s - expected).abs() < 1e-15, "scaled_add, {len}, β {beta}");
                    }
                }

                let mut delta = x.to_owned();
                times_sigmoid_prime(delta.view_mut(), y.view());
                for ((d, x), a) in delta.iter().zip(x).zip(&y) {
                    assert_eq!(*d, x * (a * (1.0 - a)), "δ ∘ σ', {len}");
                }

                let mut activations = x.to_owned();
                add_bias_and_sigmoid(activations.view_mut(), 0.25);
                for (a, x) in activations.iter().zip(x) {
                    let expected = sigmoid(x + 0.25);
                    assert!(
                        (a - expected).abs() <= 2.0 * f64::EPSILON * expected,
                        "σ, {len}"
                    );
                }
            }
        }
    }
}
