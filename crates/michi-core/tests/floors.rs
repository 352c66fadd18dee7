//! Floors: nothing imports upward, and no module imports one that imports it back.
//!
//! Two checks over the sources of every crate of the workspace:
//! - **crates**: each `michi-*` crate depends only on crates of a lower floor (the table in
//!   [`FLOORS`], which ARCHITECTURE.md draws);
//! - **modules**: within each crate, the graph of file modules (`a/b.rs` is `a::b`, `a/mod.rs` is
//!   `a`) and what each imports has no circle. A module imports another when it names it in a `use`,
//!   in a path (`crate::x::f()`, `super::Y`) or inside a macro's arguments. A re-export (`pub use`)
//!   is an import by the module that re-exports; naming an item through a re-export counts as
//!   importing the module that defines it, so a facade `mod.rs` does not join its children in a
//!   circle. Inline modules (`mod tests { … }`) belong to their file.
//!
//! A failure lists each circle with the lines that close it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use proc_macro2::{TokenStream, TokenTree};
use syn::spanned::Spanned;
use syn::visit::Visit;

/// Each crate of the workspace and its floor. A crate may depend on crates of lower floors only.
const FLOORS: &[(&str, u8)] = &[
    ("michi-core", 0),
    ("michi-store", 1),
    ("michi-bpmn", 1),
    ("michi-csv", 1),
    ("michi-qda", 1),
    ("michi-render", 1),
    ("michi-store-pg", 1),
    ("michi-app", 2),
    ("michi-workshop", 3),
    ("michi-cli", 4),
    ("michi-desktop", 4),
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// `(package name, manifest dir)` of every member.
fn members() -> Vec<(String, PathBuf)> {
    let root = workspace_root();
    let manifest: toml::Table = fs::read_to_string(root.join("Cargo.toml")).unwrap().parse().unwrap();
    let members = manifest["workspace"]["members"].as_array().unwrap();
    members
        .iter()
        .map(|m| {
            let dir = root.join(m.as_str().unwrap());
            let own: toml::Table = fs::read_to_string(dir.join("Cargo.toml")).unwrap().parse().unwrap();
            (own["package"]["name"].as_str().unwrap().to_string(), dir)
        })
        .collect()
}

#[test]
fn every_crate_depends_only_on_lower_floors() {
    let floor = |name: &str| FLOORS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f);
    let mut wrong = Vec::new();
    for (name, dir) in members() {
        let Some(own) = floor(&name) else {
            wrong.push(format!("{name} has no floor in FLOORS (tests/floors.rs)"));
            continue;
        };
        let manifest: toml::Table = fs::read_to_string(dir.join("Cargo.toml")).unwrap().parse().unwrap();
        // Dev-dependencies may reach up (a test of the store may use the sample of the core, not
        // the other way round, but a bench may well drive the app): only what ships counts.
        for section in ["dependencies", "build-dependencies"] {
            let Some(deps) = manifest.get(section).and_then(|d| d.as_table()) else { continue };
            for dep in deps.keys().filter(|d| d.starts_with("michi-")) {
                match floor(dep) {
                    Some(f) if f < own => {}
                    Some(f) => wrong.push(format!("{name} (floor {own}) depends on {dep} (floor {f})")),
                    None => wrong.push(format!("{name} depends on {dep}, which has no floor")),
                }
            }
        }
    }
    assert!(wrong.is_empty(), "crates that reach up or sideways:\n{}", wrong.join("\n"));
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let mut report = Vec::new();
    for (name, dir) in members() {
        let src = dir.join("src");
        let graph = ModuleGraph::of_crate(&src);
        for circle in graph.circles() {
            report.push(format!("{name}:\n    {circle}"));
        }
    }
    assert!(report.is_empty(), "module circles:\n{}", report.join("\n"));
}

/// The checker must see circles where they are, or passing means nothing.
#[test]
fn the_checker_finds_a_circle_through_a_re_export_and_a_macro() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    fs::create_dir_all(src.join("a")).unwrap();
    fs::write(src.join("lib.rs"), "pub mod a; pub mod b; pub mod c; pub use c::Gamma;").unwrap();
    fs::write(src.join("a/mod.rs"), "mod inner; pub use inner::Alpha;").unwrap();
    fs::write(src.join("a/inner.rs"), "pub struct Alpha; fn f() { let _ = vec![crate::b::beta()]; }").unwrap();
    fs::write(src.join("b.rs"), "pub fn beta() -> crate::a::Alpha { crate::a::Alpha }").unwrap();
    fs::write(src.join("c.rs"), "pub struct Gamma; mod inline { use super::*; }").unwrap();
    let graph = ModuleGraph::of_crate(src);
    let circles = graph.circles();
    assert_eq!(circles.len(), 1, "{circles:?}");
    assert!(circles[0].contains("a::inner") && circles[0].contains('b'), "{circles:?}");
    // `a` re-exports `inner` but does not sit in the circle: `b` reaches `inner` through it.
    assert!(!circles[0].starts_with("a →"), "{circles:?}");

    // Without the macro's call, there is no circle.
    fs::write(src.join("a/inner.rs"), "pub struct Alpha;").unwrap();
    assert!(ModuleGraph::of_crate(src).circles().is_empty());
    // A child that imports its parent's own item, while the parent uses the child: a circle.
    fs::write(src.join("a/mod.rs"), "mod inner; pub struct Top; pub fn g() { inner::h() }").unwrap();
    fs::write(src.join("a/inner.rs"), "use super::Top; pub fn h() {}").unwrap();
    assert_eq!(ModuleGraph::of_crate(src).circles().len(), 1);
}

/// A module path inside one crate, `[]` for the crate root.
type ModPath = Vec<String>;

struct Module {
    file: PathBuf,
    /// Names of items defined here (types, functions, constants, child modules…).
    items: BTreeSet<String>,
    /// Names re-exported here (`pub use x::Y` → `Y` → `x::Y` absolute; a glob keeps `*`).
    reexports: BTreeMap<String, ModPath>,
    globs: Vec<ModPath>,
    /// Every path this module names, absolute, with the line it is on.
    refs: Vec<(ModPath, usize)>,
}

struct ModuleGraph {
    modules: BTreeMap<ModPath, Module>,
}

impl ModuleGraph {
    fn of_crate(src: &Path) -> ModuleGraph {
        let mut modules = BTreeMap::new();
        for file in rust_files(src) {
            let rel = file.strip_prefix(src).unwrap();
            let mut path: ModPath = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
            let last = path.pop().unwrap();
            match last.as_str() {
                "lib.rs" | "main.rs" if path.is_empty() => {}
                "mod.rs" => {}
                other => path.push(other.trim_end_matches(".rs").to_string()),
            }
            // A binary's other roots (src/bin/*.rs) are left out: nothing imports them.
            if path.first().is_some_and(|p| p == "bin") {
                continue;
            }
            let text = fs::read_to_string(&file).unwrap();
            let syntax = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let mut collect = Collect { here: path.clone(), depth: 0, module: Module::new(file.clone()) };
            collect.visit_file(&syntax);
            modules.insert(path, collect.module);
        }
        ModuleGraph { modules }
    }

    /// The file module a resolved path lands in, following re-exports to the defining module.
    fn target(&self, path: &[String]) -> Option<ModPath> {
        let mut seen = 0;
        let mut path = path.to_vec();
        loop {
            let len = (0..=path.len()).rev().find(|&n| self.modules.contains_key(&path[..n]))?;
            let module = &self.modules[&path[..len]];
            let Some(next) = path.get(len) else { return Some(path[..len].to_vec()) };
            seen += 1;
            if seen > 32 || module.items.contains(next) {
                return Some(path[..len].to_vec());
            }
            if let Some(origin) = module.reexports.get(next) {
                let mut followed = origin.clone();
                followed.extend(path[len + 1..].iter().cloned());
                path = followed;
                continue;
            }
            // Through a glob re-export: the first origin that defines or re-exports the name.
            let through_glob = module.globs.iter().find_map(|g| {
                let m = self.modules.get(g)?;
                (m.items.contains(next) || m.reexports.contains_key(next)).then(|| g.clone())
            });
            match through_glob {
                Some(g) => {
                    let mut followed = g;
                    followed.extend(path[len..].iter().cloned());
                    path = followed;
                }
                None => return Some(path[..len].to_vec()),
            }
        }
    }

    /// Circles of modules, each as `a → b (file:line) → a (file:line)`.
    fn circles(&self) -> Vec<String> {
        let names: Vec<&ModPath> = self.modules.keys().collect();
        let index = |p: &ModPath| names.iter().position(|n| *n == p).unwrap();
        let mut graph = DiGraph::<usize, ()>::new();
        let nodes: Vec<_> = (0..names.len()).map(|i| graph.add_node(i)).collect();
        // The first line on which each module names each other module.
        let mut edges: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for (from, module) in &self.modules {
            for (path, line) in &module.refs {
                let Some(to) = self.target(path) else { continue };
                if &to == from {
                    continue;
                }
                let key = (index(from), index(&to));
                if let std::collections::btree_map::Entry::Vacant(v) = edges.entry(key) {
                    v.insert(*line);
                    graph.add_edge(nodes[key.0], nodes[key.1], ());
                }
            }
        }
        let show = |p: &ModPath| if p.is_empty() { "crate".to_string() } else { p.join("::") };
        let mut out = Vec::new();
        for scc in tarjan_scc(&graph) {
            if scc.len() < 2 {
                continue;
            }
            let members: BTreeSet<usize> = scc.iter().map(|n| graph[*n]).collect();
            let lines: Vec<String> = edges
                .iter()
                .filter(|((a, b), _)| members.contains(a) && members.contains(b))
                .map(|((a, b), line)| {
                    let file = self.modules[names[*a]].file.file_name().unwrap().to_string_lossy().into_owned();
                    format!("{} → {}  ({}:{line})", show(names[*a]), show(names[*b]), file)
                })
                .collect();
            out.push(lines.join("\n    "));
        }
        out
    }
}

fn is_cfg_test(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("cfg") && attr.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

impl Module {
    fn new(file: PathBuf) -> Module {
        Module { file, items: BTreeSet::new(), reexports: BTreeMap::new(), globs: Vec::new(), refs: Vec::new() }
    }
}

struct Collect {
    /// The file module.
    here: ModPath,
    /// How deep inside inline modules of the file (`super` climbs those first).
    depth: usize,
    module: Module,
}

impl Collect {
    /// An absolute path for `segments` as written here, or None for another crate's path.
    fn resolve(&self, segments: &[String]) -> Option<ModPath> {
        let first = segments.first()?;
        match first.as_str() {
            "crate" => Some(segments[1..].to_vec()),
            "self" => Some(self.here.iter().chain(&segments[1..]).cloned().collect()),
            "super" => {
                let supers = segments.iter().take_while(|s| *s == "super").count();
                // Inside `mod tests { use super::* }`, super is the file module again.
                let climb = supers.saturating_sub(self.depth);
                let base = self.here.len().checked_sub(climb)?;
                Some(self.here[..base].iter().chain(&segments[supers..]).cloned().collect())
            }
            // A child module of this file, named without `self::`.
            name if self.module.items.contains(name) && self.is_child_module(name) => {
                Some(self.here.iter().chain(segments).cloned().collect())
            }
            _ => None,
        }
    }

    fn is_child_module(&self, name: &str) -> bool {
        let dir = if self.module.file.ends_with("mod.rs")
            || self.module.file.ends_with("lib.rs")
            || self.module.file.ends_with("main.rs")
        {
            self.module.file.parent().unwrap().to_path_buf()
        } else {
            self.module.file.with_extension("")
        };
        dir.join(format!("{name}.rs")).is_file() || dir.join(name).join("mod.rs").is_file()
    }

    fn add(&mut self, segments: &[String], line: usize) {
        if let Some(abs) = self.resolve(segments) {
            self.module.refs.push((abs, line));
        }
    }

    /// `crate::a::b`, `super::x` and child-module paths inside a macro's tokens.
    fn scan_tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                TokenTree::Group(g) => self.scan_tokens(g.stream()),
                TokenTree::Ident(id) => {
                    let mut segments = vec![id.to_string()];
                    let line = id.span().start().line;
                    let mut j = i + 1;
                    while let (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)), Some(TokenTree::Ident(next))) =
                        (trees.get(j), trees.get(j + 1), trees.get(j + 2))
                    {
                        if a.as_char() != ':' || b.as_char() != ':' {
                            break;
                        }
                        segments.push(next.to_string());
                        j += 3;
                    }
                    if segments.len() > 1 {
                        self.add(&segments, line);
                    }
                    i = j - 1;
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree, public: bool, line: usize) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree, public, line);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                let full: Vec<String> = if name == "self" {
                    prefix.clone()
                } else {
                    prefix.iter().cloned().chain([name.clone()]).collect()
                };
                self.reexport(&full, full.last().cloned().unwrap_or_default(), public, line);
            }
            syn::UseTree::Rename(r) => {
                let full: Vec<String> = if r.ident == "self" {
                    prefix.clone()
                } else {
                    prefix.iter().cloned().chain([r.ident.to_string()]).collect()
                };
                self.reexport(&full, r.rename.to_string(), public, line);
            }
            syn::UseTree::Glob(_) => {
                if let Some(abs) = self.resolve(prefix) {
                    if public && self.depth == 0 {
                        self.module.globs.push(abs.clone());
                    }
                    self.module.refs.push((abs, line));
                }
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t, public, line);
                }
            }
        }
    }

    fn reexport(&mut self, full: &[String], name: String, public: bool, line: usize) {
        let Some(abs) = self.resolve(full) else { return };
        if public && self.depth == 0 {
            self.module.reexports.insert(name, abs.clone());
        }
        self.module.refs.push((abs, line));
    }
}

impl<'ast> Visit<'ast> for Collect {
    fn visit_file(&mut self, file: &'ast syn::File) {
        // Names first, so that paths through child modules resolve wherever they appear.
        for item in &file.items {
            let name = match item {
                syn::Item::Const(i) => Some(i.ident.to_string()),
                syn::Item::Enum(i) => Some(i.ident.to_string()),
                syn::Item::Fn(i) => Some(i.sig.ident.to_string()),
                syn::Item::Macro(i) => i.ident.as_ref().map(|i| i.to_string()),
                syn::Item::Mod(i) => Some(i.ident.to_string()),
                syn::Item::Static(i) => Some(i.ident.to_string()),
                syn::Item::Struct(i) => Some(i.ident.to_string()),
                syn::Item::Trait(i) => Some(i.ident.to_string()),
                syn::Item::Type(i) => Some(i.ident.to_string()),
                syn::Item::Union(i) => Some(i.ident.to_string()),
                _ => None,
            };
            self.module.items.extend(name);
        }
        syn::visit::visit_file(self, file);
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        // Test code is not part of the crate that ships: `#[cfg(test)] mod tests` may use anything.
        let attrs: &[syn::Attribute] = match item {
            syn::Item::Mod(i) => &i.attrs,
            syn::Item::Use(i) => &i.attrs,
            syn::Item::Fn(i) => &i.attrs,
            syn::Item::Impl(i) => &i.attrs,
            _ => &[],
        };
        if !attrs.iter().any(is_cfg_test) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if m.content.is_some() {
            self.depth += 1;
            syn::visit::visit_item_mod(self, m);
            self.depth -= 1;
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let public = !matches!(u.vis, syn::Visibility::Inherited);
        let line = u.span().start().line;
        self.use_tree(&mut Vec::new(), &u.tree, public, line);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if segments.len() > 1 {
            self.add(&segments, path.span().start().line);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.scan_tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}
