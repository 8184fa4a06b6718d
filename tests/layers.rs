//! The code reads bottom-up: no file of `src/` depends on a file that depends back on
//! it, however long the way round. Dependencies are read from the source itself (paths
//! `crate::…`, `super::…`, `self::…` in `use` lines and in code); a folder's `mod.rs`
//! and the files directly in that folder are one unit (the folder's front door declares
//! and re-exports them), everything else must form no circle. A circle is named file by
//! file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `src/core/import/pdf.rs` → ["core", "import", "pdf"]; `mod.rs` and `lib.rs` name
/// their folder.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without comments and string literals (a path in a doc comment or a
/// message is no dependency).
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < b.len() {
        if b[i] == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if b[i] == '/' && b.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if b[i] == 'r' && (b.get(i + 1) == Some(&'#') || b.get(i + 1) == Some(&'"')) {
            // raw string r"…" or r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(b[i]);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if b[i] == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == '\'' && b.get(i + 2) == Some(&'\'') {
            // a char literal such as '"'
            out.push_str("' '");
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// Paths the code names, as module paths from the crate root: `crate::a::b`,
/// `super::x` and `self::x` resolved against `here`, and each name in a `use` group
/// (`use crate::a::{b, c::d}`).
fn named_paths(code: &str, here: &[String], is_folder: bool) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    // the module a relative path starts from: a file's own module is where `self` is;
    // `super` of a file in a folder is the folder
    let base_self: Vec<String> = here.to_vec();
    let tokens: Vec<char> = code.chars().collect();
    let mut i = 0;
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < tokens.len() {
        let start_ok = i == 0 || !(ident(tokens[i - 1]) || tokens[i - 1] == ':');
        let rest: String = tokens[i..tokens.len().min(i + 7)].iter().collect();
        let root = if start_ok && rest.starts_with("crate::") {
            Some((Vec::new(), 7))
        } else if start_ok && rest.starts_with("super::") {
            let mut base = base_self.clone();
            if !is_folder || !base.is_empty() {
                base.pop();
            }
            Some((base, 7))
        } else if start_ok && rest.starts_with("self::") {
            Some((base_self.clone(), 6))
        } else {
            None
        };
        let Some((mut base, skip)) = root else {
            i += 1;
            continue;
        };
        i += skip;
        // further `super::` steps
        loop {
            let rest: String = tokens[i..tokens.len().min(i + 7)].iter().collect();
            if rest.starts_with("super::") {
                base.pop();
                i += 7;
            } else {
                break;
            }
        }
        // the path, and a `{…}` group after it
        let mut path = base;
        let mut word = String::new();
        while i < tokens.len() {
            let c = tokens[i];
            if ident(c) {
                word.push(c);
                i += 1;
            } else if c == ':' && tokens.get(i + 1) == Some(&':') {
                path.push(std::mem::take(&mut word));
                i += 2;
            } else if c == '{' {
                // a group: each member is a path from here
                let mut depth = 0;
                let mut member = String::new();
                let mut members = Vec::new();
                while i < tokens.len() {
                    let c = tokens[i];
                    match c {
                        '{' => {
                            depth += 1;
                            if depth > 1 {
                                member.push(c);
                            }
                        }
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                members.push(std::mem::take(&mut member));
                                i += 1;
                                break;
                            }
                            member.push(c);
                        }
                        ',' if depth == 1 => members.push(std::mem::take(&mut member)),
                        c => member.push(c),
                    }
                    i += 1;
                }
                for m in members {
                    let m: String = m.split_whitespace().collect();
                    let mut p = path.clone();
                    for part in m.split("::") {
                        let part: String = part.chars().take_while(|c| ident(*c)).collect();
                        if !part.is_empty() && part != "self" {
                            p.push(part);
                        }
                    }
                    paths.push(p);
                }
                break;
            } else {
                break;
            }
        }
        if !word.is_empty() {
            path.push(word);
        }
        paths.push(path);
    }
    paths
}

/// The file a path lands in: the longest module prefix that is a file.
fn file_of<'m>(path: &[String], modules: &'m BTreeMap<Vec<String>, String>) -> Option<&'m String> {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n].to_vec()))
}

/// The files of one folder unit: a `mod.rs` and the files directly beside it.
fn same_unit(a: &[String], a_folder: bool, b: &[String], b_folder: bool) -> bool {
    let parent = |m: &[String], folder: bool| -> Vec<String> {
        if folder {
            m.to_vec()
        } else {
            m[..m.len().saturating_sub(1)].to_vec()
        }
    };
    (a_folder && parent(b, b_folder) == a) || (b_folder && parent(a, a_folder) == b)
}

fn graph() -> (BTreeMap<String, BTreeSet<String>>, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut modules: BTreeMap<Vec<String>, String> = BTreeMap::new();
    let mut folder: BTreeMap<String, bool> = BTreeMap::new();
    for f in &files {
        let name = f.strip_prefix(root).unwrap().display().to_string();
        let is_folder = matches!(
            f.file_name().and_then(|n| n.to_str()),
            Some("mod.rs" | "lib.rs" | "main.rs")
        );
        if f.file_name().is_some_and(|n| n == "main.rs") {
            continue; // the binary's root, beside the library's
        }
        modules.insert(module_of(&src, f), name.clone());
        folder.insert(name, is_folder);
    }
    let by_file: BTreeMap<String, Vec<String>> = modules
        .iter()
        .map(|(m, f)| (f.clone(), m.clone()))
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, module) in &by_file {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        // test modules inside a file are the file's own
        let code = code_only(&text);
        let is_folder = folder[file];
        let deps = edges.entry(file.clone()).or_default();
        for path in named_paths(&code, module, is_folder) {
            let Some(target) = file_of(&path, &modules) else {
                continue;
            };
            if target == file {
                continue;
            }
            let tm = &by_file[target];
            if same_unit(module, is_folder, tm, folder[target]) {
                continue;
            }
            // a folder's front door reaches into its own files' subfolders freely
            if is_folder && tm.starts_with(module) {
                continue;
            }
            deps.insert(target.clone());
        }
    }
    let n = by_file.len();
    (edges, n)
}

/// Strongly connected groups of more than one file (Tarjan).
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        if let Some(ws) = t.edges.get(v) {
            for w in ws {
                let w = w.as_str();
                if !t.index.contains_key(w) {
                    visit(t, w);
                    let l = t.low[w].min(t.low[v]);
                    t.low.insert(v, l);
                } else if t.on.contains(w) {
                    let l = t.index[w].min(t.low[v]);
                    t.low.insert(v, l);
                }
            }
        }
        if t.low[v] == t.index[v] {
            let mut group = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                group.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                t.out.push(group);
            }
        }
    }
    let mut t = T {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn no_file_depends_on_a_file_that_depends_back_on_it() {
    let (edges, files) = graph();
    assert!(files > 50, "the source was read ({files} files)");
    let found = circles(&edges);
    let shown: Vec<String> = found
        .iter()
        .map(|group| {
            // one way round, named file by file
            let members: BTreeSet<&str> = group.iter().map(String::as_str).collect();
            let uses: Vec<String> = group
                .iter()
                .map(|f| {
                    let inside: Vec<&str> = edges[f]
                        .iter()
                        .map(String::as_str)
                        .filter(|d| members.contains(d))
                        .collect();
                    format!("  {f} uses {}", inside.join(", "))
                })
                .collect();
            uses.join("\n")
        })
        .collect();
    assert!(
        found.is_empty(),
        "{} circle(s) between files:\n{}",
        found.len(),
        shown.join("\n\n")
    );
}

#[test]
fn the_reader_finds_a_circle_when_there_is_one() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.insert("a".into(), ["b".to_string()].into());
    edges.insert("b".into(), ["c".to_string()].into());
    edges.insert("c".into(), ["a".to_string()].into());
    edges.insert("d".into(), ["a".to_string()].into());
    assert_eq!(circles(&edges), vec![vec!["a", "b", "c"]]);
    let code = code_only(
        "use super::{store::{self, ParseError}, model::Form}; // crate::x\nlet s = \"crate::y\";",
    );
    let here = vec![
        "core".to_string(),
        "template".to_string(),
        "check".to_string(),
    ];
    let paths = named_paths(&code, &here, false);
    assert!(
        paths.contains(&vec!["core".into(), "template".into(), "store".into()]),
        "{paths:?}"
    );
    assert!(
        paths.contains(&vec![
            "core".into(),
            "template".into(),
            "model".into(),
            "Form".into()
        ]),
        "{paths:?}"
    );
    assert!(paths
        .iter()
        .all(|p| !p.contains(&"x".to_string()) && !p.contains(&"y".to_string())));
}
