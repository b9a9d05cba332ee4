//! The mutator: small changes to the syntax tree of a solution, each one a
//! plausible mistake (an operator, a constant, a dropped term, call or
//! statement, swapped arguments, an ignored parameter, an empty body).

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};
use syn::{BinOp, Block, Expr, FnArg, Lit, Pat, ReturnType, Signature, Stmt, Type, parse_quote};

/// One changed copy of a solution.
#[derive(Debug, Clone, PartialEq)]
pub struct Mutant {
    /// What was changed and where, e.g. ``step: replace `-` with `+` in `theta - learning_rate * grad` ``.
    pub description: String,
    /// The whole changed file, printed by prettyplease.
    pub source: String,
}

/// A solution and every mutant of it.
#[derive(Debug, Clone)]
pub struct Mutants {
    /// The unchanged file printed the same way as the mutants, so a diff shows only the change.
    pub original: String,
    /// The mutants in source order; none equals the original or another mutant.
    pub mutants: Vec<Mutant>,
}

/// Every mutant of the Rust file `source`, in source order.
///
/// ```
/// let all = mutants::generate("pub fn step(theta: f64, grad: f64, learning_rate: f64) -> f64 {\n    theta - learning_rate * grad\n}\n").unwrap();
/// let descriptions: Vec<&str> = all.mutants.iter().map(|m| m.description.as_str()).collect();
/// assert!(descriptions.contains(&"step: replace `-` with `+` in `theta - learning_rate * grad`"));
/// assert!(descriptions.contains(&"step: ignore the parameter `grad`"));
/// assert!(all.mutants.iter().all(|m| m.source != all.original));
/// ```
///
/// # Errors
/// The parser's message when `source` is not a Rust file.
pub fn generate(source: &str) -> Result<Mutants, syn::Error> {
    let file = syn::parse_file(source)?;
    let original = prettyplease::unparse(&file);
    let mut collector = Mutator::new(None);
    collector.visit_file_mut(&mut file.clone());
    let mut seen = std::collections::HashSet::new();
    seen.insert(original.clone());
    let mut mutants = Vec::new();
    let mut counts = std::collections::HashMap::new();
    for found in collector.found {
        let mut copy = file.clone();
        Mutator::new(Some((found.site, found.alternative))).visit_file_mut(&mut copy);
        let text = prettyplease::unparse(&copy);
        if !seen.insert(text.clone()) {
            continue;
        }
        let count = counts.entry(found.description.clone()).or_insert(0);
        *count += 1;
        let description = match *count {
            1 => found.description,
            n => format!("{} (#{n})", found.description),
        };
        mutants.push(Mutant {
            description,
            source: text,
        });
    }
    Ok(Mutants { original, mutants })
}

/// At most `cap` of `mutants`, spread evenly over the file (always the same ones).
///
/// ```
/// let picked = mutants::select((0..10).collect(), 4);
/// assert_eq!(picked, vec![0, 2, 5, 7]);
/// ```
pub fn select<T>(mutants: Vec<T>, cap: usize) -> Vec<T> {
    let total = mutants.len();
    if total <= cap {
        return mutants;
    }
    let picked: std::collections::HashSet<usize> = (0..cap).map(|i| i * total / cap).collect();
    mutants
        .into_iter()
        .enumerate()
        .filter(|(i, _)| picked.contains(i))
        .map(|(_, m)| m)
        .collect()
}

/// A place that can be changed, found while collecting.
struct Found {
    site: usize,
    alternative: usize,
    description: String,
}

/// Walks the syntax tree numbering every site; collects them (`target` is
/// `None`) or applies alternative `target.1` at site `target.0`.
struct Mutator {
    target: Option<(usize, usize)>,
    site: usize,
    function: String,
    found: Vec<Found>,
}

impl Mutator {
    fn new(target: Option<(usize, usize)>) -> Self {
        Mutator {
            target,
            site: 0,
            function: String::new(),
            found: Vec::new(),
        }
    }

    /// One site with its alternatives: records them, or puts the targeted one in place.
    fn offer<T>(&mut self, node: &mut T, alternatives: Vec<(String, T)>) {
        for (i, (description, replacement)) in alternatives.into_iter().enumerate() {
            match self.target {
                None => self.found.push(Found {
                    site: self.site,
                    alternative: i,
                    description: format!("{}: {description}", self.function),
                }),
                Some(target) if target == (self.site, i) => *node = replacement,
                Some(_) => {}
            }
        }
        self.site += 1;
    }

    /// The body replaced by a default value, and each parameter ignored.
    fn function(&mut self, signature: &Signature, block: &mut Block) {
        self.function = signature.ident.to_string();
        let mut bodies: Vec<(String, Block)> = Vec::new();
        match &signature.output {
            ReturnType::Default if !block.stmts.is_empty() => {
                bodies.push(("replace the body with `{}`".into(), parse_quote!({})));
            }
            ReturnType::Default => {}
            ReturnType::Type(_, ty) => {
                bodies.push((
                    "replace the body with `Default::default()`".into(),
                    parse_quote!({ Default::default() }),
                ));
                if render(ty) == "f64" {
                    bodies.push(("replace the body with `1.0`".into(), parse_quote!({ 1.0 })));
                }
            }
        }
        for input in &signature.inputs {
            if let Some((name, ignored)) = ignore(input) {
                let mut body = block.clone();
                body.stmts.insert(0, ignored);
                bodies.push((format!("ignore the parameter `{name}`"), body));
            }
        }
        self.offer(block, bodies);
    }
}

/// `let name: T = Default::default();` for a parameter `name: T`, when a default exists.
fn ignore(input: &FnArg) -> Option<(String, Stmt)> {
    let FnArg::Typed(typed) = input else {
        return None;
    };
    let Pat::Ident(ident) = typed.pat.as_ref() else {
        return None;
    };
    let name = &ident.ident;
    let ty = typed.ty.as_ref();
    let value: Expr = match ty {
        Type::ImplTrait(_) => return None,
        Type::Reference(r) if r.mutability.is_some() => return None,
        Type::Reference(r) if matches!(r.elem.as_ref(), Type::Slice(_)) => parse_quote!(&[]),
        Type::Reference(_) => parse_quote!(&Default::default()),
        _ => parse_quote!(Default::default()),
    };
    Some((name.to_string(), parse_quote!(let #name: #ty = #value;)))
}

impl VisitMut for Mutator {
    fn visit_item_fn_mut(&mut self, item: &mut syn::ItemFn) {
        self.function(&item.sig, &mut item.block);
        visit_mut::visit_item_fn_mut(self, item);
    }

    fn visit_impl_item_fn_mut(&mut self, item: &mut syn::ImplItemFn) {
        self.function(&item.sig, &mut item.block);
        visit_mut::visit_impl_item_fn_mut(self, item);
    }

    fn visit_item_mod_mut(&mut self, _module: &mut syn::ItemMod) {
        // Inline modules (tests) are not the solution.
    }

    fn visit_block_mut(&mut self, block: &mut Block) {
        let mut deletions = Vec::new();
        for (i, stmt) in block.stmts.iter().enumerate() {
            if let Stmt::Expr(expr, Some(_)) = stmt {
                let mut fewer = block.clone();
                fewer.stmts.remove(i);
                deletions.push((format!("delete the statement `{}`", render(expr)), fewer));
            }
        }
        self.offer(block, deletions);
        visit_mut::visit_block_mut(self, block);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        let alternatives = alternatives(expr);
        self.offer(expr, alternatives);
        visit_mut::visit_expr_mut(self, expr);
    }
}

/// The mutants of one expression, each with its description.
fn alternatives(expr: &Expr) -> Vec<(String, Expr)> {
    let shown = render(expr);
    match expr {
        Expr::Binary(binary) => binary_operation(binary, &shown),
        Expr::Lit(lit) => constants(&lit.lit)
            .into_iter()
            .map(|new| (format!("replace `{shown}` with `{}`", render(&new)), new))
            .collect(),
        Expr::Unary(unary) if !matches!(unary.op, syn::UnOp::Deref(_)) => vec![(
            format!("drop `{}` from `{shown}`", render(&unary.op)),
            (*unary.expr).clone(),
        )],
        Expr::MethodCall(call) => method_call(call, &shown),
        Expr::Call(call) => function_call(call, &shown),
        _ => Vec::new(),
    }
}

/// Another operator (`a + b` → `a - b`), `=` for `+=` and `-=`, and a sum or
/// difference that keeps one of its terms.
fn binary_operation(binary: &syn::ExprBinary, shown: &str) -> Vec<(String, Expr)> {
    let mut out = Vec::new();
    for op in replacements(&binary.op) {
        let mut changed = binary.clone();
        changed.op = op;
        let description = format!(
            "replace `{}` with `{}` in `{shown}`",
            render(&binary.op),
            render(&op)
        );
        out.push((description, parenthesized(Expr::Binary(changed))));
    }
    if matches!(binary.op, BinOp::AddAssign(_) | BinOp::SubAssign(_)) {
        let (left, right) = (&binary.left, &binary.right);
        out.push((
            format!("replace `{}` with `=` in `{shown}`", render(&binary.op)),
            parse_quote!(#left = #right),
        ));
    }
    if matches!(binary.op, BinOp::Add(_) | BinOp::Sub(_)) {
        for (side, term) in [("left", &binary.left), ("right", &binary.right)] {
            out.push((
                format!("keep only the {side} term of `{shown}`"),
                parenthesized((**term).clone()),
            ));
        }
    }
    out
}

/// A call replaced by its first argument (`f(x)` → `x`), and each pair of
/// neighbouring arguments swapped.
fn function_call(call: &syn::ExprCall, shown: &str) -> Vec<(String, Expr)> {
    let mut out = Vec::new();
    if let Some(first) = call.args.first() {
        out.push((
            format!("replace `{shown}` with its first argument"),
            parenthesized(first.clone()),
        ));
    }
    for i in 1..call.args.len() {
        let mut swapped = call.clone();
        let args: Vec<Expr> = call.args.iter().cloned().collect();
        for (k, arg) in swapped.args.iter_mut().enumerate() {
            if k == i - 1 {
                *arg = args[i].clone();
            } else if k == i {
                *arg = args[i - 1].clone();
            }
        }
        out.push((
            format!("swap arguments {} and {} of `{shown}`", i, i + 1),
            Expr::Call(swapped),
        ));
    }
    out
}

/// The operators a mistake may put in place of `op`.
fn replacements(op: &BinOp) -> Vec<BinOp> {
    match op {
        BinOp::Add(_) => vec![parse_quote!(-), parse_quote!(*)],
        BinOp::Sub(_) => vec![parse_quote!(+), parse_quote!(/)],
        BinOp::Mul(_) => vec![parse_quote!(/), parse_quote!(+)],
        BinOp::Div(_) => vec![parse_quote!(*), parse_quote!(-)],
        BinOp::Lt(_) => vec![parse_quote!(<=), parse_quote!(>)],
        BinOp::Le(_) => vec![parse_quote!(<), parse_quote!(>)],
        BinOp::Gt(_) => vec![parse_quote!(>=), parse_quote!(<)],
        BinOp::Ge(_) => vec![parse_quote!(>), parse_quote!(<)],
        BinOp::Eq(_) => vec![parse_quote!(!=)],
        BinOp::Ne(_) => vec![parse_quote!(==)],
        BinOp::And(_) => vec![parse_quote!(||)],
        BinOp::Or(_) => vec![parse_quote!(&&)],
        BinOp::AddAssign(_) => vec![parse_quote!(-=)],
        BinOp::SubAssign(_) => vec![parse_quote!(+=)],
        BinOp::MulAssign(_) => vec![parse_quote!(/=)],
        BinOp::DivAssign(_) => vec![parse_quote!(*=)],
        _ => Vec::new(),
    }
}

/// Other values for a number: 0 becomes 1, any other becomes 0 and itself + 1.
fn constants(lit: &Lit) -> Vec<Expr> {
    match lit {
        Lit::Float(float) => {
            let Ok(value) = float.base10_parse::<f64>() else {
                return Vec::new();
            };
            let suffix = float.suffix();
            let make = |v: f64| -> Expr {
                let text = format!("{v:?}{suffix}");
                syn::parse_str(&text).unwrap_or_else(|_| parse_quote!(0.0))
            };
            if value == 0.0 {
                vec![make(1.0)]
            } else {
                vec![make(0.0), make(value + 1.0)]
            }
        }
        Lit::Int(int) => {
            let Ok(value) = int.base10_parse::<u64>() else {
                return Vec::new();
            };
            let suffix = int.suffix();
            let make = |v: u64| -> Expr {
                syn::parse_str(&format!("{v}{suffix}")).unwrap_or_else(|_| parse_quote!(0))
            };
            if value == 0 {
                vec![make(1)]
            } else {
                vec![make(0), make(value + 1)]
            }
        }
        _ => Vec::new(),
    }
}

/// Methods whose result has the type of their receiver: dropping the call compiles.
const SAME_TYPE: &[&str] = &[
    "abs",
    "exp",
    "ln",
    "sqrt",
    "powi",
    "powf",
    "max",
    "min",
    "rev",
    "t",
    "reversed_axes",
];

/// A dropped call (`x.exp()` → `x`), a sum that keeps its first term, swapped
/// arguments of a two-argument method.
fn method_call(call: &syn::ExprMethodCall, shown: &str) -> Vec<(String, Expr)> {
    let method = call.method.to_string();
    let mut out = Vec::new();
    if SAME_TYPE.contains(&method.as_str()) {
        out.push((
            format!("drop the call `.{method}(…)` in `{shown}`"),
            parenthesized((*call.receiver).clone()),
        ));
    }
    if method == "sum" {
        let receiver = &call.receiver;
        out.push((
            format!("keep only the first term of `{shown}`"),
            parse_quote!(#receiver.next().unwrap_or_default()),
        ));
    }
    if call.args.len() == 2 {
        let mut swapped = call.clone();
        let args: Vec<Expr> = call.args.iter().cloned().collect();
        for (arg, new) in swapped.args.iter_mut().zip(args.iter().rev()) {
            *arg = new.clone();
        }
        out.push((
            format!("swap the arguments of `{shown}`"),
            Expr::MethodCall(swapped),
        ));
    }
    out
}

/// `expr` in parentheses unless it is a single token tree already.
fn parenthesized(expr: Expr) -> Expr {
    match expr {
        Expr::Lit(_) | Expr::Path(_) | Expr::Paren(_) | Expr::Call(_) | Expr::MethodCall(_) => expr,
        other => parse_quote!((#other)),
    }
}

/// A short one-line rendering of a piece of syntax, for descriptions.
fn render(node: &impl ToTokens) -> String {
    let tokens: TokenStream = node.to_token_stream();
    let mut text = tokens.to_string();
    for (from, to) in [
        (" . ", "."),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        (" ,", ","),
        (" :: ", "::"),
        (" [", "["),
        ("[ ", "["),
        (" ]", "]"),
        ("& ", "&"),
        ("! ", "!"),
        ("|| ", "||"),
        (" ;", ";"),
    ] {
        text = text.replace(from, to);
    }
    const LONGEST: usize = 60;
    match text.char_indices().nth(LONGEST) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEP: &str = "pub fn step(theta: f64, grad: f64, learning_rate: f64) -> f64 {\n    theta - learning_rate * grad\n}\n";

    fn descriptions(source: &str) -> Vec<String> {
        generate(source)
            .unwrap()
            .mutants
            .into_iter()
            .map(|m| m.description)
            .collect()
    }

    #[test]
    fn every_kind_of_change_is_made() {
        let all = descriptions(STEP);
        for expected in [
            "step: replace the body with `Default::default()`",
            "step: replace the body with `1.0`",
            "step: ignore the parameter `theta`",
            "step: replace `-` with `+` in `theta - learning_rate * grad`",
            "step: keep only the left term of `theta - learning_rate * grad`",
            "step: replace `*` with `/` in `learning_rate * grad`",
        ] {
            assert!(
                all.iter().any(|d| d == expected),
                "no `{expected}` in {all:?}"
            );
        }
    }

    #[test]
    fn a_mutant_changes_exactly_what_it_says() {
        let all = generate(STEP).unwrap();
        let plus = all
            .mutants
            .iter()
            .find(|m| {
                m.description == "step: replace `-` with `+` in `theta - learning_rate * grad`"
            })
            .unwrap();
        assert!(
            plus.source.contains("theta + learning_rate * grad"),
            "{}",
            plus.source
        );
        let dropped = all
            .mutants
            .iter()
            .find(|m| {
                m.description == "step: keep only the left term of `theta - learning_rate * grad`"
            })
            .unwrap();
        assert!(
            dropped.source.contains("{\n    theta\n}"),
            "{}",
            dropped.source
        );
    }

    #[test]
    fn statements_constants_calls_and_arguments_are_changed() {
        let source = "fn f(a: f64, b: f64) -> f64 { a.max(b) }\n\
            pub fn g(v: &mut Vec<f64>, x: f64) { v.push(f(x, 2.0)); v.push(x.exp()); }\n";
        let all = descriptions(source);
        for expected in [
            "f: drop the call `.max(…)` in `a.max(b)`",
            "g: delete the statement `v.push(f(x, 2.0))`",
            "g: replace `2.0` with `0.0`",
            "g: replace `2.0` with `3.0`",
            "g: swap arguments 1 and 2 of `f(x, 2.0)`",
            "g: replace `f(x, 2.0)` with its first argument",
            "g: drop the call `.exp(…)` in `x.exp()`",
            "g: replace the body with `{}`",
        ] {
            assert!(
                all.iter().any(|d| d == expected),
                "no `{expected}` in {all:?}"
            );
        }
        // `v: &mut Vec<f64>` has no default to ignore it with.
        assert!(!all.iter().any(|d| d.contains("parameter `v`")));
    }

    #[test]
    fn mutants_are_distinct_and_descriptions_unique() {
        let source = "pub fn h(x: f64) -> f64 { x * 2.0 + x * 2.0 }\n";
        let all = generate(source).unwrap();
        let sources: std::collections::HashSet<_> = all.mutants.iter().map(|m| &m.source).collect();
        assert_eq!(sources.len(), all.mutants.len());
        let names: std::collections::HashSet<_> =
            all.mutants.iter().map(|m| &m.description).collect();
        assert_eq!(names.len(), all.mutants.len());
        assert!(names.iter().any(|d| d.ends_with("(#2)")), "{names:?}");
    }

    #[test]
    fn a_replaced_operator_keeps_the_tree_not_the_text() {
        // `a - b * c` with `*` → `+` must read `a - (b + c)`, not `a - b + c`.
        let all = generate("pub fn k(a: f64, b: f64, c: f64) -> f64 { a - b * c }\n").unwrap();
        let m = all
            .mutants
            .iter()
            .find(|m| m.description == "k: replace `*` with `+` in `b * c`")
            .unwrap();
        assert!(m.source.contains("a - (b + c)"), "{}", m.source);
    }

    #[test]
    fn select_is_even_and_keeps_small_sets() {
        assert_eq!(select(vec![1, 2, 3], 5), vec![1, 2, 3]);
        assert_eq!(select((0..100).collect::<Vec<_>>(), 3), vec![0, 33, 66]);
    }
}
